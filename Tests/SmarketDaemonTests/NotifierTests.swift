import Foundation
import Glibc
import Testing

@testable import SmarketDaemon

/// A Unix datagram socket in a temporary folder that receives what systemd's notification socket would.
///
/// Creating one sets `NOTIFY_SOCKET` for the whole process, and releasing it unsets the variable,
/// so the tests that use it run serialized in ``ServiceEnvironmentTests``.
final class NotifySocket {
    let directory: String
    let path: String
    let descriptor: Int32

    init() throws {
        var template = Array("/tmp/smarketd-notify-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        directory = String(cString: made)
        path = directory + "/notify"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() {
                raw[index] = byte
            }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        setenv("NOTIFY_SOCKET", path, 1)
    }

    deinit {
        unsetenv("NOTIFY_SOCKET")
        close(descriptor)
        unlink(path)
        rmdir(directory)
    }

    /// Every datagram queued so far; `sd_notify` has sent its datagram when it returns.
    func receive() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count < 0 {
                return messages
            }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }
}

/// Tests that change the process environment, so they must not run alongside each other.
@Suite(.serialized) struct ServiceEnvironmentTests {
    @Test func notifierReadyWithStatus() throws {
        let socket = try NotifySocket()
        let notifier = ServiceNotifier()
        notifier.ready(status: "watching 2 inboxes")
        #expect(socket.receive().contains("READY=1\nSTATUS=watching 2 inboxes"))
    }

    @Test func notifierReloadingSendsMonotonicTime() throws {
        let socket = try NotifySocket()
        let before = MonotonicClock.microseconds()
        ServiceNotifier().reloading()
        let after = MonotonicClock.microseconds()
        let message = socket.receive().first { $0.hasPrefix("RELOADING=1\n") }
        let lines = message?.split(separator: "\n") ?? []
        #expect(lines.count == 2)
        let sent = lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) }
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        #expect((sent ?? 0) >= before)
        #expect((sent ?? UInt64.max) <= after)
    }

    @Test func notifierStoppingAndWatchdog() throws {
        let socket = try NotifySocket()
        let notifier = ServiceNotifier()
        notifier.stopping()
        notifier.watchdogPing()
        notifier.extendTimeout(seconds: 2.5)
        let messages = socket.receive()
        #expect(messages.contains("STOPPING=1"))
        #expect(messages.contains("WATCHDOG=1"))
        #expect(messages.contains("EXTEND_TIMEOUT_USEC=2500000"))
    }

    @Test func notifierStatusRateLimited() throws {
        let socket = try NotifySocket()
        let clock = ManualClock()
        let notifier = ServiceNotifier(statusInterval: 1, clock: { clock.now() })
        notifier.status("one")
        notifier.status("two")
        notifier.status("three\nlines")
        notifier.flushStatus()
        #expect(socket.receive().filter { $0.hasPrefix("STATUS=") } == ["STATUS=one"])
        clock.advance(by: 1)
        notifier.flushStatus()
        notifier.flushStatus()
        #expect(socket.receive().filter { $0.hasPrefix("STATUS=") } == ["STATUS=three lines"])
    }

    @Test func notifierOutsideSystemdIsSilent() throws {
        let socket = try NotifySocket()
        unsetenv("NOTIFY_SOCKET")
        let notifier = ServiceNotifier()
        #expect(!notifier.isSupervised)
        notifier.ready(status: "x")
        notifier.watchdogPing()
        #expect(socket.receive().isEmpty)
    }
}
