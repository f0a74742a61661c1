import Glibc

/// The kind of an entry found in an inbox folder, judged without following links.
public enum InboxEntry: Sendable, Hashable {
    /// A regular file with one link: ingest it once its writer is done.
    case candidate(name: String)
    /// A name the daemon leaves alone without a word: a writer's temporary name or its own folders.
    case ignored(name: String)
    /// A regular file with several hard links: moved to `failed/` with an error.
    case hardLinked(name: String, links: Int)
    /// Anything else (symbolic link, FIFO, socket, device, other folder): one journal error, left in place.
    case refused(name: String, kind: String)

    public var name: String {
        switch self {
        case .candidate(let name), .ignored(let name), .hardLinked(let name, _), .refused(let name, _): name
        }
    }

    /// Returns whether writers use this name while a file is still being written (`.x`, `x.tmp`, `x.part`).
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
    }

    /// Classifies `name` inside the open inbox folder `directory` with `fstatat(AT_SYMLINK_NOFOLLOW)`.
    /// Returns nil when the entry vanished meanwhile.
    static func classify(name: String, in directory: Int32) -> InboxEntry? {
        if isTemporaryName(name) || name == "processed" || name == "failed" {
            return .ignored(name: name)
        }
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .refused(name: name, kind: fileTypeName(mode: info.st_mode))
        }
        return info.st_nlink > 1 ? .hardLinked(name: name, links: Int(info.st_nlink)) : .candidate(name: name)
    }

    /// Returns the type of a file from its `st_mode` with an article, such as `a folder`, for the messages
    /// about a file that is not a regular file.
    static func fileTypeName(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFDIR: return "a folder"
        default: return "an entry of unknown type"
        }
    }

    /// Lists and classifies the entries of an inbox folder; "." and ".." are left out.
    static func scan(directoryPath: String) throws -> [InboxEntry] {
        let directory = open(directoryPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw SystemError("open", path: directoryPath) }
        defer { close(directory) }
        guard let stream = opendir(directoryPath) else { throw SystemError("opendir", path: directoryPath) }
        defer { closedir(stream) }
        var entries: [InboxEntry] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            if let classified = classify(name: name, in: directory) { entries.append(classified) }
        }
        return entries.sorted { $0.name < $1.name }
    }
}
