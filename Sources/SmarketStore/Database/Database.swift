import CSQLite
import CSQLiteConfig
import Foundation

/// Tells SQLite to copy bound text, because Swift strings do not outlive the bind call.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection. Not thread-safe: each thread or queue opens its own.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var statements = StatementCache()
    static let maximumCachedStatements = StatementCache.capacity
    var cachedStatementCount: Int { statements.count }
    /// Whether ``transaction(_:)`` is running its body: other processes cannot write meanwhile.
    private(set) var isInTransaction = false
    /// The lead snapshot loaded last in the running transaction and the lead revision then, because the
    /// engine reads the same lead several times per row and most reads have no write to `leads` between them.
    var snapshotCache: (leadID: Int64, leadRevision: Int64, snapshot: LeadSnapshot)?
    /// Counts the rows of `leads` this connection inserted, updated or deleted; SQLite's update hook
    /// raises it, so no write path can forget to.
    private(set) var leadRevision: Int64 = 0
    /// Counters, rotation and account owners kept in memory by the running transaction.
    var transactionState = TransactionState()

    /// Opens the database file.
    /// - Parameters:
    ///   - readOnly: opens without write access, for the read commands that run beside the daemon.
    /// - Throws: `StoreError` when the file cannot be opened.
    public init(path: String, readOnly: Bool = false) throws {
        _ = Self.processConfiguration
        var pointer: OpaquePointer?
        let flags =
            readOnly
            ? SQLITE_OPEN_READONLY
            : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let result = sqlite3_open_v2(path, &pointer, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard result == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(pointer)
            throw StoreError(code: result, message: "cannot open the database \(path): \(message)")
        }
        handle = pointer
        self.path = path
        sqlite3_busy_timeout(handle, 5_000)
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_update_hook(handle, { context, _, _, table, _ in
            guard let context, let table, strcmp(table, "leads") == 0 else { return }
            Unmanaged<Database>.fromOpaque(context).takeUnretainedValue().leadRevision &+= 1
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// SQLite's process-wide settings, made once before the first connection opens. Memory statistics
    /// take a global lock around every allocation, and nothing here reads them.
    private static let processConfiguration: Int32 = csqlite_disable_memory_statistics()

    deinit {
        sqlite3_update_hook(handle, nil, nil)
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if result != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw StoreError(code: result, message: "\(message) (in: \(sql.prefix(80)))")
        }
    }

    /// Returns a prepared statement for this SQL, reused across calls.
    public func statement(_ sql: String) throws -> Statement {
        if let cached = statements.statement(for: sql) {
            cached.reset()
            return cached
        }
        let statement = try Statement(database: self, sql: sql)
        statements.insert(statement, for: sql)
        return statement
    }

    /// Runs `body` in one transaction, committing when it returns and rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        isInTransaction = true
        snapshotCache = nil
        transactionState.removeAll()
        defer {
            isInTransaction = false
            snapshotCache = nil
            transactionState.removeAll()
        }
        do {
            let value = try body()
            try writeTransactionState()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in one read transaction, so that all its queries see the same snapshot. Inside a
    /// transaction already, `body` runs in that one.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        guard sqlite3_get_autocommit(handle) != 0 else { return try body() }
        try execute("BEGIN")
        defer { try? execute("COMMIT") }
        return try body()
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// SQLite's counter of commits by other connections, read to notice changes made by other processes.
    public func dataVersion() throws -> Int64 {
        try statement("PRAGMA data_version").scalarInt() ?? 0
    }

    func error(_ code: Int32, _ context: String) -> StoreError {
        StoreError(code: code, message: "\(context): \(String(cString: sqlite3_errmsg(handle)))")
    }
}
