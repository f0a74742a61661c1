import Foundation
import SmarketStore
import Testing

/// A workspace whose database contains the scripted history of `Fixtures/reports/history.sql`.
func reportWorkspace() throws -> TestWorkspace {
    let workspace = try TestWorkspace(extraYAML: "sla: {marketing: {mql_per_month: 50}}")
    try FileManager.default.createDirectory(
        atPath: workspace.stateDirectory, withIntermediateDirectories: true)
    let database = try Database(path: workspace.stateDirectory + "/smarketd.db")
    try database.prepareForWriting()
    try database.execute(
        try String(contentsOf: Fixtures.url("reports/history.sql"), encoding: .utf8))
    return workspace
}

let novemberWindow = ["--since", "2026-11-01", "--until", "2026-12-01"]

/// `smarketd report` in every format, against numbers computed by hand in the fixture.
@Suite struct ReportCommandTests {
    @Test func jsonHasContractValues() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(
            ["report"] + novemberWindow + ["--by", "source", "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["leads"] as? Int == 6)
        #expect(object["mql"] as? Int == 3)
        #expect(object["sql"] as? Int == 2)
        #expect(object["won"] as? Int == 1)
        #expect(object["lost"] as? Int == 1)
        #expect(object["sla_met"] as? Int == 3)
        #expect(object["sla_breached"] as? Int == 2)
        #expect(object["sla_compliance"] as? Double == 0.6)
        #expect(object["median_first_touch_seconds"] as? Int == 3600)
        #expect(object["p90_first_touch_seconds"] as? Int == 7200)
        #expect(object["overdue_open_tasks"] as? Int == 2)
        let marketing = try #require(object["marketing"] as? [String: Any])
        #expect(marketing["mql_target"] as? Int == 50)
        // Lead 7 reached won at its ingestion, 00:30 on 1 December 2026 in Berlin; the other MQLs are
        // from November. So the month's count is 1 in December 2026 and 0 in any later month.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let month = calendar.dateComponents([.year, .month], from: Date())
        let expected = month.year == 2026 && month.month == 12 ? 1 : 0
        #expect(marketing["mql_actual"] as? Int == expected)
        #expect(marketing["pace"] is NSNumber)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == ["ads", "webinar"])
        #expect(rows.first?["sla_compliance"] as? Double == 2.0 / 3.0)
        #expect(rows.first?["median_first_touch_seconds"] as? Int == 4500)
    }

    @Test func jsonComplianceNullWithoutDeadlines() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["report", "--since", "2030-01-01", "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["leads"] as? Int == 0)
        #expect(object["sla_compliance"] is NSNull)
        #expect(object["median_first_touch_seconds"] is NSNull)
        #expect((object["rows"] as? [Any])?.isEmpty == true)
    }

    @Test func csvNeutralizesFormulaCampaign() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(
            ["report"] + novemberWindow + ["--by", "campaign", "--format", "csv"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 5)
        #expect(
            lines[0].hasPrefix(
                "key,leads,mql,sql,won,lost,lead_to_mql,mql_to_sql,sql_to_won,sla_met,sla_breached")
        )
        #expect(lines[1] == "q4-webinar,3,2,2,1,1,0.6667,1.0000,0.5000,1,1,0.5000,3600,3600,1")
        #expect(lines[2] == "'=cmd|' /C calc'!A0,2,1,0,0,0,0.5000,0.0000,,1,0,1.0000,7200,7200,0")
        #expect(lines[3] == "(none),1,0,0,0,0,0.0000,,,1,1,0.5000,1800,1800,1")
        #expect(lines[4] == "total,6,3,2,1,1,0.5000,0.6667,0.5000,3,2,0.6000,3600,7200,2")
    }

    @Test func tableFitsHundredColumns() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["report"] + novemberWindow + ["--by", "rep"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.components(separatedBy: "\n")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(
            result.output.contains(
                "Leads ingested 2026-11-01 to 2026-11-30 (Europe/Berlin), by rep"))
        let total = try #require(
            lines.first { $0.hasPrefix("total") && $0.contains("%") && $0.contains("h") })
        #expect(total.contains("60%"))
        #expect(total.contains("1h"))
        #expect(total.contains("2h"))
        #expect(result.output.contains("Marketing"))
        #expect(result.output.contains("of 50 MQLs"))
    }

    @Test func htmlIsSelfContained() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(
            ["report"] + novemberWindow + ["--by", "source", "--format", "html"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let html = result.output
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("Funnel"))
        #expect(html.contains("SLA compliance per rep"))
        #expect(html.contains("Time to first touch per source"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.contains("=cmd|&#39; /C calc&#39;!A0") == false)
        #expect(html.contains(">alice</text>"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let workspace = try reportWorkspace()
        let by = try workspace.command(["report", "--by", "country"])
        #expect(by.status == 64)
        #expect(by.errorOutput.contains("--by country is not one of source, campaign, rep"))
        let date = try workspace.command(["report", "--since", "2026-13-01"])
        #expect(date.status == 64)
        #expect(date.errorOutput.contains("YYYY-MM-DD"))
        let order = try workspace.command([
            "report", "--since", "2026-12-01", "--until", "2026-11-01",
        ])
        #expect(order.status == 64)
        let format = try workspace.command(["report", "--format", "xml"])
        #expect(format.status == 64)
    }

    @Test func missingDatabaseExits66() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["report"])
        #expect(result.status == 66)
        #expect(result.errorOutput.contains("no database"))
    }
}
