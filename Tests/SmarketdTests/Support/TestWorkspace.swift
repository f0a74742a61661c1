import Foundation
import Glibc

/// A temporary folder with a configuration whose state folder and inboxes live inside it.
final class TestWorkspace {
    let root: URL
    let configPath: String
    var stateDirectory: String { root.path + "/state" }
    var webInbox: String { root.path + "/spool/web" }
    var activityInbox: String { root.path + "/spool/activity" }

    /// Creates the folder and writes `config.yaml`; `extraYAML` is appended to the configuration.
    init(extraYAML: String = "", limits: String? = nil) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("smarketd-tests")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let template = base.path + "/run-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw POSIXError(.EIO) }
        root = URL(fileURLWithPath: String(cString: bytes))
        configPath = root.path + "/config.yaml"
        let yaml = """
            state_dir: state
            timezone: Europe/Berlin
            inboxes:
              - {name: web, path: spool/web, kind: leads, source: website, locale: de_DE}
              - {name: activity, path: spool/activity, kind: events}
            \(limits.map { "limits: \($0)" } ?? "")
            \(extraYAML)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: webInbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: activityInbox, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `contents` under a temporary name in the inbox and renames it to `name`, as writers should.
    func drop(_ contents: Data, as name: String, into inbox: String? = nil) throws {
        let folder = inbox ?? webInbox
        let temporary = folder + "/." + name + ".part"
        try contents.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, folder + "/" + name) == 0 else { throw POSIXError(.EIO) }
    }

    func drop(_ text: String, as name: String, into inbox: String? = nil) throws {
        try drop(Data(text.utf8), as: name, into: inbox)
    }

    /// Copies a corpus file into the inbox by rename.
    func dropFixture(_ relativePath: String, as name: String? = nil, into inbox: String? = nil) throws {
        let data = try Data(contentsOf: Fixtures.url(relativePath))
        try drop(data, as: name ?? URL(fileURLWithPath: relativePath).lastPathComponent, into: inbox)
    }

    func contents(of folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    func processed(_ inbox: String? = nil) -> [String] { contents(of: (inbox ?? webInbox) + "/processed") }
    func failed(_ inbox: String? = nil) -> [String] { contents(of: (inbox ?? webInbox) + "/failed") }

    /// Configuration of two reps, ann and ben, in team sales, which gets every lead in turn.
    static let salesTeam = """
        reps:
          - {id: ann, name: Ann, email: ann@corp.example, team: sales}
          - {id: ben, name: Ben, email: ben@corp.example, team: sales}
        teams:
          - {id: sales, strategy: round_robin}
        routing:
          rules:
            - {team: sales}
        """

    /// Runs a command of the binary to its end.
    func command(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try SmarketdBinary.run(["--config", configPath] + arguments, environment: environment)
    }

    /// The leads as `smarketd leads --format json` prints them.
    func leads() throws -> [[String: Any]] {
        let result = try command(["leads", "--format", "json"])
        guard result.status == 0 else { throw CommandFailed(result: result) }
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        return object as? [[String: Any]] ?? []
    }
}

/// The corpus and other fixtures under `Tests/Fixtures`.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    static let goodLeadFiles = [
        "corpus/meta-lead-ads.tsv", "corpus/hubspot-contacts.csv", "corpus/salesforce-leads-excel-de.csv",
        "corpus/mailchimp-subscribed.csv", "corpus/typeform-responses.csv", "corpus/web-form.ndjson",
        "corpus/partner-leads.json",
    ]
}

struct CommandFailed: Error, CustomStringConvertible {
    var result: CommandResult
    var description: String { "exit \(result.status): \(result.errorOutput)" }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; returns whether it held.
func eventually(timeout: TimeInterval = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}
