import Foundation
import Testing

/// `tasks` prints due times in the configured zone in its table, as `lead` does, and in UTC in
/// JSON and CSV, which programs read.
struct TasksTimeZoneTests {
    @Test func tableUsesConfiguredZone() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(["tasks", "--owner", "bob"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("2026-11-04T11:00:00+01:00"), "\(result.output)")
        #expect(!result.output.contains("2026-11-04T10:00:00Z"))
    }

    @Test func jsonAndCSVKeepUTC() throws {
        let workspace = try reportWorkspace()
        for format in ["json", "csv"] {
            let result = try workspace.command(["tasks", "--owner", "bob", "--format", format])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("2026-11-04T10:00:00Z"), "\(format): \(result.output)")
        }
    }
}
