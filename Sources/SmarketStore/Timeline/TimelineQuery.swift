import Foundation
import SmarketIngest

/// Finds a lead and reads its timeline from every table that records something about it.
public struct TimelineQuery {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The lead columns shown at the top of a timeline, in this order.
    static let columns = [
        "id", "identity", "email", "phone", "first_name", "last_name", "full_name", "company",
        "job_title",
        "website", "country", "region", "city", "employees", "industry", "source", "campaign",
        "medium", "form",
        "consent", "stage", "score", "fit_score", "engagement_score", "intent_score", "owner",
        "team",
        "assigned_at", "source_created_at", "created_at", "updated_at", "first_touch_at", "notes",
        "custom",
        "invalid",
    ]

    /// Finds the lead that a reference names: a lead id (digits), an email address, a phone number
    /// or a stored identity such as `erased:12`.
    /// - Returns: The lead id, or nil when no lead matches.
    public func findLead(_ reference: String) throws -> Int64? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCII), let id = Int64(text),
            let found = try database.statement("SELECT id FROM leads WHERE id = ?1").bind(
                .integer(id)
            ).scalarInt()
        {
            return found
        }
        if let found = try database.statement("SELECT id FROM leads WHERE identity = ?1").bind(
            .text(text)
        )
        .scalarInt() {
            return found
        }
        if let email = EmailAddress.normalize(text) {
            return try database.statement(
                "SELECT id FROM leads WHERE identity = ?1 OR email = ?1 ORDER BY id LIMIT 1"
            )
            .bind(.text(email)).scalarInt()
        }
        if let phone = PhoneNumber.normalize(text, rowCountry: nil, localeCountry: nil)?.e164 {
            return try database.statement(
                "SELECT id FROM leads WHERE identity = ?1 OR phone = ?2 ORDER BY id LIMIT 1"
            ).bind(.text("tel:" + phone), .text(phone)).scalarInt()
        }
        return nil
    }

    /// Reads the lead's fields and timeline, or returns nil when the id names no lead.
    public func timeline(leadID: Int64) throws -> LeadTimeline? {
        let statement = try database.statement(
            "SELECT \(Self.columns.joined(separator: ", ")) FROM leads WHERE id = ?1")
        let rows = try statement.bind(.integer(leadID)).rows {
            row -> [(name: String, value: String)] in
            Self.columns.enumerated().compactMap { index, name in
                guard let value = row.text(Int32(index)), !value.isEmpty, value != "{}" else {
                    return nil
                }
                return (name, value)
            }
        }
        guard let fields = rows.first else { return nil }
        var entries: [TimelineEntry] = []
        entries += try historyEntries(leadID)
        entries += try eventEntries(leadID)
        entries += try scoreEntries(leadID)
        entries += try routingEntries(leadID)
        entries += try taskEntries(leadID)
        entries += try slaEntries(leadID)
        entries.sort(by: TimelineEntry.precedes)
        return LeadTimeline(leadID: leadID, fields: fields, entries: entries)
    }
}
