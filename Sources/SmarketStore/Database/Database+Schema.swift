import CSQLite

extension Database {
    /// Sets the durability pragmas and brings the schema up to date.
    ///
    /// WAL with `synchronous=FULL` makes every commit durable before it returns, which the exactly-once
    /// guarantee relies on: a file leaves the inbox only after its last chunk is committed.
    public func prepareForWriting() throws {
        try namingDamage { try execute("PRAGMA journal_mode = WAL") }
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA cache_size = \(Self.writerCacheSize)")
        try execute("PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
        let version = try statement("PRAGMA user_version").scalarInt() ?? 0
        guard version < Schema.migrations.count else { return }
        // A step that copies a table drops the old one, which other tables' foreign keys name. SQLite's
        // procedure for that turns the checks off outside the transaction and checks every key before the
        // commit instead.
        try execute("PRAGMA foreign_keys = OFF")
        defer { try? execute("PRAGMA foreign_keys = ON") }
        try transaction {
            for index in Int(version)..<Schema.migrations.count {
                try Schema.migrations[index].apply(to: self)
            }
            if let violation = try statement("PRAGMA foreign_key_check").rows({ $0.text(0) ?? "" }).first {
                throw StoreError(
                    code: SQLITE_CONSTRAINT,
                    message: "cannot upgrade the database \(path): a row of table \(violation) refers to a row "
                        + "that does not exist. Restore the database from a backup taken before it was changed by hand"
                )
            }
            try execute("PRAGMA user_version = \(Schema.migrations.count)")
        }
    }

    /// The page cache of the writing connection, in KiB as SQLite counts a negative size: 8 MiB.
    /// Every lead inserts into indexes on random keys (its identity and phone), and past a few hundred
    /// thousand leads SQLite's default 2 MiB held too few of their pages, so it read them back from
    /// the kernel. In a 200,000-row import, 8 MiB halved the system time (11 to 6 s) and added 5.5 MB
    /// of resident memory.
    static let writerCacheSize = -8_192

    /// The log size, in pages, at which a commit copies the log back into the database: 40 MB with
    /// 4 KiB pages. At SQLite's default of 1,000 pages, a large import checkpointed after almost every
    /// chunk and wrote the pages that every chunk changes (the ends of the tables and indexes) again
    /// each time. A 300,000-row import took 39.6 s instead of 47.6 s, with the same peak memory.
    static let checkpointPages = 10_000

    /// Checks that the schema of a database opened read-only is one this build understands.
    public func checkReadable() throws {
        let version = try namingDamage { try statement("PRAGMA user_version").scalarInt() ?? 0 }
        guard version == Int64(Schema.migrations.count) else {
            throw StoreError(
                code: SQLITE_SCHEMA,
                message: "the database \(path) has schema version \(version), this smarketd expects "
                    + "\(Schema.migrations.count): start the daemon or run an import once to migrate it"
            )
        }
    }

    /// Runs the first statement on the file, turning SQLite's "file is not a database" and "database disk
    /// image is malformed" into an error that names the file and what to do. The connection reports
    /// extended result codes, so the primary code is the low byte.
    private func namingDamage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError where [SQLITE_NOTADB, SQLITE_CORRUPT].contains(error.code & 0xFF) {
            throw StoreError(
                code: error.code,
                message: "the database \(path) is not an SQLite database or is damaged (\(error.message)): "
                    + "restore it from a backup, or move it aside so that smarketd starts an empty one"
            )
        }
    }
}
