import Dispatch
import Foundation

/// One `DispatchSourceTimer` armed on the wall clock for the earliest pending deadline.
///
/// The timer uses `DispatchWallTime`, which follows the system's real-time clock. After a
/// suspend, or when the clock is set forward, the alarm fires as soon as the wall clock
/// passes the deadline, instead of waiting out the remaining monotonic time. On Linux,
/// swift-corelibs-libdispatch programs wall-clock timers as an absolute `CLOCK_REALTIME`
/// timerfd (`src/event/event_epoll.c`). The alarm does not wake a suspended machine.
/// Each arming fires the handler at most once. Arming again replaces the previous time.
///
/// The handler can still run once for a time that was replaced, when the timer fired
/// just before `arm(at:)` was called. It should therefore pop due timers from the queue
/// and re-arm for the next one, instead of assuming that a deadline fell due.
public final class WallClockAlarm: @unchecked Sendable {
    // Sendable because the only stored property is the timer source. libdispatch accepts
    // `schedule` from any thread because it swaps the new configuration in atomically
    // (`dispatch_source_set_timer` in `src/source.c`).
    private let timer: DispatchSourceTimer

    /// The slack that Dispatch may add to coalesce wake-ups, far below the 1-second goal.
    public static let leeway = DispatchTimeInterval.milliseconds(50)

    /// Creates a disarmed alarm whose handler runs on `queue`.
    public init(queue: DispatchQueue, handler: @escaping @Sendable () -> Void) {
        timer = DispatchSource.makeTimerSource(flags: [], queue: queue)
        timer.setEventHandler(handler: handler)
        timer.schedule(wallDeadline: .distantFuture, repeating: .never, leeway: Self.leeway)
        timer.activate()
    }

    deinit {
        timer.cancel()
    }

    /// Arms the alarm to fire once at `date`, replacing any earlier arming. Nil disarms it.
    ///
    /// A date in the past fires the handler right away.
    public func arm(at date: Date?) {
        guard let date else {
            timer.schedule(wallDeadline: .distantFuture, repeating: .never, leeway: Self.leeway)
            return
        }
        timer.schedule(
            wallDeadline: Self.wallTime(for: date), repeating: .never, leeway: Self.leeway)
    }

    /// Stops the alarm for good: the handler does not run again and later arming is ignored.
    public func cancel() {
        timer.cancel()
    }

    /// Converts `date` to a Dispatch wall time of whole seconds and nanoseconds.
    ///
    /// Dates before 1970 (and NaN) become 1970, which has passed. Dates too far out for a
    /// `timespec`, infinity included, become `.distantFuture`, so no date traps.
    static func wallTime(for date: Date) -> DispatchWallTime {
        let seconds = max(0, date.timeIntervalSince1970)
        guard seconds < 1e15 else {
            return .distantFuture
        }
        let whole = seconds.rounded(.down)
        let nanoseconds = min(999_999_999, max(0, Int((seconds - whole) * 1e9)))
        let time = timespec(tv_sec: Int(whole), tv_nsec: nanoseconds)
        return DispatchWallTime(timespec: time)
    }
}
