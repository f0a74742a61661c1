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

    @Test func entriesInTimeOrder() throws {
        let timeline = try #require(try query.timeline(leadID: 5))
        let summaries = timeline.entries.map(\.summary)
        // At the same instant, score changes come before routing, tasks and deadlines.
        #expect(summaries.first == "score +20 fit by rule \"job title is senior\", now 20")
        let dates = timeline.entries.compactMap { Timestamp.date($0.at) }
        #expect(dates.count == timeline.entries.count)
        #expect(dates == dates.sorted())
        #expect(summaries.contains("SLA breach (deadline 4)"))
        #expect(
            summaries.contains(
                "task 2 created for alice: \"Call Eve\" (call), due 2026-11-11T10:00:00Z"))
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
