import CSQLite
import Foundation
import SmarketIngest

import TestSupport
import Testing

@testable import SmarketStore

/// The connection's set-up: SQLite's process settings and the schema upgrade.
@Suite struct DatabaseTests {
    /// Returns the path of a database file in a new scratch folder.
    static func databasePath() throws -> String {
        let folder = ScratchFolder.make("smarketd-database")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/smarketd.db"
    }

    @Test func memoryStatisticsStayOff() throws {
        let database = try Database(path: try Self.databasePath())
        try database.prepareForWriting()
        try database.execute("CREATE TABLE filler (text TEXT); INSERT INTO filler VALUES (hex(randomblob(100000)))")

        // With statistics on, SQLite counts every byte it allocates, 200 kB for the table above alone.
        #expect(sqlite3_memory_used() == 0)
    }

    @Test func writerGetsTheLargerPageCache() throws {
        let database = try Database(path: try Self.databasePath())
        try database.prepareForWriting()

        #expect(try database.statement("PRAGMA cache_size").scalarInt() == -8_192)
    }

    /// Commits keep adding to the write-ahead log past SQLite's default checkpoint at 1,000 pages.
    @Test func logGrowsPastDefaultCheckpoint() throws {
        let database = try Database(path: try Self.databasePath())
        try database.prepareForWriting()
        #expect(try database.statement("PRAGMA wal_autocheckpoint").scalarInt() == 10_000)

        try database.execute("CREATE TABLE filler (text TEXT)")
        for _ in 0..<3 {
            // About 500 pages of 4 KiB per commit.
            try database.transaction {
                try database.execute(
                    """
                    WITH RECURSIVE rows(number) AS (SELECT 1 UNION ALL SELECT number + 1 FROM rows WHERE number < 1000)
                    INSERT INTO filler SELECT hex(randomblob(1000)) FROM rows
                    """)
            }
        }
        // The second column counts the frames in the log, which a checkpoint at 1,000 pages would have reset.
        let checkpoint = try database.statement("PRAGMA wal_checkpoint(PASSIVE)")
        #expect(try checkpoint.step())
        #expect(checkpoint.int(1) > 1_000)
        _ = try checkpoint.step()
    }

    /// Opens a database at `path` with only the first `steps` schema steps applied, as an earlier version
    /// left it.
    static func databaseAtSchema(steps: Int, path: String) throws -> Database {
        let database = try Database(path: path)
        try database.transaction {
            for step in Schema.migrations.prefix(steps) { try step.apply(to: database) }
            try database.execute("PRAGMA user_version = \(steps)")
        }
        return database
    }

    /// A database written by an earlier schema keeps its data and counts after the upgrade.
    @Test func repLoadTriggersKeepCountingAfterTheUpgrade() throws {
        let path = try Self.databasePath()
        let old = try Self.databaseAtSchema(steps: 2, path: path)
        try old.execute(
            """
            INSERT INTO leads (identity, created_at, updated_at, owner, stage) VALUES
                ('a@x.example', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'alice', 'lead'),
                ('b@x.example', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'alice', 'won')
            """)

        let database = try Database(path: path)
        try database.prepareForWriting()
        func openLeads(_ rep: String) throws -> Int64? {
            try database.statement("SELECT open_leads FROM rep_load WHERE rep = ?1").bind(.text(rep)).scalarInt()
        }
        #expect(try database.statement("PRAGMA user_version").scalarInt() == Int64(Schema.migrations.count))
        #expect(try openLeads("alice") == 1)

        try database.execute(
            """
            INSERT INTO leads (identity, created_at, updated_at, owner, stage)
            VALUES ('c@x.example', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', 'bob', 'disqualified');
            UPDATE leads SET owner = 'bob' WHERE identity = 'a@x.example';
            UPDATE leads SET stage = 'lost' WHERE identity = 'b@x.example';
            UPDATE leads SET stage = 'mql' WHERE identity = 'c@x.example';
            UPDATE leads SET stage = 'mql' WHERE identity = 'c@x.example';
            """)
        #expect(try openLeads("alice") == 0)
        #expect(try openLeads("bob") == 2)
    }

    /// Reports whether SQLite's program for `sql` opens a temporary b-tree, as an `IN` list of constants does.
    static func usesTemporaryTable(_ database: Database, _ sql: String) throws -> Bool {
        let opcodes = try database.statement("EXPLAIN " + sql).rows { $0.text(1) ?? "" }
        #expect(!opcodes.isEmpty)
        return opcodes.contains("OpenEphemeral")
    }

    static let taskInsert = """
        INSERT INTO tasks (lead_id, owner, title, type, due_at, state, created_at)
        VALUES (1, 'alice', 'Call', 'call', '2026-01-02T00:00:00Z', ?1, '2026-01-01T00:00:00Z')
        """
    static let deadlineInsert = """
        INSERT INTO sla_deadlines (lead_id, owner, assigned_at, due_at, state)
        VALUES (1, 'alice', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', ?1)
        """

    /// Rows written before the constraints were rewritten stay, and the new constraints still reject a bad state.
    @Test func constraintRewriteKeepsRows() throws {
        let path = try Self.databasePath()
        let old = try Self.databaseAtSchema(steps: 3, path: path)
        try old.execute(
            """
            INSERT INTO leads (identity, created_at, updated_at) VALUES
                ('a@x.example', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            """)
        try old.statement(Self.taskInsert).bind(.text("open")).run()
        try old.statement(Self.deadlineInsert).bind(.text("met")).run()
        #expect(try Self.usesTemporaryTable(old, Self.taskInsert))
        #expect(try Self.usesTemporaryTable(old, Self.deadlineInsert))

        let database = try Database(path: path)
        try database.prepareForWriting()
        #expect(try database.statement("PRAGMA user_version").scalarInt() == Int64(Schema.migrations.count))
        #expect(try !Self.usesTemporaryTable(database, Self.taskInsert))
        #expect(try !Self.usesTemporaryTable(database, Self.deadlineInsert))
        #expect(try database.statement("SELECT count(*) FROM tasks WHERE state = 'open'").scalarInt() == 1)
        #expect(try database.statement("SELECT count(*) FROM sla_deadlines WHERE state = 'met'").scalarInt() == 1)
        #expect(try database.statement("PRAGMA integrity_check").scalarText() == "ok")

        for (insert, state) in [(Self.taskInsert, "met"), (Self.deadlineInsert, "done")] {
            let error = #expect(throws: StoreError.self) { try database.statement(insert).bind(.text(state)).run() }
            #expect(error?.message.contains("CHECK constraint failed") == true)
        }
        try database.statement(Self.taskInsert).bind(.text("cancelled")).run()
        try database.statement(Self.deadlineInsert).bind(.text("reassigned")).run()
        try database.statement(Self.deadlineInsert).bind(.text("closed")).run()

        // The new schema version makes a connection opened before the upgrade parse the new definition.
        // A failed CHECK quotes the constraint in its message.
        let error = #expect(throws: StoreError.self) { try old.statement(Self.taskInsert).bind(.text("met")).run() }
        #expect(error?.message.contains("state = 'open' OR state = 'done'") == true)
    }

    /// A definition without the text to replace stops the upgrade, names the table and leaves the schema alone.
    @Test func rewriteWithoutMatchFails() throws {
        let database = try Database(path: try Self.databasePath())
        try database.execute("CREATE TABLE notes (state TEXT CHECK (state IN ('a', 'b', 'c')))")
        let step = Migration.rewriteDefinition(table: "notes", old: "CHECK (state IN ('x'))", new: "CHECK (1)")

        let error = #expect(throws: StoreError.self) { try database.transaction { try step.apply(to: database) } }
        #expect(error?.message.contains("table notes does not contain CHECK (state IN ('x'))") == true)
        #expect(try Self.usesTemporaryTable(database, "INSERT INTO notes VALUES ('a')"))
        #expect(try database.statement("PRAGMA writable_schema").scalarInt() == 0)
    }
}

/// Lookups in the statement cache, which must return the statement prepared from the same SQL bytes.
@Suite struct StatementCacheTests {
    /// Two literals that Swift's `==` calls equal, because canonical ordering puts their combining marks in
    /// the same order, but whose bytes differ, so SQLite reads different strings. The padding leaves the
    /// differing bytes outside the sample that the cache hashes, so both texts hash alike.
    static let literals = ["a\u{301}\u{323}", "a\u{323}\u{301}"]
    static func sql(_ literal: String) -> String {
        "SELECT '\(literal)', '\(String(repeating: "x", count: 201))'"
    }

    @Test func lookupComparesBytes() {
        let texts = Self.literals.map(Self.sql)
        #expect(texts[0] == texts[1])
        #expect(StatementCache.digest(texts[0]) == StatementCache.digest(texts[1]))
        #expect(!StatementCache.sameBytes(texts[0], texts[1]))

        let copy = String(decoding: Array(texts[0].utf8), as: UTF8.self)
        #expect(StatementCache.sameBytes(copy, texts[0]))
        #expect(StatementCache.digest(copy) == StatementCache.digest(texts[0]))
    }

    @Test func equivalentTextGetsItsOwnStatement() throws {
        let database = try Database(path: try DatabaseTests.databasePath())
        for literal in Self.literals {
            let value = try database.statement(Self.sql(literal)).scalarText()
            #expect(value.map { Array($0.utf8) } == Array(literal.utf8))
        }
    }
}

/// Text parameters, bound from a string's UTF-8 bytes.
@Suite struct StatementBindTests {
    static func stored(_ text: String) throws -> (type: String?, value: String?) {
        let database = try Database(path: try DatabaseTests.databasePath())
        let statement = try database.statement("SELECT typeof(?1), ?1").bind(.text(text))
        #expect(try statement.step())
        return (statement.text(0), statement.text(1))
    }

    @Test(arguments: ["", "ab", "Müller & Söhne GmbH", String(repeating: "long text ", count: 40)])
    func textKeepsItsBytes(text: String) throws {
        let result = try Self.stored(text)
        #expect(result.type == "text")
        #expect(result.value.map { Array($0.utf8) } == Array(text.utf8))
    }

    /// Returns every stored byte in hex, because reading the value back as a C string stops at its first NUL.
    static func storedHex(_ text: String) throws -> String? {
        let database = try Database(path: try DatabaseTests.databasePath())
        return try database.statement("SELECT hex(?1)").bind(.text(text)).scalarText()
    }

    /// SQLite's C strings end at a NUL, and the stored value ends there as it did when SQLite measured it.
    @Test func textEndsAtNUL() throws {
        #expect(try Self.storedHex("ab\u{0}cd") == "6162")
        #expect(try Self.storedHex("\u{0}cd") == "")
        #expect(try Self.stored("\u{0}cd").type == "text")
    }
}
