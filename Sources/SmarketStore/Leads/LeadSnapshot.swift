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
        guard let email, let at = email.lastIndex(of: "@") else { return nil }
        return String(email[email.index(after: at)...]).lowercased()
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
        // Inside a transaction only this connection writes, so an unchanged count means an unchanged row.
        if database.isInTransaction, let cached = database.snapshotCache, cached.leadID == id,
            cached.totalChanges == database.totalChanges
        {
            return cached.snapshot
        }
        guard let snapshot = try loadSnapshot(id) else { return nil }
        if database.isInTransaction {
            database.snapshotCache = (id, database.totalChanges, snapshot)
        }
        return snapshot
    }

    private func loadSnapshot(_ id: Int64) throws -> LeadSnapshot? {
        let statement = try database.statement(Self.snapshotSQL)
        statement.bind(.integer(id))
        guard try statement.step() else { return nil }
        defer { _ = try? statement.step() }
        var fields: [String: String] = [:]
        for (offset, entry) in Self.fieldColumns.enumerated() {
            if let text = statement.text(Int32(9 + offset)), !text.isEmpty { fields[entry.field.rawValue] = text }
        }
        let email = statement.text(0)
        let phone = statement.text(1)
        if let email { fields["email"] = email }
        if let phone { fields["phone"] = phone }
        for (name, value) in JSONText.decode(statement.text(2)) where !value.isEmpty {
            fields["custom." + name] = value
        }
        return LeadSnapshot(
            id: id, email: email, phone: phone, fields: fields,
            stage: LeadStage(rawValue: statement.text(3) ?? "lead") ?? .lead, score: statement.double(4),
            owner: statement.text(5), team: statement.text(6), createdAt: Timestamp.date(statement.text(7)),
            unassignedSince: Timestamp.date(statement.text(8)))
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
