import Foundation
import Synchronization

/// Remembers the open interval of each local day a calendar has worked out.
///
/// Placing one deadline converts several wall times to instants, and each conversion reads the
/// time zone's offset three times. A bulk import places a deadline per lead, almost always on
/// the same few days. The memo is shared by the copies of one calendar, and a lock
/// keeps it safe to use from several threads.
final class OpenIntervalMemo: Sendable {
    /// Enough for several years of days. Past it the memo starts again rather than grow.
    static let capacity = 4_096
    private let intervals = Mutex<[Int: DateInterval?]>([:])

    /// Returns the memorized interval of `day`, or computes, keeps and returns it.
    func interval(of day: Int, compute: (Int) -> DateInterval?) -> DateInterval? {
        if let known = intervals.withLock({ $0[day] }) { return known }
        let interval = compute(day)
        intervals.withLock { memo in
            if memo.count >= Self.capacity { memo.removeAll(keepingCapacity: true) }
            memo[day] = .some(interval)
        }
        return interval
    }
}
