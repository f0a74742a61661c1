import Foundation
import Glibc
import Testing

/// SIGHUP: `RELOADING=1` then `READY=1`, one journal entry per kind of change, and a broken file
/// that leaves the running configuration in place.
@Suite struct ReloadTests {
    /// Starts a daemon on `workspace` and waits for its READY=1; returns the message's index.
    func start(_ workspace: TestWorkspace, _ listener: NotifyListener) throws -> (DaemonProcess, Int) {
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        let ready = listener.waitFor { $0.hasPrefix("READY=1") } ?? -1
        return (daemon, ready)
    }

    @Test func reloadSendsReloadingThenReady() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let (daemon, ready) = try start(workspace, listener)
        #expect(ready >= 0, "\(daemon.log)")
        kill(daemon.pid, SIGHUP)
        let reloading = listener.waitFor(after: ready) { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") }
        #expect(reloading != nil, "\(listener.texts)")
        let readyAgain = listener.waitFor(after: reloading ?? Int.max) { $0.hasPrefix("READY=1") }
        #expect(readyAgain != nil, "\(listener.texts)")
        #expect(eventually { daemon.log.contains("configuration reloaded from") }, "\(daemon.log)")
        #expect(daemon.log.contains("no changes"), "\(daemon.log)")
    }

    @Test func reloadMonotonicTimeIsNumber() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let (daemon, ready) = try start(workspace, listener)
        kill(daemon.pid, SIGHUP)
        let index = listener.waitFor(after: ready) { $0.hasPrefix("RELOADING=1") }
        let value = index.map { listener.texts[$0] }?.split(separator: "=").last.map(String.init) ?? ""
        #expect(UInt64(value) != nil, "\(listener.texts)")
    }

    @Test func reloadJournalsEachChangeKind() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let (daemon, ready) = try start(workspace, listener)
        #expect(ready >= 0)
        var yaml = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
        yaml += """

            sla:
              first_touch: 8h
            reps:
              - {id: zoe, name: Zoe Park, email: zoe@example.com}
            """
        yaml = yaml.replacingOccurrences(of: "source: website", with: "source: landing")
        try yaml.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        kill(daemon.pid, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reloaded from") }, "\(daemon.log)")
        #expect(daemon.log.contains("configuration change in thresholds: sla.first_touch 24h -> 8h"), "\(daemon.log)")
        #expect(daemon.log.contains("configuration change in reps: added zoe"), "\(daemon.log)")
        #expect(daemon.log.contains("CHANGE=inboxes"), "\(daemon.log)")
        #expect(!daemon.log.contains("zoe@example.com"), "\(daemon.log)")
    }

    @Test func reloadInboxAddedNeedsRestart() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let (daemon, ready) = try start(workspace, listener)
        #expect(ready >= 0)
        let yaml = try String(contentsOfFile: workspace.configPath, encoding: .utf8).replacingOccurrences(
            of: "  - {name: activity, path: spool/activity, kind: events}",
            with: "  - {name: activity, path: spool/activity, kind: events}\n  - {name: ads, path: spool/ads, kind: leads}")
        try yaml.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        kill(daemon.pid, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reloaded from") }, "\(daemon.log)")
        #expect(daemon.log.contains("inboxes: added ads (takes effect after a restart)"), "\(daemon.log)")
        #expect(daemon.log.contains("NEEDS_RESTART=1"), "\(daemon.log)")
        #expect(!FileManager.default.fileExists(atPath: workspace.root.path + "/spool/ads"))
    }

    @Test func reloadBrokenFileKeepsRunning() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let (daemon, ready) = try start(workspace, listener)
        #expect(ready >= 0)
        let original = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
        try (original + "\nsla: {first_touch: soon}\n").write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        kill(daemon.pid, SIGHUP)
        let reloading = listener.waitFor(after: ready) { $0.hasPrefix("RELOADING=1") }
        #expect(reloading != nil)
        let readyAgain = listener.waitFor(after: reloading ?? Int.max) { $0.hasPrefix("READY=1") }
        let readyText = readyAgain.map { listener.texts[$0] } ?? ""
        #expect(readyText.contains("last error: reload rejected"), "\(listener.texts)")
        #expect(daemon.log.contains("MESSAGE_ID=62c9befae69e4f75985a3aecafa062b6"), "\(daemon.log)")
        #expect(daemon.log.contains("CONFIG_LINE="), "\(daemon.log)")
        let summary = "<3>reload rejected: \(workspace.configPath) has 1 error, so the running configuration stays"
        #expect(daemon.log.components(separatedBy: summary).count == 2, "\(daemon.log)")
        #expect(daemon.log.contains("ERRORS=1"), "\(daemon.log)")
        #expect(daemon.process.isRunning)

        // The running configuration still ingests files.
        try workspace.drop("email\nann@contoso.example\n", as: "after-reload.csv")
        #expect(eventually { workspace.processed().contains("after-reload.csv") }, "\(daemon.log)")

        // A fixed file clears the error.
        try original.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        kill(daemon.pid, SIGHUP)
        let fixed = listener.waitFor(after: readyAgain ?? Int.max) { $0.hasPrefix("READY=1") }
        let fixedText = fixed.map { listener.texts[$0] } ?? ""
        #expect(fixed != nil, "\(listener.texts)")
        #expect(!fixedText.contains("reload rejected"), "\(fixedText)")
        #expect(daemon.stop() == 0)
    }
}
