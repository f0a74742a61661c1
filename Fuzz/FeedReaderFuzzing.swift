import Glibc
import SmarketIngest

/// Reads `data` as a feed file named `fileName` to its end or its first error.
///
/// The bytes go into an unlinked temporary file, rewritten for each input, because
/// `FeedFile.open` reads a descriptor with `pread`. Errors that the reader throws are
/// expected results; only a crash, a trap or a sanitizer report is a finding.
func readWholeFeed(_ data: UnsafePointer<UInt8>, _ size: Int, fileName: String) {
    let descriptor = scratchDescriptor
    guard ftruncate(descriptor, 0) == 0 else { fatalError("ftruncate failed with errno \(errno)") }
    var written = 0
    while written < size {
        let count = pwrite(descriptor, data + written, size - written, off_t(written))
        guard count > 0 else { fatalError("writing the fuzz input failed with errno \(errno)") }
        written += count
    }
    // Small limits keep each run short; inputs past them must fail with a FeedError.
    let limits = ReadLimits(
        maxFileSize: 1 << 20, maxUnpackedSize: 4 << 20, maxLineLength: 64 << 10, maxColumns: 1000)
    do {
        var feed = try FeedFile.open(descriptor: descriptor, fileName: fileName, limits: limits)
        var records = 0
        while try feed.next() != nil {
            records += 1
            guard records < 100_000 else { return }
        }
    } catch {
        _ = "\(error)"
    }
}

/// One scratch file for the whole fuzzing process, unlinked at once so nothing is left behind.
let scratchDescriptor: Int32 = {
    var template = Array("/tmp/smarketd-fuzz-XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else { fatalError("mkstemp in /tmp failed with errno \(errno)") }
    unlink(template)
    return descriptor
}()
