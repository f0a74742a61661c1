import Foundation
import SmarketStore
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
        #expect(eventually { daemon.log.contains("drop the complete file. The file was moved to failed/cut.csv.gz.") }, "\(daemon.log)")
        let error = try String(contentsOfFile: workspace.webInbox + "/failed/cut.csv.gz.error", encoding: .utf8)
        #expect(error.contains("so its gzip data is truncated. Compress the original file again"), "\(error)")
    }

    @Test func gzipAfterPlainIsDuplicate() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop(Self.threeLeads, as: "x.csv")
        #expect(eventually { workspace.processed().contains("x.csv") }, "\(daemon.log)")
        try workspace.drop(try GzipFile.compress(Self.threeLeads, in: workspace), as: "x.csv.gz")
        #expect(eventually { workspace.processed().contains("x.csv.gz") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("web/x.csv.gz has the same content as web/x.csv") }, "\(daemon.log)")
        #expect(!daemon.log.contains("3 merged"), "\(daemon.log)")
        #expect(try workspace.leads().count == 3)
    }

    @Test func plainAfterGzipIsDuplicate() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop(try GzipFile.compress(Self.threeLeads, in: workspace), as: "x.csv.gz")
        #expect(eventually { workspace.processed().contains("x.csv.gz") }, "\(daemon.log)")
        try workspace.drop(Self.threeLeads, as: "x.csv")
        #expect(eventually { workspace.processed().contains("x.csv") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("web/x.csv has the same content as web/x.csv.gz") }, "\(daemon.log)")
        #expect(!daemon.log.contains("3 merged"), "\(daemon.log)")
        #expect(try workspace.leads().count == 3)
    }

    @Test func crashInGzipResumes() throws {
        let workspace = try TestWorkspace()
        let fiveLeads = "email,first_name\n" + CrashRecoveryTests.fiveLeads + "\n"
        try workspace.drop(try GzipFile.compress(fiveLeads, in: workspace), as: "five.csv.gz")
        try crashAfterFirstChunk(in: workspace)

        try expectResumedFiveLeads(in: workspace)
    }

    /// A gzip file that a version keying gzip files by their compressed bytes had started.
    @Test func crashUnderStoredDigestResumes() throws {
        let workspace = try TestWorkspace()
        let fiveLeads = "email,first_name\n" + CrashRecoveryTests.fiveLeads + "\n"
        try workspace.drop(try GzipFile.compress(fiveLeads, in: workspace), as: "five.csv.gz")
        let storedDigest = try sha256sum(workspace.webInbox + "/five.csv.gz")
        try crashAfterFirstChunk(in: workspace)
        try rekeyFiles(in: workspace, to: storedDigest)

        try expectResumedFiveLeads(in: workspace)
    }

    /// A gzip file that a version keying gzip files by their compressed bytes had finished.
    @Test func doneUnderStoredDigestIsDuplicate() throws {
        let workspace = try TestWorkspace()
        let compressed = try GzipFile.compress(Self.threeLeads, in: workspace)
        let first = workspace.root.path + "/first.csv.gz"
        try compressed.write(to: URL(fileURLWithPath: first))
        let imported = try workspace.command(["import", "--inbox", "web", first])
        #expect(imported.status == 0, "\(imported.errorOutput)")
        try rekeyFiles(in: workspace, to: try sha256sum(first))

        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop(compressed, as: "again.csv.gz")
        #expect(eventually { workspace.processed().contains("again.csv.gz") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("web/again.csv.gz has the same content as web/first.csv.gz") }, "\(daemon.log)")
        #expect(!daemon.log.contains("3 merged"), "\(daemon.log)")
    }

    /// Runs the daemon with chunks of two rows until it kills itself after its first commit.
    private func crashAfterFirstChunk(in workspace: TestWorkspace) throws {
        let crashing = try DaemonProcess(
            workspace: workspace, environment: ["SMARKETD_FAULT": "chunk-rows=2,crash-after-chunk=1"])
        #expect(crashing.waitForExit())
        #expect(crashing.process.terminationReason == .uncaughtSignal)
        #expect(try workspace.leads().count == 2)
    }

    /// Restarts the daemon and expects it to finish `five.csv.gz` after the two committed records.
    private func expectResumedFiveLeads(in workspace: TestWorkspace) throws {
        let daemon = try DaemonProcess(workspace: workspace, environment: ["SMARKETD_FAULT": "chunk-rows=2"])
        #expect(eventually { workspace.processed().contains("five.csv.gz") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("resumed after 2 committed records") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("5 rows accepted (5 new leads, 0 merged)") }, "\(daemon.log)")
        #expect(try workspace.leads().count == 5)
    }

    /// Gives the only file record `digest`, as a ledger written before gzip content digests has it.
    private func rekeyFiles(in workspace: TestWorkspace, to digest: String) throws {
        let database = try Database(path: workspace.stateDirectory + "/smarketd.db")
        try database.statement("UPDATE files SET digest = ?1").bind(.text(digest)).run()
        #expect(database.changes == 1)
    }
}
