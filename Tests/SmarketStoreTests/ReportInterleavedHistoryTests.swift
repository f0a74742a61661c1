import Foundation
import Testing

@testable import SmarketStore

/// The report reads stage changes beside the leads in lead order, so changes written in another
/// order, and leads without changes between leads with them, must still count for their own lead.
struct ReportInterleavedHistoryTests {
    @Test func interleavedChangesCountPerLead() throws {
        let history = try ReportTestHistory(loadHistory: false)
        try history.database.execute(
            """
            INSERT INTO leads (id, identity, email, source, owner, stage, created_at, updated_at) VALUES
              (1, 'a@x.io', 'a@x.io', 'ads', 'alice', 'lost', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z'),
              (2, 'b@x.io', 'b@x.io', 'ads', 'alice', 'lead', '2026-11-02T11:00:00Z', '2026-11-02T11:00:00Z'),
              (3, 'c@x.io', 'c@x.io', 'web', 'bob', 'sql', '2026-11-02T12:00:00Z', '2026-11-02T12:00:00Z'),
              (4, 'd@x.io', 'd@x.io', 'web', 'bob', 'sql', '2026-11-02T13:00:00Z', '2026-11-02T13:00:00Z');
            INSERT INTO lead_history (lead_id, at, kind, field, old_value, new_value) VALUES
              (3, '2026-11-03T10:00:00Z', 'stage', 'stage', 'lead', 'mql'),
              (1, '2026-11-04T10:00:00Z', 'stage', 'stage', 'lead', 'mql'),
              (3, '2026-11-05T10:00:00Z', 'stage', 'stage', 'mql', 'sql'),
              (1, '2026-11-06T10:00:00Z', 'stage', 'stage', 'mql', 'lost');
            """)
        let report = try history.november(by: .source)
        #expect(report.total.leads == 4)
        #expect(report.total.mql == 3)
        #expect(report.total.sql == 2)
        #expect(report.total.won == 0)
        #expect(report.total.lost == 1)

        let ads = try #require(report.rows.first { $0.key == "ads" })
        #expect(ads.counts.mql == 1)
        #expect(ads.counts.lost == 1)
        let web = try #require(report.rows.first { $0.key == "web" })
        #expect(web.counts.mql == 2)
        #expect(web.counts.sql == 2)
    }
}
