import Foundation

/// Syslog priorities as journald stores them in `PRIORITY`.
public enum Priority: Int, Sendable, Comparable {
    case emergency = 0
    case alert
    case critical
    case error
    case warning
    case notice
    case info
    case debug

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A kind of journal entry, identified by a fixed 128-bit `MESSAGE_ID` that the catalog explains.
public struct MessageKind: Sendable, Hashable {
    /// 32 lower-case hex digits.
    public let id: String
    /// A short name for tests and messages.
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// The daemon's journal: native entries when journald is there, `<N>`-prefixed lines on standard error
/// otherwise.
public final class Journal: @unchecked Sendable {
    private let lock = NSLock()

    public init() {}

    /// Sends one entry with structured fields; field names must be upper case, digits and underscores.
    public func log(
        _ kind: MessageKind,
        _ priority: Priority,
        _ message: String,
        fields: [String: String] = [:],
        file: String = #fileID,
        line: UInt = #line,
        function: String = #function
    ) {
        var text = "<\(priority.rawValue)>\(message)"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            text += " \(key)=\(value)"
        }
        text += "\n"
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
