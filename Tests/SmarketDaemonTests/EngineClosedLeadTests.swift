import Foundation
import SmarketIngest
import SmarketStore
import Testing

@testable import SmarketDaemon

/// Closed leads (won, lost, disqualified), which owe no first touch: their deadlines end without escalation.
@Suite struct EngineClosedLeadTests {
    func deadlineStates(_ harness: EngineHarness, _ id: Int64) throws -> [String] {
        try harness.database.statement("SELECT state FROM sla_deadlines WHERE lead_id = ?1 ORDER BY id")
            .bind(.integer(id)).rows { $0.text(0) ?? "" }
    }

    func logKinds(_ harness: EngineHarness, _ id: Int64) throws -> [String] {
        try harness.database.statement("SELECT kind FROM sla_log WHERE lead_id = ?1 ORDER BY id").bind(.integer(id))
            .rows { $0.text(0) ?? "" }
    }

    /// Counts the deadlines that still have a step to fire.
    func pendingTimers(_ harness: EngineHarness) throws -> Int64 {
        try harness.count("SELECT COUNT(*) FROM sla_deadlines WHERE next_fire_at IS NOT NULL")
    }

    /// Runs the clock three hours on, past the warning, the breach and both escalation steps.
    func runPastEscalation(_ harness: EngineHarness) throws {
        let start = harness.now
        for minutes in stride(from: 10.0, through: 180, by: 10) {
            harness.now = start.addingTimeInterval(minutes * 60)
            try harness.fireDue()
        }
    }

    @Test func lostLeadNeverBreaches() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("lead@contoso.example")
        #expect(try harness.owner(id) == "ann")

        harness.now = harness.now.addingTimeInterval(5 * 60)
        #expect(try harness.event("lead@contoso.example", .stageChange, stage: "lost") == nil)
        try runPastEscalation(harness)

        #expect(try deadlineStates(harness, id) == ["closed"])
        #expect(try logKinds(harness, id) == ["deadline", "closed"])
        #expect(try harness.owner(id) == "ann")
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND state = 'open'") == 0)
        #expect(try harness.count("SELECT COUNT(*) FROM outbox_records") == 0)
        #expect(try harness.count("SELECT untouched FROM rep_load WHERE rep = 'ann'") == 0)
        #expect(try pendingTimers(harness) == 0)
    }

    /// A row of a feed that closes the lead ends the deadline as a stage change event does.
    @Test func rowClosingLeadEndsDeadline() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("lead@contoso.example")
        try harness.ingest("lead@contoso.example", [.stage: "disqualified"])
        try runPastEscalation(harness)

        #expect(try harness.lead(id).stage == .disqualified)
        #expect(try deadlineStates(harness, id) == ["closed"])
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND state = 'open'") == 0)
    }

    /// After a breach the closing keeps the breach on record and stops the escalation steps still due.
    @Test func breachedLeadStopsEscalating() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("lead@contoso.example")
        let start = harness.now
        harness.now = start.addingTimeInterval(61 * 60)
        try harness.fireDue()
        #expect(try deadlineStates(harness, id) == ["breached"])

        #expect(try harness.event("lead@contoso.example", .stageChange, stage: "won") == nil)
        harness.now = start.addingTimeInterval(180 * 60)
        try harness.fireDue()

        #expect(try deadlineStates(harness, id) == ["breached"])
        #expect(try logKinds(harness, id) == ["deadline", "warning", "breach", "escalation_notify", "escalation_stopped"])
        #expect(try harness.owner(id) == "ann")
        #expect(try pendingTimers(harness) == 0)
    }

    /// A lost lead handed to another rep by a reassign event gets no new deadline to breach.
    @Test func reassignedLostLeadGetsNoDeadline() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("lead@contoso.example")
        #expect(try harness.event("lead@contoso.example", .stageChange, stage: "lost") == nil)
        #expect(try harness.event("lead@contoso.example", .reassign, value: "ben") == nil)
        try runPastEscalation(harness)

        #expect(try harness.owner(id) == "ben")
        #expect(try deadlineStates(harness, id) == ["closed"])
        #expect(try pendingTimers(harness) == 0)
    }

    /// A closed lead that an earlier version left waiting for an owner takes no place in the retry list.
    @Test func closedLeadLeavesRetryList() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        try harness.database.execute(
            """
            INSERT INTO leads (id, identity, stage, created_at, updated_at, unassigned_since) VALUES
              (7, 'lost@contoso.example', 'lost', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
              (8, 'open@contoso.example', 'mql', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')
            """)
        #expect(try RoutingStore(database: harness.database).unassignedLeads(limit: 1) == [8])
    }

    /// A lead that arrives closed gets no owner, deadline or call task, and is not waiting for one.
    @Test func leadArrivingClosedIsNotRouted() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("won@contoso.example", [.stage: "won"])

        #expect(try harness.owner(id) == nil)
        #expect(try harness.lead(id).unassignedSince == nil)
        #expect(try harness.count("SELECT COUNT(*) FROM sla_deadlines") == 0)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks") == 0)
    }
}
