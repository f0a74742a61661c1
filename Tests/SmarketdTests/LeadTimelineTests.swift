import Foundation
import SmarketStore
import Testing

/// `smarketd lead`: the fields and the timeline of one lead, found by email, phone or id.
@Suite struct LeadTimelineTests {
    @Test func tableShowsEveryKind() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["lead", "eve@example.com"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let output = result.output
        #expect(output.hasPrefix("Lead 5\n"))
        #expect(output.contains("email"))
        #expect(
            output.contains("routed to bob (team dach) by rule \"country in DACH\", round_robin"))
        #expect(output.contains("score +20 fit by rule \"job title is senior\", now 20"))
        #expect(output.contains("SLA deadline 4 for bob"))
        #expect(output.contains("SLA escalation reassign (deadline 4), fired late after downtime"))
        #expect(output.contains("event call by alice"))
        #expect(output.contains("task"))
        // 10:00 UTC is 11:00 in Berlin.
        #expect(output.contains("2026-11-10T11:00:00+01:00"))
    }

    @Test func jsonEntriesInTimeOrder() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["lead", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == 5)
        #expect((object["lead"] as? [String: Any])?["first_name"] as? String == "Eve")
        let entries = try #require(object["timeline"] as? [[String: Any]])
        let times = entries.compactMap { $0["at"] as? String }.compactMap {
            try? Date($0, strategy: .iso8601)
        }
        #expect(times.count == entries.count)
        #expect(times == times.sorted())
        let kinds = Set(entries.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["routing", "score", "sla", "task", "event"]))
    }

    @Test func tableShowsTimesInConfiguredZone() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["lead", "5"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let timeline = try #require(result.output.components(separatedBy: "Timeline (Europe/Berlin)\n").last)
        // The task is due at 10:00 UTC on 11 November, 11:00 in Berlin.
        #expect(timeline.contains("due 2026-11-11T11:00:00+01:00"), "\(timeline)")
        #expect(!timeline.contains(":00Z"), "\(timeline)")
    }

    @Test func jsonFieldNumbersAreNumbers() throws {
        let workspace = try reportWorkspace()
        let database = try Database(path: workspace.stateDirectory + "/smarketd.db")
        try database.execute(
            "UPDATE leads SET employees = '1200', score = 42.5 WHERE id = 5; "
                + "UPDATE leads SET employees = '51-200' WHERE id = 4")
        let result = try workspace.command(["lead", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let lead = try #require(object["lead"] as? [String: Any])
        #expect(lead["id"] as? Int == 5)
        #expect(lead["employees"] as? Int == 1200)
        #expect(lead["score"] as? Double == 42.5)
        #expect(lead["first_name"] as? String == "Eve")
        #expect(result.output.contains("\"employees\": 1200"))
        #expect(result.output.contains("\"id\": 5"))

        let band = try workspace.command(["lead", "4", "--format", "json"])
        let bandObject = try #require(
            try JSONSerialization.jsonObject(with: Data(band.output.utf8)) as? [String: Any])
        #expect((bandObject["lead"] as? [String: Any])?["employees"] as? String == "51-200")
    }

    @Test func jsonCustomAndInvalidAreObjects() throws {
        let workspace = try reportWorkspace()
        let database = try Database(path: workspace.stateDirectory + "/smarketd.db")
        try database.execute(
            #"UPDATE leads SET custom = '{"plan":"pro","seats":"12"}', invalid = '{"phone":"12 34"}' WHERE id = 5"#)
        let result = try workspace.command(["lead", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let lead = try #require(object["lead"] as? [String: Any])
        let custom = try #require(lead["custom"] as? [String: Any], "\(result.output)")
        #expect(custom["plan"] as? String == "pro")
        #expect(custom["seats"] as? String == "12")
        #expect(custom.count == 2)
        let invalid = try #require(lead["invalid"] as? [String: Any], "\(result.output)")
        #expect(invalid["phone"] as? String == "12 34")
        #expect(lead["first_name"] as? String == "Eve")
        #expect(lead["id"] as? Int == 5)
    }

    @Test func jsonCustomThatIsNoObjectStaysString() throws {
        let workspace = try reportWorkspace()
        let database = try Database(path: workspace.stateDirectory + "/smarketd.db")
        try database.execute("UPDATE leads SET custom = 'not json' WHERE id = 5")
        let result = try workspace.command(["lead", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let lead = try #require(object["lead"] as? [String: Any])
        #expect(lead["custom"] as? String == "not json")
    }

    @Test func csvHasOneRowPerEntry() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["lead", "5", "--format", "csv"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let json = try workspace.command(["lead", "5", "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let entries = try #require(object["timeline"] as? [[String: Any]])
        let lines = result.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "lead_id,at,kind,summary")
        #expect(lines.count == entries.count + 1)
        #expect(lines.contains { $0.hasPrefix("5,2026-11-10T10:00:00Z,routing,") }, "\(result.output)")
        #expect(result.output.contains("\"routed to bob (team dach) by rule \"\"country in DACH\"\""))
    }

    @Test func unknownLeadExits66() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["lead", "nobody@example.com"])
        #expect(result.status == 66)
        #expect(result.errorOutput.contains("no lead matches nobody@example.com"))
    }

    @Test func missingOperandIsUsageError() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["lead"])
        #expect(result.status == 64)
    }
}
