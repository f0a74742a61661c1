import Foundation
import SmarketIngest
import Testing

@testable import SmarketStore

/// Finding a lead by id, email or phone, and its entries in time order.
@Suite struct TimelineQueryTests {
    let history: ReportTestHistory
    let query: TimelineQuery

    init() throws {
        history = try ReportTestHistory()
        try history.database.execute("UPDATE leads SET phone = '+4930555000' WHERE id = 3")
        query = TimelineQuery(database: history.database)
    }

    @Test func findsByEveryReference() throws {
        #expect(try query.findLead("5") == 5)
        #expect(try query.findLead("EVE@example.com") == 5)
        #expect(try query.findLead("+49 30 555000") == 3)
        #expect(try query.findLead("nobody@example.com") == nil)
        #expect(try query.findLead("999") == nil)
    }

    @Test func tasksDoneNoteReadsAsSentence() throws {
        let leads = LeadStore(database: history.database)
        let at = try #require(Timestamp.date("2026-11-12T09:00:00Z"))
        try leads.note(5, kind: "tasks_done", detail: "call closed tasks 2", at: at)
        try leads.note(5, kind: "tasks_done", detail: "email_sent closed tasks 3, 4, 7", at: at)
        let summaries = try #require(try query.timeline(leadID: 5)).entries.map(\.summary)
        #expect(summaries.contains("the call closed task 2"), "\(summaries)")
        #expect(summaries.contains("the email sent closed tasks 3, 4 and 7"), "\(summaries)")
        #expect(!summaries.contains { $0.hasPrefix("tasks_done") }, "\(summaries)")
    }

    @Test func tasksDoneSummaryCases() {
        #expect(TimelineQuery.tasksDoneSummary("meeting closed tasks 1, 2") == "the meeting closed tasks 1 and 2")
        #expect(TimelineQuery.tasksDoneSummary("call closed tasks 12") == "the call closed task 12")
        // Text in another shape is kept whole, behind its kind.
        #expect(TimelineQuery.tasksDoneSummary("closed by hand") == "tasks_done: closed by hand")
    }

    @Test func entriesInTimeOrder() throws {
        let timeline = try #require(try query.timeline(leadID: 5))
        let summaries = timeline.entries.map(\.summary)
        // At the same instant, score changes come before routing, tasks and deadlines.
        #expect(summaries.first == "score +20 fit by rule \"job title is senior\", now 20")
        let dates = timeline.entries.compactMap { Timestamp.date($0.at) }
        #expect(dates.count == timeline.entries.count)
        #expect(dates == dates.sorted())
        #expect(summaries.contains("SLA breach (deadline 4)"))
        // The task was created for bob and moved to alice when escalation reassigned the lead.
        #expect(
            summaries.contains(
                "task 2 created for bob: \"Call Eve\" (call), due 2026-11-11T10:00:00Z; moved to alice with the lead"),
            "\(summaries)")
    }

    @Test func deadlineAndMeetingShownOnce() throws {
        try history.database.execute(
            """
            INSERT INTO sla_log (deadline_id, lead_id, at, kind, late, detail) VALUES
              (1, 1, '2026-11-02T10:00:00Z', 'deadline', 0, 'first touch due 2026-11-03T10:00:00Z'),
              (1, 1, '2026-11-02T11:05:00Z', 'met', 0, 'touch by alice');
            """)
        let timeline = try #require(try query.timeline(leadID: 1))
        let summaries = timeline.entries.filter { $0.kind == .sla }.map(\.summary)
        #expect(summaries.count == 2, "\(summaries)")
        #expect(summaries.first?.hasPrefix("SLA deadline 1 for alice: due 2026-11-03T10:00:00Z") == true)
        #expect(summaries.last == "SLA deadline 1 met after 3600 s, touch by alice")
    }

    @Test func routingSummaryStatesEachFactOnce() {
        let engineReason = "rule \"rule 1: country in DACH\" sent it to team dach; round_robin chose alice"
        #expect(
            TimelineQuery.routingSummary(
                owner: "alice", team: "dach", rule: "rule 1: country in DACH", strategy: "round_robin",
                reason: engineReason) == "routed to alice: " + engineReason)
        #expect(
            TimelineQuery.routingSummary(
                owner: "carol", team: "emea", rule: "reassign event", strategy: nil,
                reason: "reassign event by bob") == "routed to carol (team emea): reassign event by bob")
        #expect(
            TimelineQuery.routingSummary(
                owner: "ann", team: "sales", rule: "account_ownership", strategy: "account",
                reason: "contoso.example belongs to ann")
                == "routed to ann (team sales) by rule \"account_ownership\", account: contoso.example belongs to ann")
        #expect(
            TimelineQuery.routingSummary(
                owner: nil, team: nil, rule: nil, strategy: nil, reason: "unassigned, no routing rule matched")
                == "not routed: unassigned, no routing rule matched")
    }

    @Test func fieldsSkipEmptyValues() throws {
        let timeline = try #require(try query.timeline(leadID: 5))
        let names = timeline.fields.map(\.name)
        #expect(names.contains("email"))
        #expect(!names.contains("phone"))
        #expect(!names.contains("custom"))
    }

    @Test func missingLeadIsNil() throws {
        #expect(try query.timeline(leadID: 404) == nil)
    }
}
