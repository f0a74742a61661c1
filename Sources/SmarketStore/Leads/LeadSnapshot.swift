import Foundation
import SmarketIngest

/// A lead's current state, as rules and automations see it.
public struct LeadSnapshot: Sendable {
    public var id: Int64
    public var email: String?
    public var phone: String?
    /// Lead field values by field name, and custom attributes as `custom.NAME`.
    public var fields: [String: String]
    public var stage: LeadStage
    public var score: Double
    public var owner: String?
    public var team: String?
    public var createdAt: Date?
    public var unassignedSince: Date?

    /// The domain of the email, lower-cased, for account ownership.
    public var emailDomain: String? {
        // Searching the UTF-8 bytes skips the grapheme breaking that a Character search pays for.
        guard let email else { return nil }
        let domain = email.withUTF8Bytes { bytes in
            bytes.lastIndex(of: UInt8(ascii: "@")).map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        }
        return domain?.lowercased()
    }
}

extension LeadSnapshot {
    /// Returns the fields as conditions and task titles see them: each non-empty lead field by name,
    /// the email and the phone, and each non-empty custom attribute as `custom.NAME`.
    static func fields(
        _ values: [(LeadField, String)], email: String?, phone: String?, custom: [String: String]
    ) -> [String: String] {
        // Sized up front: growing one entry at a time rehashed the dictionary several times per lead.
        var fields: [String: String] = Dictionary(minimumCapacity: values.count + custom.count + 2)
        for (field, value) in values where !value.isEmpty { fields[field.rawValue] = value }
        if let email { fields[LeadField.email.rawValue] = email }
        if let phone { fields[LeadField.phone.rawValue] = phone }
        for (name, value) in custom where !value.isEmpty { fields["custom." + name] = value }
        return fields
    }
}

extension LeadStore {
    /// Built once: the statement cache is keyed by the SQL text, which the engine reads several times per lead.
    static let snapshotSQL = """
        SELECT email, phone, custom, stage, score, owner, team, created_at, unassigned_since, \(
            fieldColumns.map(\.column).joined(separator: ", "))
        FROM leads WHERE id = ?1
        """

    /// Loads the lead's current state, or nil when no lead has this id.
    public func snapshot(_ id: Int64) throws -> LeadSnapshot? {
        // Inside a transaction only this connection writes, so an unchanged revision means an unchanged row.
        if database.isInTransaction, let cached = database.snapshotCache, cached.leadID == id,
            cached.leadRevision == database.leadRevision
        {
            return cached.snapshot
        }
        guard let snapshot = try loadSnapshot(id) else { return nil }
        if database.isInTransaction {
            database.snapshotCache = (id, database.leadRevision, snapshot)
        }
        return snapshot
    }

    /// Reads the lead again from the database. ``snapshot(_:)`` returns the cached copy where it can.
    private func loadSnapshot(_ id: Int64) throws -> LeadSnapshot? {
        let statement = try database.statement(Self.snapshotSQL)
        statement.bind(.integer(id))
        guard try statement.step() else { return nil }
        defer { _ = try? statement.step() }
        let values = Self.fieldColumns.enumerated().compactMap { offset, entry in
            statement.text(Int32(9 + offset)).map { (entry.field, $0) }
        }
        let email = statement.text(0)
        let phone = statement.text(1)
        let fields = LeadSnapshot.fields(values, email: email, phone: phone, custom: JSONText.decode(statement.text(2)))
        return LeadSnapshot(
            id: id, email: email, phone: phone, fields: fields,
            stage: LeadStage(rawValue: statement.text(3) ?? "lead") ?? .lead, score: statement.double(4),
            owner: statement.text(5), team: statement.text(6), createdAt: Timestamp.date(statement.text(7)),
            unassignedSince: Timestamp.date(statement.text(8)))
    }

    /// Caches the snapshot of a lead just inserted with these values, as ``loadSnapshot(_:)`` would read it,
    /// because the engine reads every new lead at once.
    func cacheInserted(
        _ id: Int64, email: String?, phone: String?, fields: [LeadField: String], custom: [String: String],
        stage: LeadStage, at now: String
    ) {
        guard database.isInTransaction else { return }
        // Cut at NUL first, because a value that starts with NUL is stored empty and then left out.
        let values = fields.compactMap { field, value in
            field == .email || field == .phone ? nil : (field, Self.stored(value))
        }
        let email = email.map(Self.stored)
        let phone = phone.map(Self.stored)
        let snapshot = LeadSnapshot(
            id: id, email: email, phone: phone,
            fields: LeadSnapshot.fields(values, email: email, phone: phone, custom: custom), stage: stage,
            score: 0, owner: nil, team: nil, createdAt: Timestamp.date(now), unassignedSince: nil)
        database.snapshotCache = (id, database.leadRevision, snapshot)
    }

    /// Returns text as SQLite keeps it: bound as a C string, it ends at the first NUL.
    private static func stored(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            guard let end = bytes.firstIndex(of: 0) else { return text }
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }

    /// Finds a lead by email, phone (E.164) or id.
    public func find(email: String? = nil, phone: String? = nil, id: Int64? = nil) throws -> Int64? {
        if let id {
            return try database.statement("SELECT id FROM leads WHERE id = ?1").bind(.integer(id)).scalarInt()
        }
        if let email {
            return try database.statement("SELECT id FROM leads WHERE identity = ?1").bind(.text(email)).scalarInt()
        }
        if let phone {
            return try database.statement(
                "SELECT id FROM leads WHERE identity = ?1 OR phone = ?2 ORDER BY identity = ?1 DESC, id LIMIT 1"
            ).bind(.text("tel:" + phone), .text(phone)).scalarInt()
        }
        return nil
    }

    /// Moves the lead to `stage` and records the change in its history.
    public func setStage(_ id: Int64, from old: LeadStage, to new: LeadStage, reason: String, at now: Date) throws {
        let nowText = Timestamp.string(now)
        try database.statement("UPDATE leads SET stage = ?1, updated_at = ?2 WHERE id = ?3")
            .bind(.text(new.rawValue), .text(nowText), .integer(id)).run()
        database.patchSnapshot(id) { lead in
            lead.stage = new
            lead.fields[LeadField.stage.rawValue] = new.rawValue
        }
        try recordHistory(
            id, kind: "stage", origin: nil, at: nowText, field: "stage", old: old.rawValue, new: new.rawValue,
            detail: reason)
    }

    /// Records the earliest sales touch of the lead.
    public func recordFirstTouch(_ id: Int64, at touch: Date) throws {
        try database.statement(
            "UPDATE leads SET first_touch_at = ?1 WHERE id = ?2 AND (first_touch_at IS NULL OR first_touch_at > ?1)"
        ).bind(.text(Timestamp.string(touch)), .integer(id)).run()
    }

    /// Adds a free-text entry to the lead's history.
    public func note(_ id: Int64, kind: String, detail: String, at now: Date) throws {
        try recordHistory(id, kind: kind, origin: nil, at: Timestamp.string(now), detail: detail)
    }
}

extension Database {
    /// Applies to the cached snapshot a write that just changed lead `id`'s row, so the next read needs
    /// no query. Does nothing unless that write is the only change to `leads` since the snapshot was read.
    func patchSnapshot(_ id: Int64, _ patch: (inout LeadSnapshot) -> Void) {
        guard var cached = snapshotCache, cached.leadID == id, cached.leadRevision &+ 1 == leadRevision else { return }
        patch(&cached.snapshot)
        cached.leadRevision = leadRevision
        snapshotCache = cached
    }
}
