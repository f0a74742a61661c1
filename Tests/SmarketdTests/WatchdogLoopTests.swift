import Foundation
import Glibc
import Testing

/// `WATCHDOG=1` comes from the work loop, so a blocked loop stops the pings.
@Suite struct WatchdogLoopTests {
    /// One second: the daemon pings every half second. `WATCHDOG_PID` stays unset because the
    /// child's pid is known only after launch, and `sd_watchdog_enabled` accepts that.
    static let watchdogEnvironment = ["WATCHDOG_USEC": "1000000"]

    @Test func watchdogPingsWhileHealthy() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(
            workspace: workspace, environment: listener.environment.merging(Self.watchdogEnvironment) { $1 })
        let ready = listener.waitFor { $0.hasPrefix("READY=1") } ?? -1
        #expect(ready >= 0, "\(daemon.log)")
        usleep(2_500_000)
        let pings = listener.texts.dropFirst(ready + 1).filter { $0 == "WATCHDOG=1" }.count
        #expect(pings >= 3, "\(listener.texts)")
    }

    @Test func watchdogSilentWithoutVariable() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        let daemon = try DaemonProcess(workspace: workspace, environment: listener.environment)
        #expect(listener.waitFor { $0.hasPrefix("READY=1") } != nil, "\(daemon.log)")
        usleep(1_500_000)
        #expect(!listener.texts.contains("WATCHDOG=1"))
    }

    @Test func watchdogStopsWhileLoopBlocked() throws {
        let workspace = try TestWorkspace()
        let listener = try NotifyListener()
        var environment = listener.environment.merging(Self.watchdogEnvironment) { $1 }
        environment["SMARKETD_FAULT"] = "block-loop=4"
        let daemon = try DaemonProcess(workspace: workspace, environment: environment)
        let ready = listener.waitFor { $0.hasPrefix("READY=1") } ?? -1
        #expect(ready >= 0, "\(daemon.log)")
        // The loop sleeps for 4 s right after READY=1; healthy, it would ping 5 times in 2.5 s.
        usleep(2_500_000)
        let pingsWhileBlocked = listener.texts.dropFirst(ready + 1).filter { $0 == "WATCHDOG=1" }.count
        #expect(pingsWhileBlocked == 0, "\(listener.texts)")
        let resumed = listener.waitFor(after: ready, timeout: 10) { $0 == "WATCHDOG=1" }
        #expect(resumed != nil, "\(listener.texts) \(daemon.log)")
    }
}
