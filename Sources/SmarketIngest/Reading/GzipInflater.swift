import CZlib

/// Streaming gzip decompression with zlib, stopping as soon as the output passes a limit.
///
/// Concatenated gzip members (as `cat a.gz b.gz` makes) decompress as one stream, as with `gzip -d`.
final class GzipInflater {
    private var source: DescriptorReader
    /// The file's name, for error messages.
    private let fileName: String

    /// Compressed bytes read from the file so far.
    var compressedBytesRead: Int64 { source.offset }
    private let maxUnpackedSize: Int64
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var inputEnded = false
    private var streamEnded = false
    private var isInitialized = false
    private(set) var unpackedSize: Int64 = 0

    init(source: DescriptorReader, fileName: String, maxUnpackedSize: Int64) throws(FeedError) {
        self.source = source
        self.fileName = fileName
        self.maxUnpackedSize = maxUnpackedSize
        // 16 + MAX_WBITS selects the gzip wrapper with the largest window.
        let status = inflateInit2_(
            &stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw FeedError(
                .io,
                "starting gzip decompression of \(fileName) failed (zlib status \(status)). Drop the file again.")
        }
        isInitialized = true
    }

    deinit {
        if isInitialized { inflateEnd(&stream) }
    }

    /// Returns whether the file starts with the gzip magic bytes 1F 8B.
    static func isGzip(descriptor: Int32) throws(FeedError) -> Bool {
        var probe = DescriptorReader(descriptor: descriptor, maxBytes: .max)
        return try probe.read(upTo: 2) == [0x1F, 0x8B]
    }

    /// Returns the next decompressed chunk, or nil after the last gzip member.
    func nextChunk() throws(FeedError) -> [UInt8]? {
        while true {
            if streamEnded {
                // Another member may follow; anything else after a member is ignored, as gzip does.
                try refillIfEmpty()
                guard inputOffset < input.count, input[inputOffset] == 0x1F else { return nil }
                inflateReset(&stream)
                streamEnded = false
            }
            try refillIfEmpty()
            if inputOffset >= input.count && inputEnded {
                throw truncatedError()
            }
            // Ask for at most one byte past the limit, so that a gzip bomb stops at the limit.
            let allowed = maxUnpackedSize - unpackedSize + 1
            let capacity = Int(min(Int64(feedChunkSize), allowed))
            var output = [UInt8](repeating: 0, count: capacity)
            let availableInput = input.count - inputOffset
            var status: Int32 = Z_OK
            var produced = 0
            var consumed = 0
            input.withUnsafeMutableBufferPointer { inputBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_in = inputBuffer.baseAddress! + inputOffset
                    stream.avail_in = UInt32(availableInput)
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(capacity)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = capacity - Int(stream.avail_out)
                    consumed = availableInput - Int(stream.avail_in)
                }
            }
            inputOffset += consumed
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                streamEnded = true
            default:
                throw FeedError(
                    .malformedGzip,
                    "\(fileName) has corrupt gzip data after \(unpackedSize) unpacked bytes (zlib status \(status)). "
                        + "Compress the original file again and drop the new one.")
            }
            unpackedSize += Int64(produced)
            if unpackedSize > maxUnpackedSize {
                let setting = LimitSetting.maxUnpackedSize(maxUnpackedSize)
                throw FeedError(
                    .unpackedTooLarge,
                    "\(fileName) unpacks to more than \(setting.limitPhrase). "
                        + "Split it into smaller files or \(setting.raiseAdvice).")
            }
            if produced > 0 {
                output.removeSubrange(produced...)
                return output
            }
            if status == Z_BUF_ERROR && inputEnded && inputOffset >= input.count {
                throw truncatedError()
            }
        }
    }

    private func truncatedError() -> FeedError {
        FeedError(
            .malformedGzip,
            "\(fileName) ends early, after \(unpackedSize) unpacked bytes, so its gzip data is truncated. "
                + "Compress the original file again and drop the complete file.")
    }

    private func refillIfEmpty() throws(FeedError) {
        guard inputOffset >= input.count, !inputEnded else { return }
        input = try source.read()
        inputOffset = 0
        if input.isEmpty { inputEnded = true }
    }
}
