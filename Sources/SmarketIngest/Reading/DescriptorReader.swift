#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The size of each read from a feed file, and of each decompressed or transcoded chunk.
let feedChunkSize = 64 * 1024

/// Sequential reads with `pread` from offset 0 of a descriptor that the caller owns.
///
/// The reader keeps its own offset, so it neither moves nor depends on the descriptor's file
/// position, and it never closes the descriptor.
struct DescriptorReader {
    let descriptor: Int32
    /// The maximum number of bytes this reader returns in total. A file that grows past it
    /// while it is read fails with `fileTooLarge`.
    let maxBytes: Int64
    private(set) var offset: Int64 = 0

    init(descriptor: Int32, maxBytes: Int64) {
        self.descriptor = descriptor
        self.maxBytes = maxBytes
    }

    /// Reads the next chunk of at most `count` bytes; returns an empty array at the end of the file.
    ///
    /// A file that grows while it is read is read on up to `maxBytes`.
    mutating func read(upTo count: Int = feedChunkSize) throws(FeedError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: count)
        var received = 0
        while true {
            received = chunk.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress, count, off_t(offset))
            }
            if received >= 0 { break }
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            throw FeedError(
                .io,
                "reading the file at byte \(offset) failed: \(reason). Check the disk and drop the file again."
            )
        }
        chunk.removeSubrange(received...)
        offset += Int64(received)
        if offset > maxBytes {
            let setting = LimitSetting.maxFileSize(maxBytes)
            throw FeedError(
                .fileTooLarge,
                "the file grew past \(setting.limitPhrase) while it was read. "
                    + "Split it into smaller files or \(setting.raiseAdvice).")
        }
        return chunk
    }
}

/// Returns the size of the file open at `descriptor`, from `fstat`.
func fileSize(descriptor: Int32) throws(FeedError) -> Int64 {
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
        let reason = String(cString: strerror(errno))
        throw FeedError(.io, "reading the file's size failed: \(reason). Drop the file again.")
    }
    return Int64(status.st_size)
}
