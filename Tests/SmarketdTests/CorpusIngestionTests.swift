import Foundation
import Testing

/// The corpus files dropped into a running daemon's inbox end up as the corpus description says.
@Suite struct CorpusIngestionTests {
    @Test func goodFilesGiveSixtySevenLeads() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        for file in Fixtures.goodLeadFiles {
            try workspace.dropFixture(file)
        }
        let names = Fixtures.goodLeadFiles.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(eventually { Set(names).isSubset(of: workspace.processed()) }, "\(daemon.log)")
        #expect(workspace.failed().isEmpty)

        let leads = try workspace.leads()
        #expect(leads.count == 67)
        let emails = Set(leads.compactMap { $0["email"] as? String })
        #expect(emails.count == 67)
        #expect(emails.allSatisfy { $0 == $0.lowercased() })
        #expect(emails.contains("anna.novak@wideworld.example"))
        #expect(daemon.stop() == 0)
    }

    @Test func metaTestLeadIsRejected() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.dropFixture("corpus/meta-lead-ads.tsv")
        #expect(eventually { workspace.processed().contains("meta-lead-ads.tsv") }, "\(daemon.log)")
        #expect(workspace.processed().contains("meta-lead-ads.tsv.rejects.csv"))
        let rejects = try String(contentsOfFile: workspace.webInbox + "/processed/meta-lead-ads.tsv.rejects.csv", encoding: .utf8)
        #expect(rejects.lowercased().contains("test lead"))
        let header = rejects.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        #expect(header.hasSuffix(",line,reason"))
        #expect(header.contains("work_email"))
    }

    @Test func partnerRowsMergeIntoMetaLeads() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.dropFixture("corpus/meta-lead-ads.tsv")
        #expect(eventually { workspace.processed().contains("meta-lead-ads.tsv") }, "\(daemon.log)")
        let before = try workspace.leads().count
        try workspace.dropFixture("corpus/partner-leads.json")
        #expect(eventually { workspace.processed().contains("partner-leads.json") }, "\(daemon.log)")
        #expect(try workspace.leads().count == before)
        #expect(eventually { daemon.log.contains("6 rows accepted (0 new leads, 6 merged)") })
    }

    @Test func badFilesFailWithTheirReasons() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        let failing = ["empty.csv", "binary.csv", "header-only.csv", "no-contact-column.csv", "truncated.json", "unbalanced-quote.csv"]
        for name in failing + ["mixed-rows.csv"] {
            try workspace.dropFixture("corpus/bad/" + name)
        }
        #expect(eventually { Set(failing).isSubset(of: workspace.failed()) }, "\(daemon.log)")
        for name in failing {
            #expect(workspace.failed().contains(name + ".error"), "\(name)")
        }
        let quoteError = try String(contentsOfFile: workspace.webInbox + "/failed/unbalanced-quote.csv.error", encoding: .utf8)
        #expect(quoteError.contains("line 2"))
        let contactError = try String(contentsOfFile: workspace.webInbox + "/failed/no-contact-column.csv.error", encoding: .utf8)
        #expect(contactError.contains("email or phone"))

        #expect(eventually { workspace.processed().contains("mixed-rows.csv") }, "\(daemon.log)")
        let rejects = try String(contentsOfFile: workspace.webInbox + "/processed/mixed-rows.csv.rejects.csv", encoding: .utf8)
        let lines = rejects.split(whereSeparator: \.isNewline)
        #expect(lines.count == 3)
        #expect(lines.dropFirst().first?.contains("not-an-email") == true)
        #expect(lines.dropFirst().first?.contains(",3,") == true)
        #expect(lines.last?.contains(",4,") == true)
        let emails = Set(try workspace.leads().compactMap { $0["email"] as? String })
        #expect(emails == ["ok1@contoso.example", "ok2@contoso.example"])
        #expect(daemon.stop() == 0)
    }
}
