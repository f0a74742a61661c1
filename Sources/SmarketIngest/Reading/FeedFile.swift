/// A feed file opened for reading records one at a time.
///
/// `open` decides the compression, encoding, format and CSV delimiter from the file name and
/// the first 64 KiB of content. `next()` then streams the file from its start with fixed-size
/// buffers, so memory does not grow with the file's size. Copies of a `FeedFile` share one
/// reading position.
public struct FeedFile {
    private enum Reader {
        case csv(CSVRecordReader)
        case json(JSONRecordReader)
    }

    /// The number of leading bytes that decide the encoding, format and delimiter.
    static let sampleSize = 64 * 1024

    public let format: FeedFormat
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "Windows-1252".
    public let encodingName: String
    /// Whether the file is gzip, by its `.gz` name or by its magic bytes.
    public let isCompressed: Bool
    private let reader: Reader

    /// The CSV header names as written, without a byte order mark; nil for JSON.
    public var header: [String]? {
        guard case .csv(let csv) = reader else { return nil }
        return csv.header
    }

    /// The sniffed CSV delimiter; nil for JSON.
    public var delimiter: Character? {
        guard case .csv(let csv) = reader else { return nil }
        return Character(Unicode.Scalar(csv.delimiter))
    }

    /// Opens a feed file that the caller has opened and keeps owning.
    /// - Parameters:
    ///   - descriptor: A descriptor of a regular file; it is read with `pread` from offset 0
    ///     and never closed.
    ///   - fileName: The file's name, for its extensions and for error messages.
    ///   - limits: The size, line and column bounds that the file must stay within.
    /// - Throws: `FeedError` with code `fileTooLarge`, `empty`, `binary`, `malformedGzip`,
    ///   `unpackedTooLarge`, `io`, or a CSV header's parse error.
    public static func open(descriptor: Int32, fileName: String, limits: ReadLimits)
        throws(FeedError) -> FeedFile
    {
        let size = try fileSize(descriptor: descriptor)
        if size > limits.maxFileSize {
            let setting = LimitSetting.maxFileSize(limits.maxFileSize)
            throw FeedError(
                .fileTooLarge,
                "\(fileName) is \(size) bytes, over \(setting.limitPhrase). "
                    + "Split it into smaller files or \(setting.raiseAdvice).")
        }
        let hint = FileNameHint(fileName: fileName)
        // The content decides: a `.gz` name on plain text is read as plain text.
        let isCompressed = try GzipInflater.isGzip(descriptor: descriptor)

        let rawSample = try readSample(
            descriptor: descriptor, fileName: fileName, limits: limits, isCompressed: isCompressed)
        guard !rawSample.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        else {
            throw FeedError(
                .empty, "\(fileName) is empty. Export the data again and drop the complete file.")
        }
        let encoding = SniffedEncoding.sniff(rawSample.bytes)
        var sample = Array(rawSample.bytes.dropFirst(encoding.byteOrderMarkLength))
        if let byteOrder = encoding.utf16 {
            var transcoder = UTF16Transcoder(byteOrder: byteOrder)
            sample = transcoder.transcode(sample)
        }
        if let problem = BinaryCheck.firstProblem(in: sample) {
            throw FeedError(
                .binary, line: 1,
                "\(fileName) is not a text export: it contains \(problem). Export the data again as CSV or JSON."
            )
        }
        if sample.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw FeedError(
                .empty,
                "\(fileName) contains only a byte order mark or blank lines. Export the data again."
            )
        }

        let format = ContentSniffer.format(of: sample, hint: hint)
        let stream = try FeedByteStream(
            descriptor: descriptor, fileName: fileName, limits: limits, isCompressed: isCompressed,
            byteOrderMarkLength: encoding.byteOrderMarkLength, utf16: encoding.utf16)
        let reader: Reader
        switch format {
        case .csv:
            let delimiter = ContentSniffer.delimiter(
                of: sample, isWholeFile: rawSample.isWholeFile, prefersTab: hint.prefersTab)
            reader = .csv(
                try CSVRecordReader(
                    stream: stream, delimiter: delimiter, decoding: encoding.decoding,
                    fileName: fileName,
                    limits: limits))
        case .json, .ndjson:
            reader = .json(
                JSONRecordReader(
                    stream: stream, fileName: fileName, limits: limits, decoding: encoding.decoding)
            )
        }
        return FeedFile(
            format: format, encodingName: encoding.name, isCompressed: isCompressed, reader: reader,
            stream: stream, size: size)
    }

    private init(
        format: FeedFormat, encodingName: String, isCompressed: Bool, reader: Reader,
        stream: FeedByteStream, size: Int64
    ) {
        self.format = format
        self.encodingName = encodingName
        self.isCompressed = isCompressed
        self.reader = reader
        self.stream = stream
        self.size = size
    }

    private let stream: FeedByteStream
    /// The file's size in bytes as stored.
    public let size: Int64

    /// Bytes of the file read so far, as stored (compressed for gzip), for progress reports. Reading runs
    /// ahead of the records returned by up to one buffer.
    public var bytesRead: Int64 { stream.sourceBytesRead }

    /// Reads the next record, or returns nil at the end.
    /// - Throws: `FeedError` for structural errors, with the line where the problem starts;
    ///   `noRecords` when the file ends before its first record.
    public mutating func next() throws(FeedError) -> RawRecord? {
        switch reader {
        case .csv(let csv): return try csv.next()
        case .json(let json): return try json.next()
        }
    }

    /// Reads the first `sampleSize` bytes of content, decompressed but not yet decoded.
    private static func readSample(
        descriptor: Int32, fileName: String, limits: ReadLimits, isCompressed: Bool
    ) throws(FeedError) -> (bytes: [UInt8], isWholeFile: Bool) {
        let stream = try FeedByteStream(
            descriptor: descriptor, fileName: fileName, limits: limits, isCompressed: isCompressed)
        var bytes: [UInt8] = []
        while bytes.count < sampleSize {
            guard let chunk = try stream.nextChunk() else { return (bytes, true) }
            bytes.append(contentsOf: chunk)
        }
        return (Array(bytes.prefix(sampleSize)), false)
    }
}
