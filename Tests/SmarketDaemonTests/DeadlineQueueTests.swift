import Foundation
import Testing

@testable import SmarketDaemon

/// A seeded generator (SplitMix64), so that a failing random case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

func timer(_ id: Int64, _ seconds: TimeInterval) -> PendingTimer {
    PendingTimer(id: id, dueAt: Date(timeIntervalSince1970: 1_780_000_000 + seconds))
}

func at(_ seconds: TimeInterval) -> Date {
    Date(timeIntervalSince1970: 1_780_000_000 + seconds)
}

/// Empties `queue` in order through `popDue`, one timer at a time.
func drain(_ queue: inout DeadlineQueue) -> [PendingTimer] {
    var order: [PendingTimer] = []
    while let next = queue.next {
        order.append(contentsOf: queue.popDue(at: next.dueAt))
    }
    return order
}

/// Sorts `timers` in the `(dueAt, id)` order that the queue promises.
func sortedByDeadline(_ timers: [PendingTimer]) -> [PendingTimer] {
    timers.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
}

@Suite struct DeadlineQueueTests {
    @Test func emptyQueue() {
        var queue = DeadlineQueue()
        #expect(queue.count == 0)
        #expect(queue.next == nil)
        #expect(queue.popDue(at: at(1e9)).isEmpty)
    }

    @Test func nextIsEarliest() {
        var queue = DeadlineQueue()
        queue.insert(timer(1, 30))
        queue.insert(timer(2, 10))
        queue.insert(timer(3, 20))
        #expect(queue.next == timer(2, 10))
        #expect(queue.count == 3)
    }

    @Test func tiesOrderedById() {
        var queue = DeadlineQueue()
        for id: Int64 in [5, 3, 9, 1, 7] {
            queue.insert(timer(id, 10))
        }
        let ids = queue.popDue(at: at(10)).map(\.id)
        #expect(ids == [1, 3, 5, 7, 9])
    }

    @Test func popDueStopsAtNow() {
        var queue = DeadlineQueue([timer(1, 10), timer(2, 20), timer(3, 30), timer(4, 20)])
        let due = queue.popDue(at: at(20))
        #expect(due == [timer(1, 10), timer(2, 20), timer(4, 20)])
        #expect(queue.count == 1)
        #expect(queue.next == timer(3, 30))
    }

    @Test func popDueBeforeFirstIsEmpty() {
        var queue = DeadlineQueue([timer(1, 10)])
        #expect(queue.popDue(at: at(9.999)).isEmpty)
        #expect(queue.count == 1)
    }

    @Test func removeById() {
        var queue = DeadlineQueue([timer(1, 10), timer(2, 20), timer(3, 30)])
        #expect(queue.remove(id: 2) == timer(2, 20))
        #expect(queue.count == 2)
        #expect(queue.dueAt(id: 2) == nil)
        #expect(drain(&queue) == [timer(1, 10), timer(3, 30)])
    }

    @Test func removeFirstAndLast() {
        var queue = DeadlineQueue([timer(1, 10), timer(2, 20), timer(3, 30)])
        #expect(queue.remove(id: 1) == timer(1, 10))
        #expect(queue.remove(id: 3) == timer(3, 30))
        #expect(queue.next == timer(2, 20))
    }

    @Test func removeMissingId() {
        var queue = DeadlineQueue([timer(1, 10)])
        #expect(queue.remove(id: 42) == nil)
        #expect(queue.count == 1)
    }

    @Test func rescheduleEarlier() {
        var queue = DeadlineQueue([timer(1, 10), timer(2, 20), timer(3, 30)])
        queue.insert(timer(3, 5))
        #expect(queue.count == 3)
        #expect(queue.next == timer(3, 5))
    }

    @Test func rescheduleLater() {
        var queue = DeadlineQueue([timer(1, 10), timer(2, 20), timer(3, 30)])
        queue.insert(timer(1, 40))
        #expect(queue.count == 3)
        #expect(queue.dueAt(id: 1) == at(40))
        #expect(drain(&queue).map(\.id) == [2, 3, 1])
    }

    @Test func heapifyKeepsLastDuplicate() {
        var queue = DeadlineQueue([timer(1, 10), timer(2, 20), timer(1, 30)])
        #expect(queue.count == 2)
        #expect(drain(&queue) == [timer(2, 20), timer(1, 30)])
    }

    @Test func dueDatesRoundTrip() {
        // Sub-second due times come back unchanged.
        let exact = PendingTimer(id: 7, dueAt: Date(timeIntervalSince1970: 1_780_000_000.123456))
        var queue = DeadlineQueue([exact])
        #expect(queue.popDue(at: exact.dueAt) == [exact])
    }

    @Test func heapifyMatchesSortedArray() {
        var generator = SeededGenerator(state: 2026)
        var timers: [PendingTimer] = []
        for id in 0..<20_000 {
            // Few distinct seconds, so that many ties exercise the id order.
            let seconds = TimeInterval(Int.random(in: 0..<5_000, using: &generator))
            timers.append(timer(Int64(id), seconds))
        }
        timers.shuffle(using: &generator)
        var queue = DeadlineQueue(timers)
        #expect(queue.count == timers.count)
        #expect(drain(&queue) == sortedByDeadline(timers))
    }

    @Test func randomOperationsMatchModel() {
        // Inserts, reschedules, removals and pops against a dictionary as the model.
        var generator = SeededGenerator(state: 7)
        var queue = DeadlineQueue()
        var model: [Int64: PendingTimer] = [:]
        var now: TimeInterval = 0
        for _ in 0..<20_000 {
            let id = Int64.random(in: 0..<2_000, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                let entry = timer(
                    id, now + TimeInterval(Int.random(in: 0..<1_000, using: &generator)))
                queue.insert(entry)
                model[id] = entry
            case 5..<8:
                #expect(queue.remove(id: id) == model.removeValue(forKey: id))
            default:
                now += TimeInterval(Int.random(in: 0..<50, using: &generator))
                let expected = sortedByDeadline(model.values.filter { $0.dueAt <= at(now) })
                for entry in expected {
                    model[entry.id] = nil
                }
                #expect(queue.popDue(at: at(now)) == expected)
            }
        }
        #expect(queue.count == model.count)
        #expect(drain(&queue) == sortedByDeadline(Array(model.values)))
    }
}
