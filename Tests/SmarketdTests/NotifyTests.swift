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
        let index = listener.waitFor { $0.contains("STATUS=") && $0.contains("1 files since start") }
        let line = index.map { listener.texts[$0] } ?? ""
        #expect(line.contains("2 inboxes"), "\(line)")
        #expect(line.contains("\(leads) leads today"), "\(line)")
        #expect(line.contains("0 untouched"), "\(line)")
        #expect(line.contains("0 open tasks"), "\(line)")
        #expect(line.contains("SLA 0 at risk, 0 breached"), "\(line)")
        #expect(line.contains("MQL pace "), "\(line)")
        #expect(line.contains(" of 50)"), "\(line)")
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
        #expect(daemon.log.contains("received SIGTERM and is stopping"), "\(daemon.log)")
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
