import Foundation

/// The files waiting to be ingested, in arrival order without repeats, with the back-off of files that
/// failed for a passing reason.
struct InboxQueue {
    struct Item: Hashable {
        var inbox: Int
        var name: String
    }

    private var order: [Item] = []
    private var head = 0
    private var queued: Set<Item> = []
    private var attempts: [Item: Int] = [:]

    var isEmpty: Bool { head == order.count }

    mutating func enqueue(_ item: Item) {
        guard queued.insert(item).inserted else { return }
        order.append(item)
    }

    mutating func dequeue() -> Item? {
        guard head < order.count else { return nil }
        let item = order[head]
        head += 1
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        queued.remove(item)
        return item
    }

    /// Records a passing failure and returns the delay before the next try: 1 s, doubling up to 5 minutes.
    mutating func backOff(_ item: Item) -> TimeInterval {
        let count = (attempts[item] ?? 0) + 1
        attempts[item] = count
        return min(300, pow(2, Double(count - 1)))
    }

    mutating func succeeded(_ item: Item) {
        attempts[item] = nil
    }
}
