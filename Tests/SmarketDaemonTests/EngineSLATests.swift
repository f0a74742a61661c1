import Foundation
import SmarketIngest
import Testing

@testable import SmarketDaemon

/// First-touch deadlines through the engine with an injected time: warning, breach, escalation, touches.
@Suite struct EngineSLATests {
    static let rules = """
        reps:
          - {id: ann, name: Ann, email: ann@corp.example, team: sales, manager: meg}
          - {id: ben, name: Ben, email: ben@corp.example, team: sales, manager: meg}
          - {id: meg, name: Meg, email: meg@corp.example}
        teams:
          - {id: sales, strategy: round_robin}
        routing:
          rules:
            - {team: sales}
        outboxes:
          - {name: crm, path: outbox/crm}
        sla:
          first_touch: 1h
          warn_before: 15m
          notify_outbox: crm
          escalation:
            - {after: 0h, notify: manager}
            - {after: 30m, reassign: next}
        automations:
          - name: first call
            on: assigned
            do:
              - {create_task: {title: "Call", due: 1h, type: call}}
        """

    func log(_ harness: EngineHarness, _ id: Int64) throws -> [String] {
        try harness.database.statement("SELECT kind FROM sla_log WHERE lead_id = ?1 ORDER BY id").bind(.integer(id))
            .rows { $0.text(0) ?? "" }
    }

    @Test func stepsFireOnceInOrder() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("lead@contoso.example")
        #expect(try harness.owner(id) == "ann")
        let start = harness.now
        for minutes in [44.0, 45, 46, 60, 61, 89, 90, 91, 120] {
            harness.now = start.addingTimeInterval(minutes * 60)
            try harness.fireDue()
            try harness.fireDue()
        }
        let kinds = try log(harness, id)
        #expect(kinds.filter { $0 == "warning" }.count == 1)
        #expect(kinds.filter { $0 == "breach" }.count == 1)
        #expect(kinds.filter { $0 == "escalation_notify" }.count == 1)
        #expect(kinds.filter { $0 == "escalation_reassign" }.count == 1)
        #expect(Array(kinds.prefix(5)) == ["deadline", "warning", "breach", "escalation_notify", "deadline"])
        #expect(try harness.owner(id) == "ben")
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND owner = 'ben' AND state = 'open'") == 1)
        #expect(try harness.count("SELECT COUNT(*) FROM sla_deadlines WHERE lead_id = \(id)") == 2)
        let notice = try #require(try harness.text("SELECT payload FROM outbox_records WHERE payload LIKE '%sla_escalation%'"))
        #expect(notice.contains("\"manager\":\"meg\""))
    }

    @Test func warningAndBreachPriorities() throws {
        let harness = try EngineHarness(Self.rules)
        try harness.ingest("lead@contoso.example")
        _ = harness.notes
        harness.now = harness.now.addingTimeInterval(46 * 60)
        try harness.fireDue()
        #expect(harness.notes.map(\.priority) == [.warning])
        harness.now = harness.now.addingTimeInterval(15 * 60)
        try harness.fireDue()
        let notes = harness.notes
        #expect(notes.first { $0.kind == .slaBreached }?.priority == .error)
        #expect(notes.first { $0.kind == .slaBreached }?.fields["SLA_DUE"] == "2026-12-04T09:00:00Z")
    }

    @Test func touchInTimeMeets() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("lead@contoso.example")
        harness.now = harness.now.addingTimeInterval(20 * 60)
        try harness.event("lead@contoso.example", .call, at: harness.now, rep: "ann")
        #expect(try harness.text("SELECT state FROM sla_deadlines WHERE lead_id = \(id)") == "met")
        #expect(try harness.text("SELECT first_touch_seconds FROM sla_deadlines WHERE lead_id = \(id)") == "1200.0")
        #expect(try harness.count("SELECT COUNT(*) FROM sla_deadlines WHERE next_fire_at IS NOT NULL") == 0)
    }

    @Test func touchAfterDeadlineKeepsBreach() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("lead@contoso.example")
        harness.now = harness.now.addingTimeInterval(61 * 60)
        try harness.fireDue()
        try harness.event("lead@contoso.example", .call, at: harness.now, rep: "ann")
        #expect(try harness.text("SELECT state FROM sla_deadlines WHERE lead_id = \(id)") == "breached")
        #expect(try log(harness, id).contains("touched_late"))
    }

    @Test func lateReportedTouchWithdrawsBreach() throws {
        let harness = try EngineHarness(Self.rules)
        let assigned = harness.now
        let id = try harness.ingest("lead@contoso.example")
        harness.now = assigned.addingTimeInterval(61 * 60)
        try harness.fireDue()
        try harness.event("lead@contoso.example", .call, at: assigned.addingTimeInterval(50 * 60), rep: "ann")
        #expect(try harness.text("SELECT state FROM sla_deadlines WHERE lead_id = \(id)") == "met")
        #expect(try log(harness, id).contains("breach_withdrawn"))
    }

    @Test func lateTouchAfterEscalationMeetsFirstDeadline() throws {
        let harness = try EngineHarness(Self.rules)
        let assigned = harness.now
        let id = try harness.ingest("lead@contoso.example")
        for minutes in [61.0, 91] {
            harness.now = assigned.addingTimeInterval(minutes * 60)
            try harness.fireDue()
        }
        #expect(try harness.owner(id) == "ben")
        try harness.event("lead@contoso.example", .call, at: assigned.addingTimeInterval(50 * 60), rep: "ann")
        let states = try harness.database.statement(
            "SELECT owner || ':' || state FROM sla_deadlines WHERE lead_id = ?1 ORDER BY id"
        ).bind(.integer(id)).rows { $0.text(0) ?? "" }
        #expect(states == ["ann:met", "ben:met"])
        #expect(try harness.text("SELECT first_touch_seconds FROM sla_deadlines WHERE lead_id = \(id) AND owner = 'ben'") == "0.0")
        #expect(try log(harness, id).contains("breach_withdrawn"))
    }

    @Test func futureTouchIsRejected() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("lead@contoso.example")
        let reason = try harness.event("lead@contoso.example", .call, at: harness.now.addingTimeInterval(3600), rep: "ann")
        #expect(reason?.contains("later than now") == true, "\(reason ?? "accepted")")
        #expect(try harness.text("SELECT state FROM sla_deadlines WHERE lead_id = \(id)") == "open")
        let skewed = try harness.event("lead@contoso.example", .call, at: harness.now.addingTimeInterval(60), rep: "ann")
        #expect(skewed == nil)
    }

    @Test func touchByUnknownRepIsRejected() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("lead@contoso.example")
        let reason = try harness.event("lead@contoso.example", .call, rep: "zed")
        #expect(reason?.contains("\"zed\"") == true, "\(reason ?? "accepted")")
        #expect(try harness.text("SELECT state FROM sla_deadlines WHERE lead_id = \(id)") == "open")
    }

    @Test func touchBeforeAssignmentCountsZero() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("lead@contoso.example")
        try harness.event("lead@contoso.example", .meeting, at: harness.now.addingTimeInterval(-3600), rep: "ann")
        #expect(try harness.text("SELECT first_touch_seconds FROM sla_deadlines WHERE lead_id = \(id)") == "0.0")
        #expect(try harness.text("SELECT state FROM sla_deadlines WHERE lead_id = \(id)") == "met")
    }

    @Test func businessHoursDeadlineMovesToMonday() throws {
        let harness = try EngineHarness(
            Self.rules.replacingOccurrences(
                of: "  warn_before: 15m\n", with: "  warn_before: 15m\n  business_hours: {days: mon-fri, hours: \"09:00-17:00\"}\n"),
            now: Date(timeIntervalSince1970: 1_796_398_200))  // Friday 2026-12-04 16:30 in Berlin
        let id = try harness.ingest("lead@contoso.example")
        #expect(try harness.text("SELECT due_at FROM sla_deadlines WHERE lead_id = \(id)") == "2026-12-07T08:30:00Z")
    }
}
