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
    mutating func prefetch(_ count: Int) throws(FeedError) -> [RawRecord] {
        while buffered.count < count, let record = try feed.next() { buffered.append(record) }
        return buffered
    }

    /// Skips records an earlier run already committed.
    mutating func skip(_ count: Int) throws(FeedError) {
        for _ in 0..<count where try next() == nil { return }
    }

    /// Reads up to `count` records; a structural error ends the chunk and is returned beside the records
    /// read before it.
    mutating func nextChunk(of count: Int) -> (records: [RawRecord], failure: FeedError?) {
        var chunk: [RawRecord] = []
        chunk.reserveCapacity(min(count, 4096))
        do {
            while chunk.count < count, let record = try next() { chunk.append(record) }
        } catch {
            return (chunk, error)
        }
        return (chunk, nil)
    }

    mutating func next() throws(FeedError) -> RawRecord? {
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
