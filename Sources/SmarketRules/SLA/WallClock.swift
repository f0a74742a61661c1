import Foundation

/// A source of the current wall-clock time, injected so that SLA logic runs in tests
/// without waiting.
///
/// It is not named `Clock` because the standard library's `Clock` protocol measures
/// durations on monotonic or continuous clocks, while deadlines are wall-clock instants.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Date {
        Date()
    }
}

/// A clock for tests that shows a set instant and moves only through `set` and `advance`.
public final class ManualClock: WallClock, @unchecked Sendable {
    // The lock guards `current`, which is what makes the class safe to share.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) {
        current = start
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    /// Moves the clock to `instant`, backwards too, as a real wall clock can be set.
    public func set(_ instant: Date) {
        lock.withLock { current = instant }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
