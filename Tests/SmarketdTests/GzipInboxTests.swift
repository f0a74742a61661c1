import Foundation
import Testing

/// Gzip files in an inbox: their errors and their identity.
@Suite struct GzipInboxTests {
    static let threeLeads =
        "email,first_name\nann@contoso.example,Ann\nbob@contoso.example,Bob\ncid@contoso.example,Cid\n"

    @Test func truncatedGzipErrorReadsAsSentence() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        let whole = try GzipFile.compress(Self.threeLeads, in: workspace)
        try workspace.drop(whole.prefix(whole.count - 12), as: "cut.csv.gz")
        #expect(eventually { workspace.failed().contains("cut.csv.gz.error") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("web/cut.csv.gz failed: cut.csv.gz ends early, after ") }, "\(daemon.log)")
        let error = try String(contentsOfFile: workspace.webInbox + "/failed/cut.csv.gz.error", encoding: .utf8)
        #expect(error.contains("so its gzip data is truncated. Compress the original file again"), "\(error)")
    }
}
