import Foundation
import SmarketIngest
import SmarketRules

/// What one accepted row did to the leads table.
public enum LeadChange: Sendable, Hashable {
    case created(leadID: Int64)
    /// The row matched an existing lead and changed these fields.
    case merged(leadID: Int64, changedFields: [String])
    /// The row matched an existing lead and brought nothing new.
    case unchanged(leadID: Int64)

    public var leadID: Int64 {
        switch self {
        case .created(let id), .merged(let id, _), .unchanged(let id): id
        }
    }
}

/// Where a row came from, for the lead's history.
public struct RowOrigin: Sendable, Hashable {
    public var fileID: Int64
    public var line: Int

    public init(fileID: Int64, line: Int) {
        self.fileID = fileID
        self.line = line
    }
}

/// Creates and merges leads, one per normalized email (or phone without an email), keeping every change
/// in `lead_history`.
public struct LeadStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The lead fields stored in columns of their own, besides email and phone.
    static let fieldColumns: [(field: LeadField, column: String)] = LeadField.allCases.compactMap { field in
        switch field {
        case .email, .phone: nil
        case .createdAt: (field, "source_created_at")
        default: (field, field.rawValue)
        }
    }

    /// Applies one accepted row: creates the lead or merges the row into the lead with the same identity.
    /// - Throws: `StoreError` on database failures; the caller's transaction then rolls back.
    public func apply(_ row: NormalizedLead, origin: RowOrigin, at now: Date) throws -> LeadChange {
        guard let identity = row.identity else {
            throw StoreError(code: 0, message: "a row without email or phone reached the store")
        }
        let nowText = Timestamp.string(now)
        if let existing = try findLead(for: row) {
            return try merge(row, into: existing, origin: origin, at: nowText)
        }
        return .created(leadID: try insert(row, identity: identity, origin: origin, at: nowText))
    }

    private func findLead(for row: NormalizedLead) throws -> StoredLead? {
        if let email = row.email {
            if let lead = try load(Self.loadByIdentitySQL, .text(email)) { return lead }
            // A lead first known only by its phone takes the email when a later row brings both.
            if let phone = row.phone {
                return try load(Self.loadByIdentitySQL, .text("tel:" + phone))
            }
            return nil
        }
        guard let phone = row.phone else { return nil }
        if let lead = try load(Self.loadByIdentitySQL, .text("tel:" + phone)) { return lead }
        return try load(Self.loadByPhoneSQL, .text(phone))
    }

    /// The lookups of `findLead(for:)`, built once because every row runs one or two of them.
    private static let loadSQL =
        "SELECT id, identity, email, phone, custom, invalid, \(fieldColumns.map(\.column).joined(separator: ", ")) "
        + "FROM leads WHERE "
    private static let loadByIdentitySQL = loadSQL + "identity = ?1"
    private static let loadByPhoneSQL = loadSQL + "phone = ?1 ORDER BY id LIMIT 1"

    private func load(_ sql: String, _ value: SQLValue) throws -> StoredLead? {
        let statement = try database.statement(sql)
        statement.bind(value)
        guard try statement.step() else { return nil }
        defer { _ = try? statement.step() }
        var fields: [LeadField: String] = [:]
        for (offset, entry) in Self.fieldColumns.enumerated() {
            if let text = statement.text(Int32(6 + offset)) { fields[entry.field] = text }
        }
        return StoredLead(
            id: statement.int(0),
            identity: statement.text(1) ?? "",
            email: statement.text(2),
            phone: statement.text(3),
            custom: JSONText.decode(statement.text(4)),
            invalid: JSONText.decode(statement.text(5)),
            fields: fields
        )
    }

    private func insert(_ row: NormalizedLead, identity: String, origin: RowOrigin, at now: String) throws -> Int64 {
        var fields = row.fields
        let stage = fields[.stage].flatMap(LeadStage.init(rawValue:)) ?? .lead
        fields[.stage] = stage.rawValue
        var values: [SQLValue] = [
            .text(identity), .optional(row.email), .optional(row.phone),
            .text(JSONText.encode(row.custom)), .text(JSONText.encode(row.invalidByName)), .text(now), .text(now),
        ]
        values += Self.fieldColumns.map { SQLValue.optional(fields[$0.field]) }
        try database.statement(Self.insertSQL).bind(values).run()
        let id = database.lastInsertRowID
        cacheInserted(id, email: row.email, phone: row.phone, fields: fields, custom: row.custom, stage: stage, at: now)
        try recordHistory(id, kind: "created", origin: origin, at: now)
        for note in row.notes {
            try recordHistory(id, kind: "note", origin: origin, at: now, detail: note)
        }
        return id
    }

    /// Built once, like `mergeSQL`: joining the column names for every new lead cost a tenth of its insert.
    static let insertSQL: String = {
        let names = ["identity", "email", "phone", "custom", "invalid", "created_at", "updated_at"]
            + fieldColumns.map(\.column)
        let placeholders = (1...names.count).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO leads (\(names.joined(separator: ", "))) VALUES (\(placeholders))"
    }()

    /// The columns a merge may set, in the order of `mergeSQL`'s parameters after `updated_at` (?1) and
    /// the id (?2). The stage has its own statement, because an update of it fires the rep load trigger.
    static let mergeColumns = ["identity", "email", "phone", "custom", "invalid"]
        + fieldColumns.map(\.column).filter { $0 != "stage" }

    /// One statement for every merge, with NULL for a column that keeps its value: a statement per set of
    /// changed columns filled the statement cache with hundreds of prepared statements, 200 MB over an
    /// import of a million rows.
    static let mergeSQL =
        "UPDATE leads SET updated_at = ?1, "
        + mergeColumns.enumerated().map { "\($1) = COALESCE(?\($0 + 3), \($1))" }.joined(separator: ", ")
        + " WHERE id = ?2"

    /// Sets the assigned columns of a lead. Every value is non-empty, so NULL can mean "unchanged".
    private func update(_ id: Int64, _ assignments: [String: String], at now: String) throws {
        if let stage = assignments["stage"] {
            try database.statement("UPDATE leads SET stage = ?1 WHERE id = ?2").bind(.text(stage), .integer(id)).run()
        }
        let values = [.text(now), .integer(id)] + Self.mergeColumns.map { SQLValue.optional(assignments[$0]) }
        try database.statement(Self.mergeSQL).bind(values).run()
    }

    private func merge(_ row: NormalizedLead, into lead: StoredLead, origin: RowOrigin, at now: String) throws -> LeadChange {
        let incomingIsNewer = isNewer(row, than: lead)
        var assignments: [String: String] = [:]
        var changed: [String] = []

        func consider(_ name: String, column: String, old: String?, new: String?, isDefault: Bool = false) throws {
            guard let new, !new.isEmpty, new != old else { return }
            guard old == nil || old!.isEmpty || (incomingIsNewer && !isDefault) else { return }
            assignments[column] = new
            changed.append(name)
            try recordHistory(lead.id, kind: "field", origin: origin, at: now, field: name, old: old, new: new)
        }

        if lead.email == nil, let email = row.email {
            try consider("email", column: "email", old: nil, new: email)
            assignments["identity"] = email
        }
        try consider("phone", column: "phone", old: lead.phone, new: row.phone)
        for (field, column) in Self.fieldColumns where field != .stage {
            try consider(
                field.rawValue, column: column, old: lead.fields[field], new: row.fields[field],
                isDefault: row.defaulted.contains(field))
        }
        if let incoming = row.fields[.stage].flatMap(LeadStage.init(rawValue:)),
            let current = lead.fields[.stage].flatMap(LeadStage.init(rawValue:)), current.precedes(incoming)
        {
            assignments["stage"] = incoming.rawValue
            changed.append("stage")
            try recordHistory(
                lead.id, kind: "stage", origin: origin, at: now, field: "stage", old: current.rawValue,
                new: incoming.rawValue)
        }
        var custom = lead.custom
        for (name, value) in row.custom.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
            let old = custom[name]
            guard value != old, old == nil || old!.isEmpty || incomingIsNewer else { continue }
            custom[name] = value
            changed.append("custom." + name)
            try recordHistory(lead.id, kind: "field", origin: origin, at: now, field: "custom." + name, old: old, new: value)
        }
        if custom != lead.custom { assignments["custom"] = JSONText.encode(custom) }
        let invalid = lead.invalid.merging(row.invalidByName) { _, new in new }
        if invalid != lead.invalid { assignments["invalid"] = JSONText.encode(invalid) }

        try recordHistory(lead.id, kind: "merged", origin: origin, at: now, detail: changed.joined(separator: ", "))
        for note in row.notes {
            try recordHistory(lead.id, kind: "note", origin: origin, at: now, detail: note)
        }
        guard !assignments.isEmpty else { return .unchanged(leadID: lead.id) }
        try update(lead.id, assignments, at: now)
        return changed.isEmpty ? .unchanged(leadID: lead.id) : .merged(leadID: lead.id, changedFields: changed)
    }

    /// A row replaces existing values unless both carry a creation time and the row's is older.
    private func isNewer(_ row: NormalizedLead, than lead: StoredLead) -> Bool {
        guard let incoming = Timestamp.date(row.fields[.createdAt]),
            let current = Timestamp.date(lead.fields[.createdAt])
        else { return true }
        return incoming >= current
    }

    func recordHistory(
        _ leadID: Int64, kind: String, origin: RowOrigin?, at now: String, field: String? = nil,
        old: String? = nil, new: String? = nil, detail: String? = nil
    ) throws {
        try database.statement(
            """
            INSERT INTO lead_history (lead_id, at, kind, field, old_value, new_value, file_id, line, detail)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """
        ).bind(
            .integer(leadID), .text(now), .text(kind), .optional(field), .optional(old), .optional(new),
            .optional(origin?.fileID), .optional(origin.map { Int64($0.line) }), .optional(detail)
        ).run()
    }
}

/// The columns of an existing lead that a merge compares against.
struct StoredLead {
    var id: Int64
    var identity: String
    var email: String?
    var phone: String?
    var custom: [String: String]
    var invalid: [String: String]
    var fields: [LeadField: String]
}

extension NormalizedLead {
    /// The invalid values keyed by field name, as stored.
    var invalidByName: [String: String] {
        Dictionary(uniqueKeysWithValues: invalid.map { ($0.key.rawValue, $0.value) })
    }
}
