import Foundation
import SmarketIngest

/// The counts of one erasure in the database.
public struct ErasureSummary: Sendable, Hashable {
    /// The leads whose personal fields were cleared; their rows stay, anonymous, for the counts.
    public var leadIDs: [Int64] = []
    /// Rejected rows deleted from `rejects`.
    public var rejectsDeleted = 0
    /// Outbox records whose payload lost the person's fields.
    public var outboxRecordsScrubbed = 0
    /// Whether the write-ahead log was emptied; false when another connection kept a read open.
    public var walTruncated = false

    public init() {}
}

/// Erases a person's personal data from the database while keeping their leads as anonymous rows.
public struct ErasureStore {
    let database: Database

    /// The lead columns that hold personal data, cleared by an erasure.
    static let personalColumns = [
        "email", "phone", "first_name", "last_name", "full_name", "notes",
    ]
    /// The keys removed from outbox payloads that belong to the person.
    static let personalKeys: Set<String> = [
        "email", "phone", "first_name", "last_name", "full_name", "name", "notes", "custom",
        "invalid",
    ]
    /// The text that replaces a personal value inside free text (task titles, notes, routing reasons).
    public static let placeholder = "(erased)"

    public init(database: Database) {
        self.database = database
    }

    /// Finds the person's leads and completes the matcher with every email and phone they carry.
    public func findPerson(_ matcher: PersonMatcher) throws -> PersonMatcher {
        var person = matcher
        for email in matcher.emails {
            try collect(where: "identity = ?1 OR email = ?1", .text(email), into: &person)
        }
        for phone in matcher.phones {
            try collect(where: "identity = ?1", .text("tel:" + phone), into: &person)
            try collect(where: "phone = ?1", .text(phone), into: &person)
        }
        return person
    }

    private func collect(
        where condition: String, _ value: SQLValue, into person: inout PersonMatcher
    ) throws {
        let rows = try database.statement("SELECT id, email, phone FROM leads WHERE \(condition)")
            .bind(value).rows {
                ($0.int(0), $0.text(1), $0.text(2))
            }
        for (id, email, phone) in rows {
            person.leadIDs.insert(id)
            person.add(email: email, phone: phone)
        }
    }

    /// Returns the person's stored values (emails, phones, names, notes, custom and invalid values)
    /// of at least three characters, longest first, for replacing them inside free text.
    public func freeTexts(of person: PersonMatcher) throws -> [String] {
        var values = Array(person.emails) + Array(person.phones)
        for id in person.leadIDs {
            values += try personalValues(of: id)
        }
        return Array(Set(values.filter { $0.count >= 3 })).sorted {
            ($0.count, $0) > ($1.count, $1)
        }
    }

    /// Clears the person's data from every table in one transaction, records the erasure with a
    /// salted hash, then rewrites the database file and empties its write-ahead log so that no
    /// deleted page keeps the values.
    /// - Parameters:
    ///   - person: The matcher from ``findPerson(_:)``.
    ///   - filesRewritten: The files the caller rewrote or deleted, for the `erasures` row.
    /// - Throws: `StoreError` when a statement fails; the transaction then rolls back.
    public func erase(_ person: PersonMatcher, filesRewritten: Int, at now: Date) throws
        -> ErasureSummary
    {
        var summary = ErasureSummary()
        summary.leadIDs = person.leadIDs.sorted()
        let nowText = Timestamp.string(now)
        // secure_delete overwrites deleted content with zeros instead of leaving it in free pages.
        try database.execute("PRAGMA secure_delete = ON")
        try database.transaction {
            let freeTexts = try freeTexts(of: person)
            for id in summary.leadIDs {
                try eraseLead(id, freeTexts: freeTexts, at: nowText)
            }
            summary.rejectsDeleted = try deleteRejects(person)
            summary.outboxRecordsScrubbed = try scrubOutboxRecords(person, freeTexts: freeTexts)
            let salt = try PersonHash.saltCreatingIfMissing(in: database)
            let hash = try PersonHash.hash(identity: person.identity ?? "", salt: salt)
            try database.statement(
                "INSERT INTO erasures (at, person_hash, leads_erased, files_rewritten) VALUES (?1, ?2, ?3, ?4)"
            ).bind(
                .text(nowText), .text(hash), .integer(Int64(summary.leadIDs.count)),
                .integer(Int64(filesRewritten))
            )
            .run()
        }
        summary.walTruncated = try compact()
        return summary
    }

    /// Collects the lead's personal values as stored, earlier ones from the history included: names, email, phone, notes, custom and invalid values.
    private func personalValues(of id: Int64) throws -> [String] {
        let columns = Self.personalColumns.joined(separator: ", ")
        let rows = try database.statement(
            "SELECT \(columns), custom, invalid FROM leads WHERE id = ?1"
        )
        .bind(.integer(id)).rows { row -> [String] in
            var values = (0..<Int32(Self.personalColumns.count)).compactMap { row.text($0) }
            values += JSONText.decode(row.text(Int32(Self.personalColumns.count))).values
            values += JSONText.decode(row.text(Int32(Self.personalColumns.count + 1))).values
            return values
        }
        let fields = (Self.personalColumns + ["custom", "invalid"]).map { "'\($0)'" }.joined(
            separator: ", ")
        // Values the lead had before a merge replaced them are only in the history.
        let earlier = try database.statement(
            """
            SELECT old_value, new_value FROM lead_history
            WHERE lead_id = ?1 AND (field IN (\(fields)) OR field LIKE 'custom.%' OR field LIKE 'invalid.%')
            """
        ).bind(.integer(id)).rows { [$0.text(0), $0.text(1)].compactMap { $0 } }
        return rows.flatMap { $0 } + earlier.flatMap { $0 }
    }

    private func eraseLead(_ id: Int64, freeTexts: [String], at now: String) throws {
        let cleared = Self.personalColumns.map { "\($0) = NULL" }.joined(separator: ", ")
        try database.statement(
            "UPDATE leads SET identity = ?1, \(cleared), custom = '{}', invalid = '{}', updated_at = ?2 WHERE id = ?3"
        ).bind(.text("erased:\(id)"), .text(now), .integer(id)).run()
        let fields = (Self.personalColumns + ["custom", "invalid"]).map { "'\($0)'" }.joined(
            separator: ", ")
        try database.statement(
            """
            UPDATE lead_history SET old_value = NULL, new_value = NULL
            WHERE lead_id = ?1 AND (field IN (\(fields)) OR field LIKE 'custom.%' OR field LIKE 'invalid.%')
            """
        ).bind(.integer(id)).run()
        // Notes quote the invalid values of a row, which may be the person's.
        try database.statement(
            "UPDATE lead_history SET detail = ?1 WHERE lead_id = ?2 AND kind = 'note'"
        )
        .bind(.text(Self.placeholder), .integer(id)).run()
        for (table, column) in [
            ("tasks", "title"), ("routing_decisions", "reason"), ("sla_log", "detail"),
            ("lead_history", "detail"),
            ("lead_history", "old_value"), ("lead_history", "new_value"), ("events", "value"),
        ] {
            try scrub(table: table, column: column, leadID: id, freeTexts: freeTexts)
        }
        try database.statement(
            "INSERT INTO lead_history (lead_id, at, kind, detail) VALUES (?1, ?2, 'erased', ?3)"
        ).bind(
            .integer(id), .text(now),
            .text(
                "names, email, phone, notes, custom attributes and invalid values removed by smarketd forget"
            )
        ).run()
    }

    /// Replaces each personal value inside the column's text with the placeholder.
    private func scrub(table: String, column: String, leadID: Int64, freeTexts: [String]) throws {
        let rows = try database.statement(
            "SELECT id, \(column) FROM \(table) WHERE lead_id = ?1 AND \(column) IS NOT NULL"
        )
        .bind(.integer(leadID)).rows { ($0.int(0), $0.text(1) ?? "") }
        for (rowID, text) in rows {
            var scrubbed = text
            for value in freeTexts {
                scrubbed = scrubbed.replacingOccurrences(
                    of: value, with: Self.placeholder, options: [.caseInsensitive])
            }
            guard scrubbed != text else { continue }
            try database.statement("UPDATE \(table) SET \(column) = ?1 WHERE id = ?2")
                .bind(.text(scrubbed), .integer(rowID)).run()
        }
    }

    private func deleteRejects(_ person: PersonMatcher) throws -> Int {
        let rows = try database.statement("SELECT id, fields FROM rejects").bind([]).rows {
            ($0.int(0), $0.text(1) ?? "[]")
        }
        var deleted = 0
        for (id, fields) in rows {
            guard
                let pairs = try? JSONSerialization.jsonObject(with: Data(fields.utf8))
                    as? [[String]],
                pairs.contains(where: { $0.count == 2 && person.matches($0[1]) })
            else { continue }
            try database.statement("DELETE FROM rejects WHERE id = ?1").bind(.integer(id)).run()
            deleted += 1
        }
        return deleted
    }

    private func scrubOutboxRecords(_ person: PersonMatcher, freeTexts: [String]) throws -> Int {
        let rows = try database.statement("SELECT id, payload FROM outbox_records").bind([]).rows {
            ($0.text(0) ?? "", $0.text(1) ?? "{}")
        }
        var scrubbed = 0
        for (id, payload) in rows {
            guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)),
                person.matches(json: object)
            else { continue }
            let cleaned = Self.removePersonalData(object, freeTexts: freeTexts)
            let text = (cleaned as? [String: Any]).map(JSONWriter.string) ?? "{}"
            try database.statement("UPDATE outbox_records SET payload = ?1 WHERE id = ?2")
                .bind(.text(text), .text(id)).run()
            scrubbed += 1
        }
        return scrubbed
    }

    /// Drops personal keys at any depth and replaces personal values inside the remaining strings.
    static func removePersonalData(_ value: Any, freeTexts: [String]) -> Any {
        switch value {
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            // The engine's notices carry custom attributes as `custom.NAME` inside `fields`.
            for (key, member) in object where !personalKeys.contains(key) && !key.hasPrefix("custom.") {
                result[key] = removePersonalData(member, freeTexts: freeTexts)
            }
            return result
        case let array as [Any]:
            return array.map { removePersonalData($0, freeTexts: freeTexts) }
        case let text as String:
            return freeTexts.reduce(text) {
                $0.replacingOccurrences(of: $1, with: placeholder, options: [.caseInsensitive])
            }
        default:
            return value
        }
    }

    /// Rewrites the database file without free pages and empties the write-ahead log.
    /// - Returns: false when a reader (such as the running daemon) kept the log from being emptied.
    func compact() throws -> Bool {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try database.execute("VACUUM")
        let busy = try database.statement("PRAGMA wal_checkpoint(TRUNCATE)").scalarInt() ?? 1
        return busy == 0
    }
}
