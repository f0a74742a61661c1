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
    public func leads(matching filter: LeadFilter = LeadFilter(), now: Date = Date()) throws -> [LeadListing] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let owner = filter.owner {
            values.append(.text(owner))
            conditions.append("l.owner = ?\(values.count)")
        }
        if let stage = filter.stage {
            values.append(.text(stage))
            conditions.append("l.stage = ?\(values.count)")
        }
        if let slaState = filter.slaState {
            values.append(.text(slaState))
            values.append(.text(Timestamp.string(now)))
            conditions.append("\(Self.slaStateSQL(now: "?\(values.count)")) = ?\(values.count - 1)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        if filter.slaState == nil { values.append(.text(Timestamp.string(now))) }
        let nowParameter = "?\(values.count)"
        let statement = try statement(
            """
            SELECT l.id, l.email, l.phone, l.first_name, l.last_name, l.company, l.country, l.source, l.campaign,
                l.score, l.stage, l.owner, l.created_at, l.first_touch_at, d.due_at,
                \(Self.slaStateSQL(now: nowParameter))
            FROM leads l
            LEFT JOIN sla_deadlines d ON d.id = (SELECT MAX(id) FROM sla_deadlines WHERE lead_id = l.id)
            \(whereClause) ORDER BY l.id
            """
        )
        return try statement.bind(values).rows { row in
            LeadListing(
                id: row.int(0), email: row.text(1), phone: row.text(2), firstName: row.text(3), lastName: row.text(4),
                company: row.text(5), country: row.text(6), source: row.text(7), campaign: row.text(8),
                score: row.double(9), stage: row.text(10) ?? "lead", owner: row.text(11), createdAt: row.text(12) ?? "",
                firstTouchAt: row.text(13), slaDueAt: row.text(14), slaState: row.text(15) ?? "none")
        }
    }

    /// The SLA state of a lead's current deadline `d`: `at_risk` is an open deadline past its warning time.
    static func slaStateSQL(now: String) -> String {
        """
        CASE WHEN d.id IS NULL THEN 'none'
            WHEN d.state = 'open' AND d.warn_at IS NOT NULL AND d.warn_at <= \(now) THEN 'at_risk'
            WHEN d.state = 'open' AND d.due_at <= \(now) THEN 'at_risk'
            WHEN d.state = 'reassigned' OR d.state = 'closed' THEN 'none'
            ELSE d.state END
        """
    }
}
