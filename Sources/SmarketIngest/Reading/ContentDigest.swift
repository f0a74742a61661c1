/// Digests that identify a feed file by its content, whatever its name.
public enum ContentDigest {
    /// Computes the SHA-256 of the file's bytes as stored (the compressed bytes for gzip).
    ///
    /// The file is read with `pread` from offset 0 to its end; the descriptor's position is
    /// untouched and the descriptor stays open.
    /// - Returns: 64 lower-case hexadecimal digits.
    /// - Throws: `FeedError` with code `io` when a read or the digest fails.
    public static func sha256(descriptor: Int32) throws -> String {
        let hasher = try SHA256Hasher()
        var reader = DescriptorReader(descriptor: descriptor, maxBytes: .max)
        while true {
            let chunk = try reader.read()
            if chunk.isEmpty { break }
            try hasher.update(chunk)
        }
        return try hasher.finish()
    }

    /// Computes the SHA-256 of a gzip file's decompressed content, streaming, so that the file
    /// matches the same content stored plain.
    ///
    /// Like `FeedFile`, it tells gzip by the magic bytes, not by the name.
    /// - Returns: 64 lower-case hexadecimal digits, or nil when the file is not gzip, its gzip
    ///   data is corrupt or truncated, or it unpacks to more than `maxUnpackedSize` bytes. The
    ///   reader then fails such a file with the error that names the problem.
    /// - Throws: `FeedError` with code `io` when a read, zlib's set-up or the digest fails.
    public static func unpackedSHA256(descriptor: Int32, fileName: String, maxUnpackedSize: Int64)
        throws -> String?
    {
        guard try GzipInflater.isGzip(descriptor: descriptor) else { return nil }
        let hasher = try SHA256Hasher()
        let inflater = try GzipInflater(
            source: DescriptorReader(descriptor: descriptor, maxBytes: .max), fileName: fileName,
            maxUnpackedSize: maxUnpackedSize)
        do {
            while let chunk = try inflater.nextChunk() {
                try hasher.update(chunk)
            }
        } catch {
            guard error.code == .malformedGzip || error.code == .unpackedTooLarge else { throw error }
            return nil
        }
        return try hasher.finish()
    }
}
