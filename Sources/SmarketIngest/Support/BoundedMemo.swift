import Synchronization

/// Values computed once per key and kept, up to a number of keys past which the memo starts over
/// rather than grow. A lock makes it safe to share between threads.
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline let capacity: Int
    @usableFromInline let values = Mutex<[Key: Value]>([:])

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Returns the value kept for `key`, or computes, keeps and returns it. The computation runs
    /// outside the lock, so two threads may both compute a missing value. Inlinable, so that callers
    /// in other modules get it specialized: the generic version cost 2% of an import.
    @inlinable
    public func value(for key: Key, compute: (Key) -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let value = compute(key)
        values.withLock { memo in
            if memo.count >= capacity { memo.removeAll(keepingCapacity: true) }
            memo[key] = value
        }
        return value
    }
}
