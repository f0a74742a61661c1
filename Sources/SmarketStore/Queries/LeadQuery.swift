import Foundation
import SmarketIngest

/// One lead as the `leads` command lists it.
public struct LeadListing: Sendable, Hashable {
    public var id: Int64
    public var email: String?
    public var phone: String?
    public var firstName: String?
    public var lastName: String?
    public var company: String?
    public var country: String?
    public var source: String?
    public var campaign: String?
    public var score: Double
    public var stage: String
    public var owner: String?
    public var createdAt: String
    public var firstTouchAt: String?
    public var slaDueAt: String?
    /// `open`, `at_risk`, `breached`, `met` or `none`.
    public var slaState: String
}

/// Filters of the `leads` command; nil means any.
public struct LeadFilter: Sendable {
    public var owner: String?
    public var stage: String?
    public var slaState: String?

    public init(owner: String? = nil, stage: String? = nil, slaState: String? = nil) {
        self.owner = owner
        self.stage = stage
        self.slaState = slaState
    }
}

extension Database {
    /// Lists leads in creation order.
    public func leads(matching filter: LeadFilter = LeadFilter()) throws -> [LeadListing] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let owner = filter.owner {
            values.append(.text(owner))
            conditions.append("owner = ?\(values.count)")
        }
        if let stage = filter.stage {
            values.append(.text(stage))
            conditions.append("stage = ?\(values.count)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let statement = try statement(
            """
            SELECT id, email, phone, first_name, last_name, company, country, source, campaign, score, stage,
                owner, created_at, first_touch_at
            FROM leads \(whereClause) ORDER BY id
            """
        )
        let rows = try statement.bind(values).rows { row in
            LeadListing(
                id: row.int(0), email: row.text(1), phone: row.text(2), firstName: row.text(3), lastName: row.text(4),
                company: row.text(5), country: row.text(6), source: row.text(7), campaign: row.text(8),
                score: row.double(9), stage: row.text(10) ?? "lead", owner: row.text(11), createdAt: row.text(12) ?? "",
                firstTouchAt: row.text(13), slaDueAt: nil, slaState: "none")
        }
        guard let slaState = filter.slaState else { return rows }
        return rows.filter { $0.slaState == slaState }
    }
}
