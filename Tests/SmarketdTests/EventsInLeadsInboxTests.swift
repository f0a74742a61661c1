import Foundation
import Testing

/// An events export dropped into a leads inbox fails whole instead of turning touches into lead attributes.
@Suite struct EventsInLeadsInboxTests {
    static let events = "email,type,at,rep\r\nzoe@example.com,meeting,2026-12-04T10:00:00Z,ann\r\n"

    @Test func eventsFileFailsWithDestination() throws {
        let workspace = try TestWorkspace(extraYAML: TestWorkspace.salesTeam)
        let file = workspace.root.path + "/touches.csv"
        try Self.events.write(toFile: file, atomically: true, encoding: .utf8)

        let result = try workspace.command(["import", "--inbox", "web", file])
        #expect(result.status == 65, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("the columns type and at make this an events file"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("the events inbox activity"), "\(result.errorOutput)")
        #expect(try workspace.leads().isEmpty)
    }

    /// A mapping entry for one of the columns marks them as lead data, and the rows become leads.
    @Test func mappedColumnsStayLeadData() throws {
        let workspace = try TestWorkspace(extraYAML: TestWorkspace.salesTeam)
        let yaml = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
        try yaml.replacingOccurrences(
            of: "kind: leads, source: website,", with: "kind: leads, source: website, mapping: {type: custom.lead_type},"
        ).write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        let file = workspace.root.path + "/leads.csv"
        try Self.events.write(toFile: file, atomically: true, encoding: .utf8)

        let result = try workspace.command(["import", "--inbox", "web", file])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(try workspace.leads().count == 1)
    }
}
