/// A limit on entries that repeat: the first `burst` entries with one key per `interval` pass, later
/// ones are counted, and the count comes back as a summary once the interval has ended.
///
/// The limiter does no locking and no output, so ``Journal`` holds it under its lock and writes the
/// summaries. `Payload` is whatever the caller needs to write a summary (``Journal`` keeps the last
/// suppressed entry).
public struct RepeatLimiter<Payload> {
    /// The count of repeats suppressed under one key during one interval.
    public struct Summary {
        public let key: String
        public let suppressed: Int
        /// The payload of the last suppressed repeat.
        public let last: Payload
    }

    /// The outcome of ``admit(key:payload:)``.
    public enum Decision {
        /// Write the entry; write `summary` first when it is there, because it belongs to an earlier
        /// interval.
        case pass(summary: Summary?)
        /// Drop the entry; it is counted in a later summary.
        case suppress
    }

    private struct Window {
        var start: Double
        var passed: Int
        var suppressed: Int
        var last: Payload?
    }

    /// Entries per key and interval that pass before suppression starts.
    public let burst: Int
    /// The length of one interval, in seconds.
    public let interval: Double
    /// Keys tracked before ended intervals are pruned on the next admission.
    public let maximumKeys: Int

    private let now: () -> Double
    private var windows: [String: Window] = [:]

    /// Creates a limiter.
    /// - Parameters:
    ///   - burst: Entries per key and interval that pass; at least 1.
    ///   - interval: Seconds from the first entry of a key until its count starts again.
    ///   - maximumKeys: Keys tracked before ended intervals are pruned.
    ///   - now: A monotonic clock in seconds; tests inject their own.
    public init(
        burst: Int = 5,
        interval: Double = 60,
        maximumKeys: Int = 4096,
        now: @escaping () -> Double = MonotonicClock.seconds
    ) {
        self.burst = max(1, burst)
        self.interval = interval
        self.maximumKeys = maximumKeys
        self.now = now
    }

    /// Decides whether an entry with `key` is written now.
    public mutating func admit(key: String, payload: Payload) -> Decision {
        let time = now()
        var summary: Summary?
        if var window = windows[key] {
            if time - window.start < interval {
                if window.passed < burst {
                    window.passed += 1
                    windows[key] = window
                    return .pass(summary: nil)
                }
                window.suppressed += 1
                window.last = payload
                windows[key] = window
                return .suppress
            }
            if window.suppressed > 0, let last = window.last {
                summary = Summary(key: key, suppressed: window.suppressed, last: last)
            }
        } else if windows.count >= maximumKeys {
            pruneEndedWindows(at: time)
            // NOTE: when every tracked key is still inside its interval, the map grows past
            // maximumKeys rather than forgetting counts that a summary still has to report.
        }
        windows[key] = Window(start: time, passed: 1, suppressed: 0, last: nil)
        return .pass(summary: summary)
    }

    /// Ends every interval that is over and returns a summary for each one that suppressed entries.
    ///
    /// Call it from a periodic loop so a summary is written even when no further repeat arrives.
    public mutating func expire() -> [Summary] {
        let time = now()
        var summaries: [Summary] = []
        for (key, window) in windows where time - window.start >= interval {
            if window.suppressed > 0, let last = window.last {
                summaries.append(Summary(key: key, suppressed: window.suppressed, last: last))
            }
            windows[key] = nil
        }
        return summaries.sorted { $0.key < $1.key }
    }

    /// Removes ended intervals that suppressed nothing, so no summary is lost.
    private mutating func pruneEndedWindows(at time: Double) {
        windows = windows.filter { time - $0.value.start < interval || $0.value.suppressed > 0 }
    }
}
