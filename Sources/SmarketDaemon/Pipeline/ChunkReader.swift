import Dispatch
import SmarketIngest

/// One chunk of a file's records, read and prepared.
struct PreparedChunk {
    var rows: [(record: RawRecord, row: PreparedRow)] = []
    /// The structural error that ended the chunk early, after the rows read before it.
    var failure: FeedError?
    /// The file's bytes read when the chunk ended.
    var bytesRead: Int64 = 0
}

/// Reads and prepares a file's chunks, and can read the next chunk on another thread while the
/// current one commits. Parsing and normalizing take about a third of an import's time, and
/// committing needs the database thread, so the two overlap on a machine with two cores.
///
/// Only one thread uses the cursor and the preparer at a time: ``prefetch()`` hands them to a
/// background job, and ``next()`` and ``finish()`` wait for that job before they touch them again.
/// That hand-off is what makes the unchecked `Sendable` conformance safe.
final class ChunkReader: @unchecked Sendable {
    private var records: RecordCursor
    private var preparer: any RowPreparer
    private let size: Int
    private var prefetched: PreparedChunk?
    private var job: DispatchSemaphore?

    init(records: RecordCursor, preparer: any RowPreparer, size: Int) {
        self.records = records
        self.preparer = preparer
        self.size = size
    }

    /// Returns the next chunk: the one read in the background, or else one read now.
    func next() -> PreparedChunk {
        finish()
        if let chunk = prefetched {
            prefetched = nil
            return chunk
        }
        return read()
    }

    /// Starts reading the chunk after the one ``next()`` returned last.
    func prefetch() {
        finish()
        let done = DispatchSemaphore(value: 0)
        job = done
        DispatchQueue.global(qos: .utility).async {
            self.prefetched = self.read()
            done.signal()
        }
    }

    /// Waits for a background read to end. A caller that stops early calls it before the file closes.
    func finish() {
        guard let running = job else { return }
        running.wait()
        job = nil
    }

    private func read() -> PreparedChunk {
        var chunk = PreparedChunk()
        let (records, failure) = self.records.nextChunk(of: size)
        chunk.rows.reserveCapacity(records.count)
        for record in records { chunk.rows.append((record, preparer.prepare(record))) }
        chunk.failure = failure
        chunk.bytesRead = self.records.feed.bytesRead
        return chunk
    }
}
