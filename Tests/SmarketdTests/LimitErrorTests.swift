import Foundation
import Testing

/// A file over a configured limit fails with an error that names the key to raise and its value.
@Suite struct LimitErrorTests {
    @Test func errorFilesNameConfiguredLimits() throws {
        let workspace = try TestWorkspace(limits: "{max_line_length: 64, max_columns: 3}")
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted(), "\(daemon.log)")
        try workspace.drop("email,a,b,c\nann@contoso.example,1,2,3\n", as: "wide.csv")
        let long = String(repeating: "x", count: 100)
        try workspace.drop("email,notes\nann@contoso.example,\(long)\n", as: "long.csv")
        #expect(eventually { workspace.failed().contains("long.csv.error") }, "\(daemon.log)")
        #expect(eventually { workspace.failed().contains("wide.csv.error") }, "\(daemon.log)")

        let wide = try String(contentsOfFile: workspace.webInbox + "/failed/wide.csv.error", encoding: .utf8)
        #expect(wide.contains("the limit of 3 columns set by limits.max_columns"), "\(wide)")
        #expect(wide.contains("raise limits.max_columns in the configuration"), "\(wide)")
        let longError = try String(contentsOfFile: workspace.webInbox + "/failed/long.csv.error", encoding: .utf8)
        #expect(longError.contains("the limit of 64 bytes set by limits.max_line_length"), "\(longError)")
        #expect(longError.contains("raise limits.max_line_length in the configuration"), "\(longError)")
        #expect(eventually { daemon.log.contains("set by limits.max_columns") }, "\(daemon.log)")
    }
}
