import Foundation
import Testing

/// Line breaks and combining marks in cell values, in the files and outputs the binary writes.
///
/// Swift treats "\r\n" as one Character, and a combining mark joins the character before it into
/// one Character, so writers that compare Characters miss both.
@Suite struct LineBreakOutputTests {
    /// Whether `text` contains `part`, compared byte for byte.
    static func containsBytes(_ text: String, _ part: String) -> Bool {
        Array(text.utf8).firstRange(of: Array(part.utf8)) != nil
    }

    /// Writes `text` outside the inboxes and ingests it with `smarketd import`.
    private func importFeed(_ text: String, named name: String, into workspace: TestWorkspace) throws {
        let feed = workspace.root.path + "/" + name
        try text.write(toFile: feed, atomically: true, encoding: .utf8)
        let imported = try workspace.command(["import", "--inbox", "web", feed])
        #expect(imported.status == 0, "\(imported.errorOutput)")
    }

    @Test func rejectsFileQuotesCRLFValue() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop("email,notes\r\n,\"only\r\nnotes\"\r\n", as: "multiline.csv")
        #expect(eventually { workspace.processed().contains("multiline.csv.rejects.csv") }, "\(daemon.log)")
        let rejects = try String(
            contentsOfFile: workspace.webInbox + "/processed/multiline.csv.rejects.csv", encoding: .utf8)
        #expect(Self.containsBytes(rejects, "email,notes,line,reason\r\n"), "\(rejects.debugDescription)")
        #expect(Self.containsBytes(rejects, "\r\n,\"only\r\nnotes\",2,"), "\(rejects.debugDescription)")
    }

    @Test func leadsCSVQuotesCRLFAndGuardsFormulas() throws {
        let workspace = try TestWorkspace()
        try importFeed(
            "email,first_name,company\r\nann@contoso.example,=1+2,\"Contoso\r\nGmbH\"\r\n", named: "crlf.csv",
            into: workspace)
        let csv = try workspace.command(["leads", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.errorOutput)")
        #expect(Self.containsBytes(csv.output, ",\"Contoso\r\nGmbH\","), "\(csv.output.debugDescription)")
        #expect(Self.containsBytes(csv.output, ",'=1+2,"), "\(csv.output.debugDescription)")
    }

    @Test func leadTableFlattensCRLF() throws {
        let workspace = try TestWorkspace()
        try importFeed(
            "email,notes\r\nann@contoso.example,\"first\r\nsecond\rthird\"\r\n", named: "notes.csv", into: workspace)
        let lead = try workspace.command(["lead", "ann@contoso.example"])
        #expect(lead.status == 0, "\(lead.errorOutput)")
        #expect(!lead.output.unicodeScalars.contains("\r"), "\(lead.output.debugDescription)")
        #expect(lead.output.contains("first second third"), "\(lead.output.debugDescription)")
    }

    @Test func htmlReportEscapesBeforeCombiningMark() throws {
        let workspace = try TestWorkspace()
        try importFeed("email,source\nann@contoso.example,<\u{301}b>bold</b>\n", named: "sources.csv", into: workspace)
        let report = try workspace.command(["report", "--by", "source", "--format", "html"])
        #expect(report.status == 0, "\(report.errorOutput)")
        #expect(Self.containsBytes(report.output, "&lt;\u{301}b&gt;bold&lt;/b&gt;"), "\(report.output)")
        #expect(!Self.containsBytes(report.output, "<\u{301}b>"))
    }
}
