import SmarketIngest

/// Reads records from a feed with a look-ahead buffer, so the first records can serve as a sample before
/// they are applied.
struct RecordCursor {
    var feed: FeedFile
    private var buffered: [RawRecord] = []
    private var position = 0

    init(feed: FeedFile) {
        self.feed = feed
    }

    /// Reads up to `count` records ahead and returns them without consuming them.
    mutating func prefetch(_ count: Int) throws -> [RawRecord] {
        while buffered.count < count, let record = try feed.next() { buffered.append(record) }
        return buffered
    }

    /// Skips records an earlier run already committed.
    mutating func skip(_ count: Int) throws {
        for _ in 0..<count where try next() == nil { return }
    }

    mutating func next() throws -> RawRecord? {
        if position < buffered.count {
            defer {
                position += 1
                if position == buffered.count {
                    buffered.removeAll()
                    position = 0
                }
            }
            return buffered[position]
        }
        return try feed.next()
    }
}
