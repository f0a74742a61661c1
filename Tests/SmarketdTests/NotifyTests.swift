import Foundation
import Glibc
import Testing

/// The daemon's messages to systemd, read from a notification socket of the test's own.
@Suite struct NotifyTests {
    static let marketingTarget = """
        sla:
          marketing: {mql_per_month: 50}
        """

    @Test func notifyReadyAfterStart() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        let ready = listener.waitFor { $0.hasPrefix("READY=1") }
        #expect(ready != nil, "\(listener.texts) \(daemon.log)")
        #expect(daemon.log.contains("smarketd started"))
    }

    @Test func notifyStatusShowsCounts() throws {
        let workspace = try TestWorkspace(extraYAML: Self.marketingTarget)
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        #expect(listener.waitFor { $0.hasPrefix("READY=1") } != nil)
        try workspace.dropFixture("corpus/hubspot-contacts.csv")
        #expect(eventually { workspace.processed().contains("hubspot-contacts.csv") }, "\(daemon.log)")
        let leads = try workspace.leads().count
        #expect(leads > 0)
        let index = listener.waitFor { $0.contains("STATUS=") && $0.contains("1 file since start") }
        let line = index.map { listener.texts[$0] } ?? ""
        #expect(line.contains("2 inboxes"), "\(line)")
        #expect(line.contains("\(leads) leads today"), "\(line)")
        #expect(line.contains("0 untouched"), "\(line)")
        #expect(line.contains("0 open tasks"), "\(line)")
        #expect(line.contains("SLA 0 at risk, 0 breached"), "\(line)")
        #expect(line.contains("MQL pace "), "\(line)")
        let mqls = try workspace.leads().filter { $0["stage"] as? String == "mql" }.count
        #expect(mqls > 0)
        #expect(line.contains("(\(mqls) of 50)"), "\(line)")
    }

    @Test func notifyStatusShowsLastError() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        #expect(listener.waitFor { $0.hasPrefix("READY=1") } != nil)
        try workspace.dropFixture("corpus/bad/no-contact-column.csv")
        #expect(eventually { workspace.failed().contains("no-contact-column.csv") }, "\(daemon.log)")
        let index = listener.waitFor { $0.contains("STATUS=") && $0.contains("last error: no-contact-column.csv") }
        #expect(index != nil, "\(listener.texts)")
    }

    @Test func notifyStoppingOnSIGTERM() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        let ready = listener.waitFor { $0.hasPrefix("READY=1") }
        #expect(ready != nil)
        let status = daemon.stop(with: SIGTERM)
        #expect(status == 0, "\(daemon.log)")
        #expect(listener.waitFor(after: ready ?? -1, timeout: 2) { $0 == "STOPPING=1" } != nil, "\(listener.texts)")
        #expect(daemon.log.contains("smarketd stopping on SIGTERM"), "\(daemon.log)")
    }

    @Test func notifyStoppingOnSIGINT() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        #expect(listener.waitFor { $0.hasPrefix("READY=1") } != nil)
        #expect(daemon.stop(with: SIGINT) == 0, "\(daemon.log)")
        #expect(listener.waitFor(timeout: 2) { $0 == "STOPPING=1" } != nil, "\(listener.texts)")
    }
}

/// The SLA and task counts of the status line, from rows that another process writes, as the
/// engine and `smarketd import` do.
extension NotifyTests {
    /// Runs SQL on the daemon's database with the `sqlite3` command, as another process.
    func runSQL(_ sql: String, database: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-cmd", ".timeout 5000", database, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed on \(sql)")
    }

    @Test func notifyStatusCountsSLAs() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        #expect(listener.waitFor { $0.hasPrefix("READY=1") } != nil)
        try workspace.dropFixture("corpus/hubspot-contacts.csv")
        #expect(eventually { workspace.processed().contains("hubspot-contacts.csv") }, "\(daemon.log)")
        func at(_ offset: String) -> String { "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '\(offset)')" }
        let start = listener.texts.count
        try runSQL(
            """
            INSERT INTO sla_deadlines (lead_id, owner, assigned_at, due_at, warn_at, state, breached_at, met_at) VALUES
              (1, 'alice', \(at("-2 hours")), \(at("+1 hours")), \(at("-1 hours")), 'open', NULL, NULL),
              (2, 'bob', \(at("-2 hours")), \(at("+10 hours")), \(at("+5 hours")), 'open', NULL, NULL),
              (3, 'bob', \(at("-5 hours")), \(at("-1 hours")), \(at("-2 hours")), 'open', NULL, NULL),
              (4, 'bob', \(at("-30 hours")), \(at("-2 hours")), NULL, 'breached', \(at("-2 hours")), NULL),
              (5, 'bob', \(at("-80 hours")), \(at("-48 hours")), NULL, 'breached', \(at("-48 hours")), NULL),
              (6, 'bob', \(at("-80 hours")), \(at("-48 hours")), NULL, 'met', \(at("-48 hours")), \(at("-40 hours")));
            INSERT INTO tasks (lead_id, owner, title, type, due_at, state, created_at) VALUES
              (1, 'alice', 'Call', 'call', \(at("+4 hours")), 'open', \(at("+0 hours"))),
              (2, 'bob', 'Call', 'call', \(at("+4 hours")), 'open', \(at("+0 hours"))),
              (3, 'bob', 'Call', 'call', \(at("+4 hours")), 'done', \(at("+0 hours")));
            """, database: workspace.stateDirectory + "/smarketd.db")
        let index = listener.waitFor(after: start - 1, timeout: 10) { $0.contains("STATUS=") && $0.contains("open tasks") && !$0.contains("0 open tasks") }
        let line = index.map { listener.texts[$0] } ?? ""
        #expect(line.contains("3 untouched"), "\(line)")
        #expect(line.contains("2 open tasks"), "\(line)")
        #expect(line.contains("SLA 1 at risk, 3 breached"), "\(line)")
    }
}
