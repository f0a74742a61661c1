import Foundation
import Testing

@testable import SmarketStore

/// The report's numbers over the scripted history, computed by hand in `Fixtures/reports/history.sql`.
@Suite struct ReportQueryTests {
    let history: ReportTestHistory

    init() throws {
        history = try ReportTestHistory()
    }

    @Test func windowCountsFunnel() throws {
        let total = try history.november().total
        #expect(total.leads == 6)
        #expect(total.mql == 3)
        #expect(total.sql == 2)
        #expect(total.won == 1)
        #expect(total.lost == 1)
        #expect(total.leadToMQL == 0.5)
        #expect(total.mqlToSQL == 2.0 / 3.0)
        #expect(total.sqlToWon == 0.5)
    }

    @Test func windowCountsSLAPerDeadline() throws {
        let total = try history.november().total
        #expect(total.slaMet == 3)
        #expect(total.slaBreached == 2)
        #expect(total.slaCompliance == 0.6)
        #expect(total.medianFirstTouchSeconds == 3600)
        #expect(total.p90FirstTouchSeconds == 7200)
        #expect(total.overdueOpenTasks == 2)
    }

    @Test func windowWithoutBoundsTakesAll() throws {
        let report = try ReportQuery(database: history.database, timeZone: ReportTestHistory.berlin)
            .run(
                since: nil, until: nil, grouping: nil, mqlTarget: nil,
                now: Date(timeIntervalSince1970: 1_794_787_200))
        #expect(report.total.leads == 8)
        #expect(report.total.won == 2)
        #expect(report.total.slaMet == 4)
    }

    @Test func groupsBySource() throws {
        let rows = try history.november(by: .source).rows
        #expect(rows.map(\.key) == ["ads", "webinar"])
        let ads = rows[0].counts
        #expect(ads.leads == 3)
        #expect(ads.mql == 1)
        #expect(ads.sql == 0)
        #expect(ads.slaMet == 2)
        #expect(ads.slaBreached == 1)
        #expect(ads.medianFirstTouchSeconds == 4500)
        #expect(ads.p90FirstTouchSeconds == 7200)
        #expect(ads.overdueOpenTasks == 1)
        let webinar = rows[1].counts
        #expect(webinar.leads == 3)
        #expect(webinar.mql == 2)
        #expect(webinar.won == 1)
        #expect(webinar.lost == 1)
        #expect(webinar.slaCompliance == 0.5)
    }

    @Test func groupsByCampaignWithNone() throws {
        let rows = try history.november(by: .campaign).rows
        #expect(rows.map(\.key) == ["q4-webinar", "=cmd|' /C calc'!A0", ReportQuery.noValueKey])
        #expect(rows.map(\.counts.leads) == [3, 2, 1])
    }

    @Test func groupsByRepUseDeadlineOwner() throws {
        let rows = try history.november(by: .rep).rows
        #expect(rows.map(\.key) == ["alice", "bob"])
        #expect(rows[0].counts.leads == 4)
        #expect(rows[0].counts.slaMet == 3)
        #expect(rows[0].counts.slaBreached == 0)
        #expect(rows[0].counts.overdueOpenTasks == 2)
        #expect(rows[1].counts.leads == 2)
        #expect(rows[1].counts.slaMet == 0)
        #expect(rows[1].counts.slaBreached == 2)
        #expect(rows[1].counts.slaCompliance == 0)
    }

    @Test func marketingPaceOfMonth() throws {
        let marketing = try history.november().marketing
        #expect(marketing.mqlTarget == 10)
        #expect(marketing.mqlActual == 3)
        // 15 days and 1 hour of November's 30 days (Berlin) have passed at 00:00 UTC on the 16th.
        let elapsed = (15.0 * 86_400 + 3600) / (30 * 86_400)
        #expect(abs(marketing.pace! - 3 / (10 * elapsed)) < 1e-9)
    }

    @Test func marketingPaceNullWithoutTarget() throws {
        #expect(try history.november(target: nil).marketing.pace == nil)
    }

    @Test func emptyDatabaseHasNullRates() throws {
        let empty = try ReportTestHistory(loadHistory: false)
        let total = try empty.november().total
        #expect(total.leads == 0)
        #expect(total.slaCompliance == nil)
        #expect(total.medianFirstTouchSeconds == nil)
        #expect(total.leadToMQL == nil)
    }

    @Test func startOfDayUsesTimeZone() {
        let start = ReportQuery.startOfDay("2026-11-01", in: ReportTestHistory.berlin)
        #expect(start == Date(timeIntervalSince1970: 1_793_487_600))
        #expect(ReportQuery.startOfDay("2026-02-30", in: ReportTestHistory.berlin) == nil)
        #expect(ReportQuery.startOfDay("1.11.2026", in: ReportTestHistory.berlin) == nil)
    }
}
