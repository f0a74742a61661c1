import CSystemd
import Foundation

/// The daemon's side of systemd's notification protocol (`sd_notify(3)`): readiness, reloads,
/// stopping, status text, start-up timeout extensions and watchdog pings.
///
/// libsystemd reads `NOTIFY_SOCKET` on every call and keeps it in the environment, so child
/// processes of the daemon could notify too. Outside systemd the variable is missing and every call
/// does nothing.
public final class ServiceNotifier: @unchecked Sendable {
    /// The shortest time between two `STATUS=` updates from ``status(_:)``, in seconds.
    public let statusInterval: Double

    private let lock = NSLock()
    private let clock: @Sendable () -> Double
    private var lastStatusTime: Double?
    private var pendingStatus: String?

    /// Creates a notifier that sends at most one status update per second.
    public convenience init() {
        self.init(statusInterval: 1, clock: MonotonicClock.seconds)
    }

    /// Creates a notifier with its own status rate and clock; tests inject a clock.
    /// - Parameters:
    ///   - statusInterval: The shortest time between two `STATUS=` updates, in seconds.
    ///   - clock: A monotonic clock in seconds.
    public init(statusInterval: Double, clock: @escaping @Sendable () -> Double) {
        self.statusInterval = statusInterval
        self.clock = clock
    }

    /// Whether `NOTIFY_SOCKET` is set, so that messages reach a service manager.
    public var isSupervised: Bool {
        ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] != nil
    }

    /// Tells systemd that start-up or a reload is complete (`READY=1`), with an optional status line.
    public func ready(status: String? = nil) {
        lock.withLock {
            var message = "READY=1"
            if let status {
                message += "\nSTATUS=\(Self.singleLine(status))"
                lastStatusTime = clock()
                pendingStatus = nil
            }
            send(message)
        }
    }

    /// Tells systemd that a reload started (`RELOADING=1` with `MONOTONIC_USEC`).
    ///
    /// Send ``ready(status:)`` when the reload is done. systemd 253 and later match
    /// `MONOTONIC_USEC` with the reload request, and older versions ignore it.
    public func reloading() {
        lock.withLock {
            send("RELOADING=1\nMONOTONIC_USEC=\(MonotonicClock.microseconds())")
        }
    }

    /// Tells systemd that the daemon is stopping (`STOPPING=1`).
    public func stopping() {
        lock.withLock {
            send("STOPPING=1")
        }
    }

    /// Sets the status line that `systemctl status` shows.
    ///
    /// At most one update per ``statusInterval`` is sent: a line that comes sooner is kept, a newer
    /// one replaces it, and ``flushStatus()`` sends it once the interval has passed. Line breaks
    /// become spaces, because the protocol separates assignments by line.
    public func status(_ line: String) {
        lock.withLock {
            pendingStatus = Self.singleLine(line)
            sendPendingStatusIfDue()
        }
    }

    /// Sends the kept status line when the interval since the last update has passed; call it from
    /// the daemon's loop.
    public func flushStatus() {
        lock.withLock {
            sendPendingStatusIfDue()
        }
    }

    /// Asks systemd for more time to start, reload or stop (`EXTEND_TIMEOUT_USEC`).
    /// - Parameter seconds: Time from now within which the next extension or `READY=1` comes.
    public func extendTimeout(seconds: Double) {
        let microseconds = UInt64(max(0, seconds) * 1_000_000)
        lock.withLock {
            send("EXTEND_TIMEOUT_USEC=\(microseconds)")
        }
    }

    /// Tells systemd's watchdog that the daemon is alive (`WATCHDOG=1`).
    public func watchdogPing() {
        lock.withLock {
            send("WATCHDOG=1")
        }
    }

    /// Half the interval of `sd_watchdog_enabled(0, &usec)`, or nil when the watchdog is off for this
    /// process.
    ///
    /// The watchdog is on when systemd set `WATCHDOG_USEC` and `WATCHDOG_PID` is missing or names
    /// this process. Pinging at half the interval leaves room for one late loop turn.
    public var watchdogPingInterval: TimeInterval? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else {
            return nil
        }
        return Double(microseconds) / 2_000_000
    }

    // MARK: - Sending

    /// Sends the kept status when it is due; the caller holds the lock.
    private func sendPendingStatusIfDue() {
        guard let line = pendingStatus else {
            return
        }
        let now = clock()
        if let last = lastStatusTime, now - last < statusInterval {
            return
        }
        lastStatusTime = now
        pendingStatus = nil
        send("STATUS=\(line)")
    }

    /// Sends one message; the caller holds the lock.
    ///
    /// A failed send is ignored: the service manager then acts on its own timeouts, which is the
    /// outcome the protocol intends.
    private func send(_ message: String) {
        _ = sd_notify(0, message)
    }

    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
