import Foundation
import Testing

/// The command-line interface: import, leads and their formats, errors and exit codes.
@Suite struct CommandTests {
    @Test func importIngestsWithoutDaemon() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/hubspot-contacts.csv").path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("rows accepted"))
        let leads = try workspace.leads()
        #expect(leads.count > 0)
        #expect(FileManager.default.fileExists(atPath: Fixtures.url("corpus/hubspot-contacts.csv").path))

        let again = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/hubspot-contacts.csv").path])
        #expect(again.status == 0)
        #expect(again.output.contains("ingested before"))
        #expect(try workspace.leads().count == leads.count)
    }

    @Test func importJournalsLikeDaemon() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/web-form.ndjson").path])
        #expect(result.status == 0, "\(result.errorOutput)")
        let journal = result.errorOutput
        #expect(journal.contains("lead 1 created"), "\(journal)")
        #expect(journal.contains("web/web-form.ndjson: "), "\(journal)")
        #expect(journal.contains("MESSAGE_ID=6f3abec85eac46d6b539c34f13f43c8b"), "\(journal)")
    }

    @Test func importCountsOneRowInSingular() throws {
        let workspace = try TestWorkspace()
        let file = workspace.root.path + "/one.csv"
        try "email,first_name\r\nann@example.com,Ann\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try workspace.command(["import", "--inbox", "web", file])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("1 row accepted (1 new lead, 0 merged), 0 rejected"), "\(result.output)")
        let table = try workspace.command(["leads"])
        #expect(table.output.hasSuffix("\n1 lead\n"), "\(table.output)")
    }

    @Test func failureCountsCommittedRecords() throws {
        let workspace = try TestWorkspace()
        let file = workspace.root.path + "/midfail.csv"
        var text = "email,first_name\n"
        for number in 0..<1_200 { text += "lead\(number)@contoso.example,Ann\n" }
        text += "late@contoso.example," + String(repeating: "x", count: 2 << 20) + "\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try workspace.command(["import", "--inbox", "web", file])
        #expect(result.status == 65)
        #expect(result.errorOutput.contains("the first 1000 records were ingested before the error"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("ROWS_ACCEPTED=1000"), "\(result.errorOutput)")
        #expect(try workspace.leads().count == 1_000)
    }

    @Test func importOfBadFileExits65() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/bad/unbalanced-quote.csv").path])
        #expect(result.status == 65)
        #expect(result.errorOutput.contains("line 2"))
    }

    @Test func importOfMissingFileExits66() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["import", "--inbox", "web", workspace.root.path + "/nothing.csv"])
        #expect(result.status == 66)
        #expect(result.errorOutput.contains("does not exist"))
    }

    @Test func importOfFolderNamesItsType() throws {
        let workspace = try TestWorkspace()
        let folder = workspace.root.path + "/folder.csv"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let result = try workspace.command(["import", "--inbox", "web", folder])
        #expect(result.status == 65)
        #expect(result.errorOutput.contains("\(folder) is a folder, not a regular file\n"), "\(result.errorOutput)")
    }

    @Test func importOfFIFONamesItsType() throws {
        let workspace = try TestWorkspace()
        let fifo = workspace.root.path + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try workspace.command(["import", "--inbox", "web", fifo])
        #expect(result.status == 65)
        #expect(result.errorOutput.contains("\(fifo) is a FIFO, not a regular file\n"), "\(result.errorOutput)")
    }

    @Test func importToUnknownInboxIsUsageError() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["import", "--inbox", "nope", Fixtures.url("corpus/hubspot-contacts.csv").path])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("no inbox named nope"))
    }

    @Test func leadsJSONHasContractKeys() throws {
        let workspace = try TestWorkspace()
        _ = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/web-form.ndjson").path])
        let leads = try workspace.leads()
        let first = try #require(leads.first)
        for key in [
            "id", "email", "first_name", "last_name", "company", "country", "source", "campaign", "score", "stage",
            "owner", "created_at", "first_touch_at", "sla_due_at", "sla_state",
        ] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        let createdAt = try #require(first["created_at"] as? String)
        #expect(createdAt.hasSuffix("Z"))
    }

    @Test func leadsCSVAndTableFormats() throws {
        let workspace = try TestWorkspace()
        _ = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/web-form.ndjson").path])
        let csv = try workspace.command(["leads", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.output.hasPrefix("id,email,first_name,last_name"))
        let table = try workspace.command(["leads"])
        #expect(table.status == 0)
        #expect(table.output.contains("leads\n"))
        let bad = try workspace.command(["leads", "--format", "xml"])
        #expect(bad.status == 64)
    }

    @Test func missingConfigurationExits78() throws {
        let result = try SmarketdBinary.run(["--config", "/nonexistent/smarketd.yaml", "check-config"])
        #expect(result.status == 78)
        #expect(result.errorOutput.contains("does not exist"))
    }

    @Test func unknownCommandIsUsageError() throws {
        let result = try SmarketdBinary.run(["frobnicate"])
        #expect(result.status == 64)
    }
}

/// `check-config` on good and broken files, and the marketing pace warning of the running daemon.
@Suite struct ConfigurationCommandTests {
    @Test func checkConfigPrintsSummary() throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command(["check-config"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("inboxes: 2"))
    }

    @Test func checkConfigListsEveryError() throws {
        let workspace = try TestWorkspace(extraYAML: "reps:\n  - {id: ann, nmae: Ann, team: nowhere}\n")
        let result = try workspace.command(["check-config"])
        #expect(result.status == 78)
        #expect(result.errorOutput.contains(workspace.configPath + ":"))
        #expect(result.errorOutput.contains("nmae"))
        #expect(result.errorOutput.contains("nowhere"))
        #expect(result.errorOutput.contains("errors; fix them and try again"), "\(result.errorOutput)")
    }

    @Test func checkConfigCountsOneError() throws {
        let workspace = try TestWorkspace(extraYAML: "reps:\n  - {id: ann, name: Ann, email: ann@example.com, team: nowhere}\n")
        let result = try workspace.command(["check-config"])
        #expect(result.status == 78)
        #expect(result.errorOutput.contains("the configuration has 1 error; fix it and try again"), "\(result.errorOutput)")
    }

    @Test func paceBehindTargetWarnsOnce() throws {
        let workspace = try TestWorkspace(extraYAML: "sla: {marketing: {mql_per_month: 100000}}\n")
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        #expect(eventually { daemon.log.contains("<4>marketing is behind its MQL target: 0 of 100000") }, "\(daemon.log)")
        #expect(daemon.stop() == 0)
        let again = try DaemonProcess(workspace: workspace)
        #expect(again.waitUntilStarted())
        usleep(2_500_000)
        #expect(!again.log.contains("marketing is behind"))
    }
}

/// Paths of the configuration that cannot be used stop the start with an error naming the setting and the cause.
@Suite struct ConfiguredFolderStartTests {
    @Test func stateDirThatIsAFileNamesSetting() throws {
        let workspace = try TestWorkspace()
        try "not a folder".write(toFile: workspace.stateDirectory, atomically: true, encoding: .utf8)

        let result = try workspace.command(["run"])
        #expect(result.status == 74)
        #expect(
            result.errorOutput.contains("state_dir is \(workspace.stateDirectory), which is a file, not a folder"),
            "\(result.errorOutput)")
        #expect(!result.errorOutput.contains("NSCocoaErrorDomain"), "\(result.errorOutput)")
    }

    @Test func stateDirUnderAFileNamesFile() throws {
        let workspace = try TestWorkspace()
        let file = workspace.root.path + "/plain"
        try "not a folder".write(toFile: file, atomically: true, encoding: .utf8)
        let yaml = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
        try yaml.replacingOccurrences(of: "state_dir: state", with: "state_dir: plain/state")
            .write(toFile: workspace.configPath, atomically: true, encoding: .utf8)

        let result = try workspace.command(["run"])
        #expect(result.status == 74)
        #expect(result.errorOutput.contains("the folder of state_dir: \(file) is a file, not a folder"), "\(result.errorOutput)")
    }

    @Test func configurationFolderIsNamed() throws {
        let workspace = try TestWorkspace()
        let result = try SmarketdBinary.run(["--config", workspace.root.path, "check-config"])
        #expect(result.status == 78)
        #expect(result.errorOutput.contains("it is a folder, not a file"), "\(result.errorOutput)")
    }

    @Test func inboxUnderAFileNamesInbox() throws {
        let workspace = try TestWorkspace()
        try FileManager.default.removeItem(atPath: workspace.activityInbox)
        try "not a folder".write(toFile: workspace.activityInbox, atomically: true, encoding: .utf8)

        let result = try workspace.command(["run"])
        #expect(result.status == 74)
        #expect(result.errorOutput.contains("the path of inbox activity is"), "\(result.errorOutput)")
    }
}
