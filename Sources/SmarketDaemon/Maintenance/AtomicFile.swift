import Foundation
import Glibc

/// Replaces a file's content atomically: readers see the old or the new content, never a part.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file in the target's folder, syncs it, renames it over the
    /// target and syncs the folder, so the replacement also survives a power loss.
    /// - Parameters:
    ///   - mode: The permissions of the new file; nil keeps the target's, or 0644 for a new file.
    /// - Throws: `SystemError` naming the call and path that failed; the target is then unchanged.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t? = nil) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/.\(url.lastPathComponent).\(getpid()).tmp"
        var existing = stat()
        let permissions = mode ?? (stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644)
        let descriptor = open(
            temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, permissions)
        guard descriptor >= 0 else { throw SystemError("open", path: temporary) }
        var failure: SystemError?
        var offset = 0
        while offset < bytes.count, failure == nil {
            let written = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 {
                if errno != EINTR { failure = SystemError("write", path: temporary) }
            } else {
                offset += written
            }
        }
        // The creation mode is filtered by the umask; fchmod sets exactly the requested bits.
        if failure == nil, fchmod(descriptor, permissions) != 0 {
            failure = SystemError("fchmod", path: temporary)
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = SystemError("fsync", path: temporary)
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 {
            failure = SystemError("rename", path: temporary)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        try syncFolder(folder)
    }

    /// Deletes a file and syncs its folder.
    public static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw SystemError("unlink", path: path) }
        try syncFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    static func syncFolder(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("open", path: path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SystemError("fsync", path: path) }
    }
}
