import Foundation
import SmarketIngest

/// Records events once. An event whose lead, type, time, rep, stage, value and campaign all equal those
/// of a recorded one is the same event, and an empty field matches a missing one.
public struct EventStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores the event and returns its id, or nil when the same event was recorded before.
    public func record(_ event: LeadEvent, leadID: Int64, fileID: Int64?, line: Int?, at now: Date) throws -> Int64? {
        try database.statement(
            """
            INSERT OR IGNORE INTO events (lead_id, type, at, rep, stage, value, campaign, file_id, line, recorded_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """
        ).bind(
            .integer(leadID), .text(event.type.rawValue), .text(Timestamp.string(event.at)), .text(event.rep ?? ""),
            .optional(event.stage), .optional(event.value), .optional(event.campaign), .optional(fileID),
            .optional(line.map(Int64.init)), .text(Timestamp.string(now))
        ).run()
        return database.changes == 0 ? nil : database.lastInsertRowID
    }
}
