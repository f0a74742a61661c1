import Foundation

/// One pending SLA timer: the deadline row it belongs to and when it falls due.
public struct PendingTimer: Sendable, Hashable {
    /// The id of the deadline row in the database.
    public var id: Int64
    public var dueAt: Date

    public init(id: Int64, dueAt: Date) {
        self.id = id
        self.dueAt = dueAt
    }
}

/// A binary min-heap of pending timers ordered by `(dueAt, id)`, with removal and
/// rescheduling by id in O(log n).
///
/// Each timer costs one 16-byte heap entry plus one dictionary entry (an 8-byte key and
/// a 4-byte heap index). The benchmark in bench/sla-timers measured 33-43 bytes of
/// resident memory per timer for 1 to 3 million timers.
/// The 4-byte index limits a queue to `Int32.max` timers.
public struct DeadlineQueue: Sendable {
    /// A heap entry. The due time is kept as seconds since the reference date so that a
    /// `Date` comes back unchanged.
    struct Entry: Sendable {
        var due: Double
        var id: Int64

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.due < rhs.due || (lhs.due == rhs.due && lhs.id < rhs.id)
        }

        var timer: PendingTimer {
            PendingTimer(id: id, dueAt: Date(timeIntervalSinceReferenceDate: due))
        }
    }

    private(set) var heap: [Entry] = []
    /// The heap index of each id, kept in step with every move inside `heap`.
    private(set) var positions: [Int64: Int32] = [:]

    /// Creates an empty queue.
    public init() {}

    /// Creates a queue from `timers` in O(n), for the load at start-up.
    ///
    /// When an id occurs more than once, the last occurrence wins, as with ``insert(_:)``.
    public init(_ timers: [PendingTimer]) {
        heap.reserveCapacity(timers.count)
        positions.reserveCapacity(timers.count)
        for timer in timers {
            let entry = Entry(due: timer.dueAt.timeIntervalSinceReferenceDate, id: timer.id)
            if let index = positions[timer.id] {
                heap[Int(index)] = entry
            } else {
                positions[timer.id] = Int32(heap.count)
                heap.append(entry)
            }
        }
        // Floyd's construction: sift down every inner node, from the last one up.
        var index = heap.count / 2 - 1
        while index >= 0 {
            siftDown(from: index)
            index -= 1
        }
    }

    /// The number of pending timers.
    public var count: Int { heap.count }

    /// Whether no timer is pending.
    public var isEmpty: Bool { heap.isEmpty }

    /// The timer due first (ties broken by the lower id), or nil when the queue is empty.
    public var next: PendingTimer? { heap.first?.timer }

    /// Returns the due time of the timer with `id`, or nil when none is pending.
    public func dueAt(id: Int64) -> Date? {
        positions[id].map { Date(timeIntervalSinceReferenceDate: heap[Int($0)].due) }
    }

    /// Adds `timer`, or moves the pending timer with the same id to the new due time.
    public mutating func insert(_ timer: PendingTimer) {
        let entry = Entry(due: timer.dueAt.timeIntervalSinceReferenceDate, id: timer.id)
        if let index = positions[timer.id] {
            let old = heap[Int(index)]
            heap[Int(index)] = entry
            if entry < old {
                siftUp(from: Int(index))
            } else {
                siftDown(from: Int(index))
            }
            return
        }
        precondition(heap.count < Int(Int32.max), "DeadlineQueue holds at most Int32.max timers")
        heap.append(entry)
        positions[timer.id] = Int32(heap.count - 1)
        siftUp(from: heap.count - 1)
    }

    /// Removes the timer with `id` and returns it, or returns nil when none is pending.
    @discardableResult
    public mutating func remove(id: Int64) -> PendingTimer? {
        guard let index = positions.removeValue(forKey: id) else {
            return nil
        }
        return removeEntry(at: Int(index))
    }

    /// Removes and returns every timer due at or before `now`, in `(dueAt, id)` order.
    public mutating func popDue(at now: Date) -> [PendingTimer] {
        let limit = now.timeIntervalSinceReferenceDate
        var due: [PendingTimer] = []
        while let first = heap.first, first.due <= limit {
            positions.removeValue(forKey: first.id)
            due.append(removeEntry(at: 0))
        }
        return due
    }

    /// Removes the entry at `index`, whose id is already gone from `positions`.
    private mutating func removeEntry(at index: Int) -> PendingTimer {
        let removed = heap[index]
        let last = heap.removeLast()
        if index < heap.count {
            heap[index] = last
            positions[last.id] = Int32(index)
            if last < removed {
                siftUp(from: index)
            } else {
                siftDown(from: index)
            }
        }
        return removed.timer
    }

    private mutating func siftUp(from start: Int) {
        var index = start
        let moving = heap[index]
        while index > 0 {
            let parent = (index - 1) / 2
            guard moving < heap[parent] else {
                break
            }
            heap[index] = heap[parent]
            positions[heap[index].id] = Int32(index)
            index = parent
        }
        heap[index] = moving
        positions[moving.id] = Int32(index)
    }

    private mutating func siftDown(from start: Int) {
        var index = start
        let moving = heap[index]
        let count = heap.count
        while true {
            let left = 2 * index + 1
            guard left < count else {
                break
            }
            let right = left + 1
            let smaller = right < count && heap[right] < heap[left] ? right : left
            guard heap[smaller] < moving else {
                break
            }
            heap[index] = heap[smaller]
            positions[heap[index].id] = Int32(index)
            index = smaller
        }
        heap[index] = moving
        positions[moving.id] = Int32(index)
    }
}
