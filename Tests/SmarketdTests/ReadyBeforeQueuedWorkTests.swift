import Foundation
import Glibc
import Testing

/// READY=1 does not wait for work queued during start-up: a file that arrives while the daemon starts
/// queues its whole ingestion, and systemd's start timeout would kill a daemon that waited for it.
struct ReadyBeforeQueuedWorkTests {
    @Test func readyPrecedesQueuedWork() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        var environment = listener.environment
        environment["SMARKETD_FAULT"] = "block-before-ready=30"
        let daemon = try DaemonProcess(workspace: workspace, environment: environment)
        // The queued work takes 30 s, so a READY=1 behind it would come after this wait ends.
        let ready = listener.waitFor(timeout: 10) { $0.hasPrefix("READY=1") }
        #expect(ready != nil, "\(listener.texts) \(daemon.log)")
        kill(daemon.pid, SIGKILL)
    }
}
