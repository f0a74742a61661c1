import Foundation
import SmarketStore
import Testing

/// `smarketd forget` end to end: database, archived files, rejects files and outbox files.
@Suite struct ForgetCommandTests {
    static let email = "zebulon.quark@example.com"
    static let feed = """
        email,first_name,last_name,company,notes
        ann.other@example.com,Ann,Other,Contoso,first
        Zebulon.Quark@example.com,Zebulon,Quarkwright,Acme,"call
        after lunch"
        bob.other@example.com,Bob,Other,Fabrikam,
        zebulon.quark@example.com,Zebulon,Quarkwright,<test lead: dummy data>,

        """

    /// Creates a workspace where the feed was imported and archived as the daemon does, with an outbox file.
    func preparedWorkspace() throws -> TestWorkspace {
        let workspace = try TestWorkspace(
            extraYAML: "outboxes:\n  - {name: crm, path: spool/outbox/crm}")
        let source = workspace.root.path + "/leads.csv"
        try Self.feed.write(toFile: source, atomically: true, encoding: .utf8)
        let imported = try workspace.command(["import", "--inbox", "web", source])
        #expect(imported.status == 0, "\(imported.errorOutput)")
        // The daemon would have moved the file here; import leaves it where it is.
        try FileManager.default.copyItem(
            atPath: source, toPath: workspace.webInbox + "/processed/leads.csv")
        let events =
            "email,type,at,rep\nzebulon.quark@example.com,call,2026-11-02T10:00:00Z,alice\n"
        try FileManager.default.createDirectory(
            atPath: workspace.activityInbox + "/processed", withIntermediateDirectories: true)
        try events.write(
            toFile: workspace.activityInbox + "/processed/calls.csv", atomically: true,
            encoding: .utf8)
        let failed = workspace.webInbox + "/failed"
        try FileManager.default.createDirectory(atPath: failed, withIntermediateDirectories: true)
        try "email,name\n\"Zebulon.Quark@example.com,Zebulon\n".write(
            toFile: failed + "/broken.csv", atomically: true, encoding: .utf8)
        try "broken.csv line 2: unbalanced quote in \"Zebulon.Quark@example.com,Zebulon\n"
            .write(toFile: failed + "/broken.csv.error", atomically: true, encoding: .utf8)
        let outbox = workspace.root.path + "/spool/outbox/crm"
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        let records =
            "{\"id\":\"1\",\"email\":\"zebulon.quark@example.com\",\"first_name\":\"Zebulon\"}\n"
            + "{\"id\":\"2\",\"email\":\"ann.other@example.com\",\"first_name\":\"Ann\"}\n"
        try records.write(toFile: outbox + "/records-1.ndjson", atomically: true, encoding: .utf8)
        return workspace
    }

    /// Lists every file the person may have left bytes in: the database, its log, the archives and the outbox.
    func searchedFiles(_ workspace: TestWorkspace) -> [String] {
        var paths = [
            workspace.stateDirectory + "/smarketd.db",
            workspace.stateDirectory + "/smarketd.db-wal",
        ]
        for folder in [
            workspace.webInbox + "/processed", workspace.webInbox + "/failed",
            workspace.activityInbox + "/processed",
            workspace.root.path + "/spool/outbox/crm",
        ] {
            paths += workspace.contents(of: folder).map { folder + "/" + $0 }
        }
        return paths.filter { FileManager.default.fileExists(atPath: $0) }
    }

    func report(_ workspace: TestWorkspace) throws -> String {
        let result = try workspace.command(["report", "--by", "source", "--format", "csv"])
        #expect(result.status == 0, "\(result.errorOutput)")
        return result.output
    }

    @Test func forgetLeavesNoBytes() throws {
        let workspace = try preparedWorkspace()
        let before = searchedFiles(workspace).filter { path in
            (FileManager.default.contents(atPath: path).map {
                String(decoding: $0, as: UTF8.self).lowercased()
            } ?? "")
            .contains("zebulon")
        }
        #expect(before.count >= 4)
        let result = try workspace.command(["forget", Self.email])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("forgot \(Self.email): 1 lead anonymized (id "), "\(result.output)")
        for path in searchedFiles(workspace) {
            let text = String(
                decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self
            ).lowercased()
            #expect(!text.contains(Self.email), "\(path) still contains the email")
            #expect(!text.contains("zebulon"), "\(path) still contains the first name")
            #expect(!text.contains("quarkwright"), "\(path) still contains the last name")
        }
        let archived = try String(
            contentsOfFile: workspace.webInbox + "/processed/leads.csv", encoding: .utf8)
        #expect(
            archived
                == "email,first_name,last_name,company,notes\nann.other@example.com,Ann,Other,Contoso,first\nbob.other@example.com,Bob,Other,Fabrikam,\n"
        )
        let outbox = try String(
            contentsOfFile: workspace.root.path + "/spool/outbox/crm/records-1.ndjson",
            encoding: .utf8)
        #expect(outbox.contains("ann.other@example.com"))
    }

    @Test func forgetKeepsReportCounts() throws {
        let workspace = try preparedWorkspace()
        let before = try report(workspace)
        let result = try workspace.command(["forget", Self.email])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(try report(workspace) == before)
    }

    @Test func laterImportCreatesNewLead() throws {
        let workspace = try preparedWorkspace()
        let oldID = try #require(
            try workspace.leads().first { $0["email"] as? String == Self.email }?["id"] as? Int)
        #expect(try workspace.command(["forget", Self.email]).status == 0)
        let again = workspace.root.path + "/again.csv"
        try "email,first_name\nzebulon.quark@example.com,Zebulon\n".write(
            toFile: again, atomically: true, encoding: .utf8)
        #expect(try workspace.command(["import", "--inbox", "web", again]).status == 0)
        let leads = try workspace.leads()
        let newID = try #require(
            leads.first { $0["email"] as? String == Self.email }?["id"] as? Int)
        #expect(newID != oldID)
        let old = try #require(leads.first { $0["id"] as? Int == oldID })
        #expect(old["email"] is NSNull)
        let database = try Database(path: workspace.stateDirectory + "/smarketd.db", readOnly: true)
        #expect(database.wasErased(email: Self.email))
    }

    @Test func droppedCopyLosesErasedPerson() throws {
        let workspace = try preparedWorkspace()
        #expect(try workspace.command(["forget", Self.email]).status == 0)
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop(Self.feed, as: "copy.csv")
        let archived = workspace.webInbox + "/processed/copy.csv"
        #expect(eventually { FileManager.default.fileExists(atPath: archived) }, "\(daemon.log)")
        let text = try String(contentsOfFile: archived, encoding: .utf8)
        #expect(!text.lowercased().contains("zebulon"), "\(text)")
        #expect(text.contains("ann.other@example.com"))
        #expect(text.contains("bob.other@example.com"))
        #expect(eventually { daemon.log.contains("2 records of erased persons removed from it") }, "\(daemon.log)")
    }

    @Test func forgetNamesPendingInboxFile() throws {
        let workspace = try preparedWorkspace()
        try workspace.drop("email\nzebulon.quark@example.com\n", as: "waiting.csv")
        let result = try workspace.command(["forget", Self.email])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("waiting.csv is still in the inbox"))
        #expect(FileManager.default.fileExists(atPath: workspace.webInbox + "/waiting.csv"))
    }

    @Test func forgetUnknownPersonExits66() throws {
        let workspace = try preparedWorkspace()
        let result = try workspace.command(["forget", "nobody@example.com"])
        #expect(result.status == 66)
        #expect(result.errorOutput.contains("nothing was erased"))
    }

    @Test func forgetOfNonsenseIsUsageError() throws {
        let workspace = try preparedWorkspace()
        let result = try workspace.command(["forget", "not a person"])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("neither an email address nor a phone number"))
    }
}
