import Foundation
import SmarketRules
import SmarketStore

/// Writes queued outbox records into their outbox folders as NDJSON files, after the transactions that
/// queued them have committed. A crash between the write and the mark repeats records, never loses one;
/// consumers de-duplicate by the records' `id`.
public struct OutboxWriter {
    public let outboxes: [OutboxConfiguration]
    public let database: Database

    public init(outboxes: [OutboxConfiguration], database: Database) {
        self.outboxes = outboxes
        self.database = database
    }

    /// Writes every pending record; returns how many were written.
    @discardableResult
    public func flush(at now: Date) throws -> Int {
        let store = OutboxStore(database: database)
        var written = 0
        while true {
            let records = try store.unwritten(limit: 5_000)
            guard !records.isEmpty else { return written }
            for (name, group) in Dictionary(grouping: records, by: \.outbox) {
                guard let outbox = outboxes.first(where: { $0.name == name }) else {
                    // An outbox removed by a reload: its records stay queued for when it comes back.
                    continue
                }
                try FileManager.default.createDirectory(atPath: outbox.path, withIntermediateDirectories: true)
                let text = group.map(\.payload).joined(separator: "\n") + "\n"
                // The end of a version 7 id is random, while its start repeats the time already in the name.
                let fileName = "\(Int64(now.timeIntervalSince1970 * 1000))-\(group[0].id.suffix(8)).ndjson"
                try Archive(inboxPath: outbox.path).writeText(text, named: fileName, into: outbox.path)
                try store.markWritten(group.map(\.id), at: now)
                written += group.count
            }
            if records.allSatisfy({ record in !outboxes.contains { $0.name == record.outbox } }) { return written }
        }
    }
}
