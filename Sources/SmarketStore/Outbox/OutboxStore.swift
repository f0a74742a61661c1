import Foundation
import SmarketIngest

/// One record for an outbox folder, queued in the database in the transaction that caused it.
public struct OutboxRecord: Sendable, Hashable {
    /// A stable id, so consumers can de-duplicate a record that a crash made the daemon write twice.
    public var id: String
    public var outbox: String
    /// One JSON object, without a line break.
    public var payload: String
}

/// Queues outbox records inside transactions and hands them out after the commit.
public struct OutboxStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Queues a record; call inside the transaction whose change it reports.
    public func enqueue(outbox: String, payload: [String: Any], at now: Date) throws -> String {
        let id = OutboxID.make(at: now)
        var object = payload
        object["id"] = id
        object["created_at"] = Timestamp.string(now)
        try database.statement("INSERT INTO outbox_records (id, outbox, payload, created_at) VALUES (?1, ?2, ?3, ?4)")
            .bind(.text(id), .text(outbox), .text(JSONWriter.string(object)), .text(Timestamp.string(now)))
            .run()
        return id
    }

    /// Records not yet written to their outbox folder, oldest first.
    public func unwritten(limit: Int = 10_000) throws -> [OutboxRecord] {
        try database.statement(
            "SELECT id, outbox, payload FROM outbox_records WHERE written_at IS NULL ORDER BY created_at, rowid LIMIT ?1"
        ).bind(.integer(Int64(limit))).rows { row in
            OutboxRecord(id: row.text(0) ?? "", outbox: row.text(1) ?? "", payload: row.text(2) ?? "{}")
        }
    }

    /// Marks records written, after their file is durably in the outbox folder.
    public func markWritten(_ ids: [String], at now: Date) throws {
        try database.transaction {
            for id in ids {
                try database.statement("UPDATE outbox_records SET written_at = ?1 WHERE id = ?2")
                    .bind(.text(Timestamp.string(now)), .text(id)).run()
            }
        }
    }
}
