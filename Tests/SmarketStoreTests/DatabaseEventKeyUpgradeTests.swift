import Foundation
import Testing

@testable import SmarketStore

/// The upgrade that widens the key of `events` copies the table under score changes that refer to it.
struct DatabaseEventKeyUpgradeTests {
    static let stepsBefore = Schema.migrations.count - 1

    @Test func eventsKeepRowsAndReferences() throws {
        let path = try DatabaseTests.databasePath()
        let old = try DatabaseTests.databaseAtSchema(steps: Self.stepsBefore, path: path)
        try old.execute(
            """
            PRAGMA foreign_keys = ON;
            INSERT INTO leads (id, identity, created_at, updated_at) VALUES (1, 'a@x.example', 't', 't');
            INSERT INTO events (id, lead_id, type, at, rep, stage, recorded_at)
            VALUES (7, 1, 'stage_change', '2026-01-01T00:00:00Z', '', 'mql', 't');
            INSERT INTO score_changes (lead_id, at, rule, category, points, event_id, score_after)
            VALUES (1, 't', 'rule', 'fit', 5, 7, 5);
            """)

        let database = try Database(path: path)
        try database.prepareForWriting()

        #expect(try database.statement("PRAGMA user_version").scalarInt() == Int64(Schema.migrations.count))
        #expect(try database.statement("PRAGMA foreign_keys").scalarInt() == 1)
        #expect(try database.statement("PRAGMA foreign_key_check").rows { $0.text(0) }.isEmpty)
        #expect(try database.statement("PRAGMA integrity_check").scalarText() == "ok")
        #expect(try database.statement("SELECT stage FROM events WHERE id = 7").scalarText() == "mql")
        #expect(try database.statement("SELECT event_id FROM score_changes").scalarInt() == 7)

        let insert = """
            INSERT OR IGNORE INTO events (lead_id, type, at, rep, stage, recorded_at)
            VALUES (1, 'stage_change', '2026-01-01T00:00:00Z', '', ?1, 't')
            """
        try database.statement(insert).bind(.text("sql")).run()
        #expect(database.changes == 1)
        try database.statement(insert).bind(.text("mql")).run()
        #expect(database.changes == 0)

        // The foreign keys are on again: an event of a lead that does not exist fails.
        let orphan = "INSERT INTO events (lead_id, type, at, recorded_at) VALUES (99, 'call', 'x', 't')"
        #expect(throws: StoreError.self) { try database.execute(orphan) }
    }

    /// A dangling reference stops the upgrade with the table's name, and the database keeps its version.
    @Test func danglingReferenceStopsUpgrade() throws {
        let path = try DatabaseTests.databasePath()
        let old = try DatabaseTests.databaseAtSchema(steps: Self.stepsBefore, path: path)
        try old.execute(
            """
            PRAGMA foreign_keys = OFF;
            INSERT INTO score_changes (lead_id, at, rule, category, points, event_id, score_after)
            VALUES (5, 't', 'rule', 'fit', 5, 9, 5);
            """)

        let database = try Database(path: path)
        let error = #expect(throws: StoreError.self) { try database.prepareForWriting() }
        #expect(error?.message.contains("score_changes") == true)
        #expect(try database.statement("PRAGMA user_version").scalarInt() == Int64(Self.stepsBefore))
    }
}
