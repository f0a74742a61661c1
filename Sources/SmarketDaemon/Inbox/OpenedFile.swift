import CLinux
import Glibc

/// A feed file opened for ingestion without following links and checked to be a regular file with one link.
public final class OpenedFile {
    public let descriptor: Int32
    public let path: String
    public let size: Int64
    public let inode: UInt64

    /// The reason a file cannot be opened for ingestion now.
    public enum Refusal: Error, Sendable {
        /// Not a regular file. The text names the file's type with an article, such as `a folder`.
        case notRegular(String)
        case hardLinked(links: Int)
        /// A writer still has the file open; its close event will bring it back.
        case stillWritten
        /// Without the right to take a lease (a file of another user), a file modified within the last
        /// `quietPeriod` seconds may still be written: look again after that.
        case recentlyModified
        case system(SystemError)
    }

    /// Opens `path` with `O_NOFOLLOW | O_NONBLOCK`, so neither a link nor a FIFO is ever followed or waited on.
    /// - Parameter requireWriterDone: takes a read lease first, which the kernel grants only while nobody has
    ///   the file open for writing. Without the right to lease (a file of another user), the check is skipped.
    public init(path: String, requireWriterDone: Bool) throws(Refusal) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .notRegular("a symbolic link") }
            throw .system(SystemError("open", path: path))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = SystemError("fstat", path: path)
            close(descriptor)
            throw .system(error)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(InboxEntry.fileTypeName(mode: info.st_mode))
        }
        guard info.st_nlink == 1 else {
            close(descriptor)
            throw .hardLinked(links: Int(info.st_nlink))
        }
        if requireWriterDone {
            // The lease is released at once: holding it would make a later writer's open send this process
            // SIGIO, whose default action ends it.
            if clinux_take_read_lease(descriptor) == 0 {
                clinux_release_lease(descriptor)
            } else if errno == EAGAIN || errno == EBUSY {
                close(descriptor)
                throw .stillWritten
            } else if Self.secondsSinceModification(info) < Self.quietPeriod {
                close(descriptor)
                throw .recentlyModified
            }
        }
        self.descriptor = descriptor
        self.path = path
        self.size = Int64(info.st_size)
        self.inode = UInt64(info.st_ino)
    }

    /// How long a file must be unmodified before it is read when its writer cannot be checked with a lease.
    public static let quietPeriod: Double = 2

    private static func secondsSinceModification(_ info: stat) -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec - info.st_mtim.tv_sec) + Double(now.tv_nsec - info.st_mtim.tv_nsec) / 1e9
    }

    deinit {
        close(descriptor)
    }

    /// Returns the current size, to notice a file that grew while it was read.
    public func currentSize() -> Int64 {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int64(info.st_size) : size
    }
}
