import Dispatch
import Glibc

/// A hint from inotify; the directory listing stays the truth.
public enum InboxHint: Sendable, Hashable {
    /// A name was renamed in or closed after writing, so its file is complete.
    case complete(inbox: Int, name: String)
    /// A name appeared; a regular file may still be written, anything else is judged at once.
    case created(inbox: Int, name: String)
    /// The kernel's event queue overflowed and events were lost: scan every inbox.
    case overflow
    /// An inbox folder itself was moved or deleted: scan every inbox.
    case rescan
}

/// Watches the inbox folders with one inotify descriptor read on the daemon's work queue.
public final class InboxWatcher {
    private let descriptor: Int32
    private var watches: [Int32: Int] = [:]
    private var source: DispatchSourceRead?
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Adds a watch for each folder, in order; the index of a folder in `paths` names its inbox in hints.
    public init(paths: [String]) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw SystemError("inotify_init1", path: "-") }
        let mask = UInt32(
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
        )
        for (index, path) in paths.enumerated() {
            let watch = inotify_add_watch(descriptor, path, mask)
            guard watch >= 0 else {
                let error = SystemError("inotify_add_watch", path: path)
                close(descriptor)
                throw error
            }
            watches[watch] = index
        }
    }

    deinit {
        source?.cancel()
        if source == nil { close(descriptor) }
    }

    /// Starts delivering hints on `queue`.
    public func start(on queue: DispatchQueue, handler: @escaping ([InboxHint]) -> Void) {
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [weak self] in
            guard let self else { return }
            let hints = self.drain()
            if !hints.isEmpty { handler(hints) }
        }
        let descriptor = self.descriptor
        source.setCancelHandler { close(descriptor) }
        self.source = source
        source.resume()
    }

    /// Reads every queued event and turns them into hints.
    func drain() -> [InboxHint] {
        var hints: [InboxHint] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            hints += parse(count: count)
        }
        return hints
    }

    private func parse(count: Int) -> [InboxHint] {
        var hints: [InboxHint] = []
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= count {
                let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                let name: String =
                    nameLength > 0
                    ? String(decoding: bytes[(offset + headerSize)..<(offset + headerSize + nameLength)].prefix { $0 != 0 }, as: UTF8.self)
                    : ""
                offset += headerSize + nameLength
                let mask = event.mask
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    hints.append(.overflow)
                    continue
                }
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                    hints.append(.rescan)
                    continue
                }
                guard let inbox = watches[event.wd], !name.isEmpty else { continue }
                if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                    hints.append(.complete(inbox: inbox, name: name))
                } else if mask & UInt32(IN_CREATE | IN_ATTRIB) != 0 {
                    hints.append(.created(inbox: inbox, name: name))
                }
            }
        }
        return hints
    }
}
