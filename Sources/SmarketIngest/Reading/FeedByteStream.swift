/// The bytes of a feed file as chunks of text: decompressed when gzip, without a byte order
/// mark, and converted to UTF-8 when the file is UTF-16.
///
/// Each instance reads the file from its first byte; memory stays at a few chunks whatever
/// the file's size.
final class FeedByteStream {
    private enum Source {
        case plain(DescriptorReader)
        case gzip(GzipInflater)
    }

    private var source: Source
    private var bytesToSkip: Int
    private var transcoder: UTF16Transcoder?
    private var ended = false

    /// Creates a stream over the file.
    /// - Parameters:
    ///   - descriptor: An open descriptor that stays owned by the caller.
    ///   - fileName: The file's name, for error messages.
    ///   - isCompressed: Whether to decompress the bytes with gzip.
    ///   - byteOrderMarkLength: How many leading (decompressed) bytes to drop.
    ///   - utf16: The byte order to convert from, or nil for bytes that are already 8-bit text.
    init(
        descriptor: Int32, fileName: String, limits: ReadLimits, isCompressed: Bool,
        byteOrderMarkLength: Int = 0, utf16: UTF16ByteOrder? = nil
    ) throws(FeedError) {
        let reader = DescriptorReader(descriptor: descriptor, maxBytes: limits.maxFileSize)
        if isCompressed {
            source = .gzip(
                try GzipInflater(
                    source: reader, fileName: fileName, maxUnpackedSize: limits.maxUnpackedSize))
        } else {
            source = .plain(reader)
        }
        bytesToSkip = byteOrderMarkLength
        transcoder = utf16.map { UTF16Transcoder(byteOrder: $0) }
    }

    /// Bytes read from the file so far, as stored (compressed for gzip), for progress reports.
    var sourceBytesRead: Int64 {
        switch source {
        case .plain(let reader): reader.offset
        case .gzip(let inflater): inflater.compressedBytesRead
        }
    }

    /// Returns the next non-empty chunk, or nil at the end of the file.
    func nextChunk() throws(FeedError) -> [UInt8]? {
        while !ended {
            var chunk: [UInt8]
            switch source {
            case .plain(var reader):
                chunk = try reader.read()
                source = .plain(reader)
            case .gzip(let inflater):
                chunk = try inflater.nextChunk() ?? []
            }
            if chunk.isEmpty {
                ended = true
                let rest = transcoder?.finish() ?? []
                return rest.isEmpty ? nil : rest
            }
            if bytesToSkip > 0 {
                let skipped = min(bytesToSkip, chunk.count)
                chunk.removeSubrange(0..<skipped)
                bytesToSkip -= skipped
            }
            if transcoder != nil {
                chunk = transcoder!.transcode(chunk)
            }
            if !chunk.isEmpty { return chunk }
        }
        return nil
    }
}
