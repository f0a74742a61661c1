import Foundation
import SmarketIngest
import Testing

@testable import SmarketDaemon

/// Automations, tasks and the loop guard through the engine on a real database.
@Suite struct EngineAutomationTests {
    static let base = """
        reps:
          - {id: ann, name: Ann, email: ann@corp.example, team: sales}
          - {id: ben, name: Ben, email: ben@corp.example, team: sales}
        teams:
          - {id: sales, strategy: round_robin}
        routing:
          rules:
            - {team: sales}
        outboxes:
          - {name: crm, path: outbox/crm}
        """

    /// Returns a harness whose one automation creates a call task titled `title` on assignment.
    static func harnessWithFirstCall(title: String) throws -> EngineHarness {
        try EngineHarness(
            base + """

                automations:
                  - name: first call
                    on: assigned
                    do:
                      - {create_task: {title: "\(title)", due: 4h, type: call}}
                """)
    }

    @Test func assignedCreatesTaskWithTitle() throws {
        let harness = try Self.harnessWithFirstCall(title: "Call {first_name} at {company}")
        let id = try harness.ingest("ann@contoso.example", [.firstName: "Ann", .company: "Contoso"])
        let task = try #require(try harness.text("SELECT title || '|' || owner || '|' || type || '|' || due_at FROM tasks WHERE lead_id = \(id)"))
        #expect(task == "Call Ann at Contoso|ann|call|2026-12-04T12:00:00Z")
    }

    @Test func optionalTitlePartDropsWithEmptyField() throws {
        let harness = try Self.harnessWithFirstCall(title: "[VIP] Call {first_name}[ at {company}]")
        let withCompany = try harness.ingest("ann@contoso.example", [.firstName: "Ann", .company: "Contoso"])
        let withoutCompany = try harness.ingest("bob@example.org", [.firstName: "Bob"])
        let titles = "SELECT title FROM tasks WHERE lead_id = "
        #expect(try harness.text(titles + "\(withCompany)") == "[VIP] Call Ann at Contoso")
        #expect(try harness.text(titles + "\(withoutCompany)") == "[VIP] Call Bob")
    }

    @Test func titleKeepsTextAroundNonLatinFields() throws {
        let harness = try Self.harnessWithFirstCall(title: "Rückruf ☎ {first_name}[ – {company} ✓]")
        let id = try harness.ingest("zoe@example.org", [.firstName: "Zoë", .company: "Ünal 株式会社"])
        #expect(try harness.text("SELECT title FROM tasks WHERE lead_id = \(id)") == "Rückruf ☎ Zoë – Ünal 株式会社 ✓")
    }

    @Test func emptyFieldLeavesNoTrailingSpace() throws {
        let harness = try Self.harnessWithFirstCall(title: "Call {first_name} {last_name}")
        let id = try harness.ingest("ann@contoso.example", [.firstName: "Ann"])
        #expect(try harness.text("SELECT title FROM tasks WHERE lead_id = \(id)") == "Call Ann")
    }

    @Test func conditionAndNotifyAndSetStage() throws {
        let harness = try EngineHarness(
            Self.base + """

                automations:
                  - name: demo requests jump the queue
                    on: lead_created
                    if: 'form == "demo"'
                    do:
                      - {set_stage: mql}
                      - {notify: {outbox: crm}}
                """)
        let demo = try harness.ingest("ann@contoso.example", [.form: "demo"])
        let newsletter = try harness.ingest("bob@contoso.example", [.form: "newsletter"])
        #expect(try harness.lead(demo).stage == .mql)
        #expect(try harness.lead(newsletter).stage == .lead)
        let payload = try #require(try harness.text("SELECT payload FROM outbox_records"))
        #expect(payload.contains("\"automation\":\"demo requests jump the queue\""))
        #expect(try harness.count("SELECT COUNT(*) FROM outbox_records") == 1)
    }

    @Test func loopGuardStopsSelfTrigger() throws {
        let harness = try EngineHarness(
            Self.base + """

                automations:
                  - name: bounce between reps
                    on: assigned
                    do:
                      - {assign: sales}
                """)
        let id = try harness.ingest("ann@contoso.example")
        let notes = harness.notes
        #expect(notes.contains { $0.kind == .automationLoop })
        #expect(try harness.count("SELECT COUNT(*) FROM routing_decisions WHERE lead_id = \(id)") == 2)
    }

    @Test func tasksFollowReassignedLead() throws {
        let harness = try Self.harnessWithFirstCall(title: "Call")
        let id = try harness.ingest("ann@contoso.example")
        #expect(try harness.owner(id) == "ann")
        #expect(try harness.event("ann@contoso.example", .reassign, rep: "ann", value: "ben") == nil)
        #expect(try harness.owner(id) == "ben")
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND state = 'open' AND owner = 'ben'") == 1)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND owner = 'ann'") == 0)
    }

    @Test func reassignmentAfterDoneTaskCreatesNewOne() throws {
        let harness = try Self.harnessWithFirstCall(title: "Call")
        let id = try harness.ingest("ann@contoso.example")
        #expect(try harness.event("ann@contoso.example", .call, rep: "ann") == nil)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND state = 'done'") == 1)
        #expect(try harness.event("ann@contoso.example", .reassign, rep: "ann", value: "ben") == nil)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND state = 'open' AND owner = 'ben'") == 1)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id)") == 2)
    }

    @Test func reassignToUnknownRepIsRejected() throws {
        let harness = try EngineHarness(Self.base)
        try harness.ingest("ann@contoso.example")
        let reason = try harness.event("ann@contoso.example", .reassign, value: "zed")
        #expect(reason?.contains("zed") == true)
    }

    @Test func touchClosesTasksOfItsType() throws {
        let harness = try EngineHarness(
            Self.base + """

                automations:
                  - name: first call
                    on: assigned
                    do:
                      - {create_task: {title: "Call", due: 4h, type: call}}
                      - {create_task: {title: "Mail", due: 1d, type: email_sent}}
                """)
        let id = try harness.ingest("ann@contoso.example")
        try harness.event("ann@contoso.example", .call, rep: "ann")
        #expect(try harness.text("SELECT state FROM tasks WHERE lead_id = \(id) AND type = 'call'") == "done")
        #expect(try harness.text("SELECT state FROM tasks WHERE lead_id = \(id) AND type = 'email_sent'") == "open")
    }

    @Test func eventAutomationMatchesType() throws {
        let harness = try EngineHarness(
            Self.base + """

                automations:
                  - name: webinar follow-up
                    on: event
                    event: webinar_attended
                    do:
                      - {create_task: {title: "Send the recording to {first_name}", due: 1d, type: email_sent}}
                """)
        let id = try harness.ingest("ann@contoso.example", [.firstName: "Ann"])
        try harness.event("ann@contoso.example", .emailOpen)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id)") == 0)
        try harness.event("ann@contoso.example", .webinarAttended)
        #expect(try harness.text("SELECT title FROM tasks WHERE lead_id = \(id)") == "Send the recording to Ann")
    }

    /// A new lead's first change skips the queries for its tasks and deadlines until it has some, so these
    /// cases check that a task made before routing and a second owner within that change are still seen.
    @Test func taskBeforeRoutingFollowsOwner() throws {
        let harness = try EngineHarness(
            Self.base + """

                automations:
                  - name: welcome
                    on: lead_created
                    do:
                      - {create_task: {title: "Welcome", due: 1d, type: email_sent}}
                  - name: welcome again
                    on: assigned
                    do:
                      - {create_task: {title: "Welcome", due: 1d, type: email_sent}}
                """)
        let id = try harness.ingest("ann@contoso.example")
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id)") == 2)
        #expect(try harness.count("SELECT COUNT(*) FROM tasks WHERE lead_id = \(id) AND owner = 'ann'") == 2)
    }

    @Test func secondOwnerInFirstChange() throws {
        let harness = try EngineHarness(
            Self.base + """

                automations:
                  - name: hand to ben
                    on: assigned
                    do:
                      - {assign: ben}
                      - {create_task: {title: "Call", due: 4h, type: call}}
                """)
        let id = try harness.ingest("ann@contoso.example")
        let deadlines = "SELECT group_concat(owner || ':' || state, ' ') FROM sla_deadlines WHERE lead_id = \(id)"
        #expect(try harness.text(deadlines) == "ann:reassigned ben:open")
        #expect(try harness.text("SELECT group_concat(owner, ' ') FROM tasks WHERE lead_id = \(id)") == "ben")
    }
}
