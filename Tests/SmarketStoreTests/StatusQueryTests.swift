import Foundation
import Testing

@testable import SmarketStore

/// The counts of the daemon's status line.
@Suite struct StatusQueryTests {
    static let now = Date(timeIntervalSince1970: 1_794_787_200)  // 2026-11-21T00:00:00Z

    /// Breaches of the last day count, but not one that a touch dated in time withdrew.
    @Test func withdrawnBreachDoesNotCount() throws {
        let database = try Database(path: try DatabaseTests.databasePath())
        try database.prepareForWriting()
        try database.execute(
            """
            INSERT INTO leads (id, identity, created_at, updated_at) VALUES
              (1, 'a@example.com', '2026-11-19T00:00:00Z', '2026-11-19T00:00:00Z'),
              (2, 'b@example.com', '2026-11-19T00:00:00Z', '2026-11-19T00:00:00Z');
            INSERT INTO sla_deadlines (lead_id, owner, assigned_at, due_at, state, breached_at, met_at) VALUES
              (1, 'ann', '2026-11-19T20:00:00Z', '2026-11-20T20:00:00Z', 'breached', '2026-11-20T20:00:00Z', NULL),
              (2, 'ann', '2026-11-19T20:00:00Z', '2026-11-20T20:00:00Z', 'met', '2026-11-20T20:00:00Z',
               '2026-11-20T19:00:00Z');
            """)
        let window = ServiceCountWindow(
            now: Self.now, startOfDay: Self.now, startOfMonth: Self.now, breachesSince: Self.now - 86_400)
        #expect(try database.serviceCounts(window).slaBreached == 1)
    }
}
