import Foundation
import SmarketIngest

/// One follow-up task as the `tasks` command lists it.
public struct TaskListing: Sendable, Hashable {
    public var id: Int64
    public var leadID: Int64
    public var owner: String?
    public var title: String
    public var type: String
    public var dueAt: String
    /// `open`, `done` or `cancelled`.
    public var state: String
    public var createdAt: String
    public var automation: String?
}

/// Creates, moves and closes follow-up tasks.
public struct TaskStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Creates an open task and returns its id.
    public func create(
        leadID: Int64, owner: String?, title: String, type: String, dueAt: Date, automation: String?, at now: Date
    ) throws -> Int64 {
        try database.statement(
            """
            INSERT INTO tasks (lead_id, owner, title, type, due_at, state, created_at, automation)
            VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)
            """
        ).bind(
            .integer(leadID), .optional(owner), .text(title), .text(type), .text(Timestamp.string(dueAt)),
            .text(Timestamp.string(now)), .optional(automation)
        ).run()
        return database.lastInsertRowID
    }

    /// The open task of `type` that `automation` created for the lead, if there is one.
    public func openTaskID(of leadID: Int64, type: String, automation: String) throws -> Int64? {
        try database.statement(
            "SELECT id FROM tasks WHERE lead_id = ?1 AND state = 'open' AND type = ?2 AND automation = ?3 LIMIT 1"
        ).bind(.integer(leadID), .text(type), .text(automation)).rows { $0.int(0) }.first
    }

    /// Gives the lead's open tasks to `owner`; returns how many moved.
    @discardableResult
    public func moveOpenTasks(of leadID: Int64, to owner: String) throws -> Int {
        try database.statement("UPDATE tasks SET owner = ?1 WHERE lead_id = ?2 AND state = 'open'")
            .bind(.text(owner), .integer(leadID)).run()
        return database.changes
    }

    /// Marks the lead's open tasks of `type` done, as a sales touch of that type does; returns their ids.
    public func completeOpenTasks(of leadID: Int64, type: String, at now: Date) throws -> [Int64] {
        let ids = try database.statement("SELECT id FROM tasks WHERE lead_id = ?1 AND type = ?2 AND state = 'open'")
            .bind(.integer(leadID), .text(type)).rows { $0.int(0) }
        try database.statement(
            "UPDATE tasks SET state = 'done', closed_at = ?1 WHERE lead_id = ?2 AND type = ?3 AND state = 'open'"
        ).bind(.text(Timestamp.string(now)), .integer(leadID), .text(type)).run()
        return ids
    }

    /// Cancels the lead's open tasks, as closing the lead (lost, disqualified) does.
    @discardableResult
    public func cancelOpenTasks(of leadID: Int64, at now: Date) throws -> Int {
        try database.statement("UPDATE tasks SET state = 'cancelled', closed_at = ?1 WHERE lead_id = ?2 AND state = 'open'")
            .bind(.text(Timestamp.string(now)), .integer(leadID)).run()
        return database.changes
    }

    /// Lists tasks by due time.
    public func list(owner: String? = nil, state: String? = nil, leadID: Int64? = nil) throws -> [TaskListing] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let owner {
            values.append(.text(owner))
            conditions.append("owner = ?\(values.count)")
        }
        if let state {
            values.append(.text(state))
            conditions.append("state = ?\(values.count)")
        }
        if let leadID {
            values.append(.integer(leadID))
            conditions.append("lead_id = ?\(values.count)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.statement(
            "SELECT id, lead_id, owner, title, type, due_at, state, created_at, automation FROM tasks \(whereClause) ORDER BY due_at, id"
        ).bind(values).rows { row in
            TaskListing(
                id: row.int(0), leadID: row.int(1), owner: row.text(2), title: row.text(3) ?? "", type: row.text(4) ?? "",
                dueAt: row.text(5) ?? "", state: row.text(6) ?? "open", createdAt: row.text(7) ?? "",
                automation: row.text(8))
        }
    }
}
