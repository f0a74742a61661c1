/// Records of a delimited text file, read chunk by chunk and named by the header row.
final class CSVRecordReader {
    private(set) var header: [String]
    let delimiter: UInt8
    private let stream: FeedByteStream
    private let decoding: TextDecoding
    private let fileName: String
    private var parser: CSVParser
    private var pending: [ParsedRecord] = []
    private var pendingIndex = 0
    private var isFinished = false
    private var recordCount = 0

    /// Reads the header row.
    /// - Throws: `empty` when the file has no non-blank line, and any parse error of the header.
    init(
        stream: FeedByteStream, delimiter: UInt8, decoding: TextDecoding, fileName: String,
        limits: ReadLimits
    ) throws(FeedError) {
        self.stream = stream
        self.delimiter = delimiter
        self.decoding = decoding
        self.fileName = fileName
        parser = CSVParser(delimiter: delimiter, fileName: fileName, limits: limits)
        header = []
        guard let headerRecord = try nextParsed() else {
            throw FeedError(
                .empty,
                "\(fileName) contains only blank lines. Export the data again with a header row.")
        }
        header = decoding.decode(record: headerRecord.values)
    }

    /// Returns the next data record, or nil at the end.
    /// - Throws: `noRecords` when the file ends without any data record.
    func next() throws(FeedError) -> RawRecord? {
        guard let parsed = try nextParsed() else {
            if recordCount == 0 {
                throw FeedError(
                    .noRecords,
                    "\(fileName) has a header row but no data rows. Export the data again, with the leads."
                )
            }
            return nil
        }
        recordCount += 1
        let values = decoding.decode(record: parsed.values)
        let columnCount = max(header.count, values.count)
        var fields: [RawField] = []
        fields.reserveCapacity(columnCount)
        for index in 0..<columnCount {
            // A value past the header's last column keeps a positional name, so that nothing is dropped.
            let name = index < header.count ? header[index] : "column_\(index + 1)"
            let value = index < values.count ? values[index] : ""
            fields.append(RawField(name: name, value: value))
        }
        return RawRecord(line: parsed.line, fields: fields)
    }

    private func nextParsed() throws(FeedError) -> ParsedRecord? {
        while pendingIndex >= pending.count {
            guard !isFinished else { return nil }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            if let chunk = try stream.nextChunk() {
                try parser.consume(chunk, into: &pending)
            } else {
                isFinished = true
                try parser.finish(into: &pending)
            }
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }
}
