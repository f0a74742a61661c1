import CLinux
import Foundation
import Glibc

/// Moves finished files out of an inbox into `processed/` or `failed/` without ever overwriting a name.
public struct Archive {
    public let inboxPath: String

    public init(inboxPath: String) {
        self.inboxPath = inboxPath
    }

    public var processedPath: String { inboxPath + "/processed" }
    public var failedPath: String { inboxPath + "/failed" }

    /// Creates `processed/` and `failed/` when missing, and removes the temporary files that a writer killed
    /// before its rename left there.
    public func prepareFolders() throws {
        for path in [processedPath, failedPath] {
            if mkdir(path, 0o770) != 0 && errno != EEXIST {
                throw SystemError("mkdir", path: path)
            }
            removeAbandonedTemporaries(in: path)
        }
    }

    /// Removes `.NAME.PID.tmp` files of ``writeText(_:named:into:replacing:)`` whose process is gone; a live
    /// one (an import running beside the daemon) keeps its file.
    func removeAbandonedTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.dropLast(4).split(separator: ".")
            guard let pid = parts.last.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder + "/" + name)
            }
        }
    }

    /// Moves `name` from the inbox into `folder` and returns the name it got there: the same, or with a
    /// numeric suffix before the extension (`leads-1.csv`) when the name is taken. Companion files (an
    /// `.error` text, a rejects file) are written first under the chosen name plus their suffix, so they are
    /// in place when the file appears. Both folders are synced so the move survives a power loss.
    public func move(_ name: String, into folder: String, companions: [(suffix: String, contents: String)] = [])
        throws -> String
    {
        let source = inboxPath + "/" + name
        for attempt in 0..<10_000 {
            let target = attempt == 0 ? name : Self.suffixed(name, attempt)
            let taken = ([target] + companions.map { target + $0.suffix }).contains {
                access(folder + "/" + $0, F_OK) == 0
            }
            if taken { continue }
            for companion in companions {
                try writeText(companion.contents, named: target + companion.suffix, into: folder, replacing: true)
            }
            if clinux_rename_noreplace(AT_FDCWD, source, AT_FDCWD, folder + "/" + target) == 0 {
                try Self.syncFolder(folder)
                try Self.syncFolder(inboxPath)
                return target
            }
            if errno != EEXIST { throw SystemError("rename", path: source) }
        }
        throw SystemError("rename", path: source, code: EEXIST)
    }

    /// Writes `contents` to `folder/name` atomically (a temporary file, fsync, rename); a taken name gets a
    /// numeric suffix. Returns the name written.
    @discardableResult
    public func writeText(_ contents: String, named name: String, into folder: String, replacing: Bool = false) throws
        -> String
    {
        let temporary = folder + "/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard descriptor >= 0 else { throw SystemError("open", path: temporary) }
        var bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let error = SystemError("write", path: temporary)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        bytes.removeAll()
        if fsync(descriptor) != 0 {
            let error = SystemError("fsync", path: temporary)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        for attempt in 0..<10_000 {
            let target = attempt == 0 ? name : Self.suffixed(name, attempt)
            let result =
                replacing
                ? rename(temporary, folder + "/" + target)
                : clinux_rename_noreplace(AT_FDCWD, temporary, AT_FDCWD, folder + "/" + target)
            if result == 0 {
                try Self.syncFolder(folder)
                return target
            }
            if errno != EEXIST {
                let error = SystemError("rename", path: temporary)
                unlink(temporary)
                throw error
            }
        }
        unlink(temporary)
        throw SystemError("rename", path: temporary, code: EEXIST)
    }

    /// `leads.csv` with suffix 2 is `leads-2.csv`; `feed.csv.gz` is `feed-2.csv.gz`; `README` is `README-2`.
    static func suffixed(_ name: String, _ number: Int) -> String {
        let searchStart = name.index(after: name.startIndex)
        guard name.count > 1, let dot = name[searchStart...].firstIndex(of: ".") else {
            return "\(name)-\(number)"
        }
        return "\(name[..<dot])-\(number)\(name[dot...])"
    }

    static func syncFolder(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("open", path: path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SystemError("fsync", path: path) }
    }
}
