import Foundation
import SmarketIngest

/// The ingestion state of one file content, keyed by its SHA-256 digest.
public struct FileRecord: Sendable, Hashable {
    public enum State: String, Sendable {
        /// Chunks are being committed; `recordsDone` records are applied.
        case reading
        case done
        /// The file could not be read to its end; `recordsDone` records before the error are applied.
        case failed
    }

    public var id: Int64
    public var digest: String
    public var inbox: String
    public var name: String
    public var state: State
    /// Records consumed so far (accepted and rejected), so a restart resumes after them.
    public var recordsDone: Int
    public var accepted: Int
    public var rejected: Int
    public var leadsCreated: Int
    public var leadsMerged: Int
    /// The name the file got in `processed/` or `failed/`; nil until it left the inbox (and for imports).
    public var archivedAs: String?
}

/// Counts that one committed chunk adds to its file's record.
public struct ChunkProgress: Sendable, Hashable {
    public var records = 0
    public var accepted = 0
    public var rejected = 0
    public var leadsCreated = 0
    public var leadsMerged = 0

    public init() {}
}

/// One rejected row, kept until the rejects file is written beside the archived file.
public struct RejectedRow: Sendable, Hashable {
    public var line: Int
    public var reason: String
    /// The row's columns as the file had them.
    public var fields: [(name: String, value: String)]

    public init(line: Int, reason: String, fields: [(name: String, value: String)]) {
        self.line = line
        self.reason = reason
        self.fields = fields
    }

    public static func == (lhs: RejectedRow, rhs: RejectedRow) -> Bool {
        lhs.line == rhs.line && lhs.reason == rhs.reason && lhs.fields.elementsEqual(rhs.fields, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(reason)
    }
}

/// Records which file contents were ingested and how far, inside the same transactions as their rows.
public struct FileLedger {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    private static let columns =
        "id, digest, inbox, name, state, records_done, accepted, rejected, leads_created, leads_merged, archived_as"

    public func record(digest: String) throws -> FileRecord? {
        let statement = try database.statement("SELECT \(Self.columns) FROM files WHERE digest = ?1")
        return try statement.bind(.text(digest)).rows(Self.decode).first
    }

    public func record(id: Int64) throws -> FileRecord? {
        let statement = try database.statement("SELECT \(Self.columns) FROM files WHERE id = ?1")
        return try statement.bind(.integer(id)).rows(Self.decode).first
    }

    /// Starts the record of a new file content; call inside the first chunk's transaction.
    public func begin(digest: String, inbox: String, name: String, size: Int64, format: String, at now: Date) throws
        -> FileRecord
    {
        try database.statement(
            """
            INSERT INTO files (digest, inbox, name, size, format, state, started_at)
            VALUES (?1, ?2, ?3, ?4, ?5, 'reading', ?6)
            """
        ).bind(.text(digest), .text(inbox), .text(name), .integer(size), .text(format), .text(Timestamp.string(now)))
            .run()
        return FileRecord(
            id: database.lastInsertRowID, digest: digest, inbox: inbox, name: name, state: .reading, recordsDone: 0,
            accepted: 0, rejected: 0, leadsCreated: 0, leadsMerged: 0, archivedAs: nil)
    }

    /// Adds a chunk's counts; call inside the chunk's transaction so progress and rows commit together.
    public func add(_ progress: ChunkProgress, to fileID: Int64) throws {
        try database.statement(
            """
            UPDATE files SET records_done = records_done + ?1, accepted = accepted + ?2,
                rejected = rejected + ?3, leads_created = leads_created + ?4, leads_merged = leads_merged + ?5
            WHERE id = ?6
            """
        ).bind(
            .integer(Int64(progress.records)), .integer(Int64(progress.accepted)),
            .integer(Int64(progress.rejected)), .integer(Int64(progress.leadsCreated)),
            .integer(Int64(progress.leadsMerged)), .integer(fileID)
        ).run()
    }

    /// Marks the file done or failed; call inside the last chunk's transaction.
    public func finish(_ fileID: Int64, state: FileRecord.State, error: String? = nil, at now: Date) throws {
        try database.statement("UPDATE files SET state = ?1, error = ?2, finished_at = ?3 WHERE id = ?4")
            .bind(.text(state.rawValue), .optional(error), .text(Timestamp.string(now)), .integer(fileID)).run()
    }

    /// Records where the file went once it left the inbox, so a later file with the same name and content is
    /// told apart from a move that a crash interrupted.
    public func markArchived(_ fileID: Int64, as name: String) throws {
        try database.statement("UPDATE files SET archived_as = ?1 WHERE id = ?2").bind(.text(name), .integer(fileID)).run()
    }

    public func addReject(_ row: RejectedRow, fileID: Int64) throws {
        let pairs = row.fields.map { [$0.name, $0.value] }
        let data = try JSONSerialization.data(withJSONObject: pairs)
        try database.statement("INSERT INTO rejects (file_id, line, reason, fields) VALUES (?1, ?2, ?3, ?4)")
            .bind(.integer(fileID), .integer(Int64(row.line)), .text(row.reason), .text(String(decoding: data, as: UTF8.self)))
            .run()
    }

    /// The rejected rows of a file in line order.
    public func rejects(fileID: Int64) throws -> [RejectedRow] {
        let statement = try database.statement("SELECT line, reason, fields FROM rejects WHERE file_id = ?1 ORDER BY line")
        return try statement.bind(.integer(fileID)).rows { row in
            let data = Data((row.text(2) ?? "[]").utf8)
            let pairs = (try? JSONSerialization.jsonObject(with: data) as? [[String]]) ?? []
            return RejectedRow(
                line: Int(row.int(0)), reason: row.text(1) ?? "",
                fields: pairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil })
        }
    }

    private static func decode(_ row: Statement) -> FileRecord {
        FileRecord(
            id: row.int(0), digest: row.text(1) ?? "", inbox: row.text(2) ?? "", name: row.text(3) ?? "",
            state: FileRecord.State(rawValue: row.text(4) ?? "") ?? .reading, recordsDone: Int(row.int(5)),
            accepted: Int(row.int(6)), rejected: Int(row.int(7)), leadsCreated: Int(row.int(8)),
            leadsMerged: Int(row.int(9)), archivedAs: row.text(10))
    }
}
