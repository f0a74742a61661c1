import Foundation
import Glibc
import SmarketDaemon
import Testing

/// Runs `body` with the watchdog variables set, and unsets them afterwards.
private func withWatchdogEnvironment(usec: String?, pid: String?, _ body: () -> Void) {
    if let usec { setenv("WATCHDOG_USEC", usec, 1) } else { unsetenv("WATCHDOG_USEC") }
    if let pid { setenv("WATCHDOG_PID", pid, 1) } else { unsetenv("WATCHDOG_PID") }
    defer {
        unsetenv("WATCHDOG_USEC")
        unsetenv("WATCHDOG_PID")
    }
    body()
}

extension ServiceEnvironmentTests {
    @Test func watchdogIntervalIsHalfForThisProcess() {
        withWatchdogEnvironment(usec: "30000000", pid: String(getpid())) {
            #expect(ServiceNotifier().watchdogPingInterval == 15)
        }
    }

    @Test func watchdogIntervalWithoutPid() {
        withWatchdogEnvironment(usec: "4000000", pid: nil) {
            #expect(ServiceNotifier().watchdogPingInterval == 2)
        }
    }

    @Test func watchdogOffForOtherPid() {
        withWatchdogEnvironment(usec: "30000000", pid: String(getppid())) {
            #expect(ServiceNotifier().watchdogPingInterval == nil)
        }
    }

    @Test func watchdogOffWithoutVariable() {
        withWatchdogEnvironment(usec: nil, pid: nil) {
            #expect(ServiceNotifier().watchdogPingInterval == nil)
        }
    }

    @Test func watchdogPingReachesSocket() throws {
        let socket = try NotifySocket()
        ServiceNotifier().watchdogPing()
        #expect(socket.receive() == ["WATCHDOG=1"])
    }
}
