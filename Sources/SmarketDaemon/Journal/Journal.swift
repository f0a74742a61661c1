import CSystemd
import Foundation
import Glibc
import SmarketIngest

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

/// The daemon's journal: native entries when journald is there, `<N>`-prefixed lines on standard
/// error otherwise.
///
/// Every entry carries `MESSAGE`, `PRIORITY`, `MESSAGE_ID`, `SYSLOG_IDENTIFIER` and the
/// `CODE_FILE`, `CODE_LINE` and `CODE_FUNC` of the call, plus its own fields. An entry's field whose
/// name journald would reject (see ``log(_:_:_:fields:file:line:function:)``) or that would replace
/// one of those seven is dropped and counted in ``rejectedFieldCount``.
public final class Journal: @unchecked Sendable {
    /// The destination of every entry, fixed when the journal is made.
    public let destination: JournalDestination
    /// The `SYSLOG_IDENTIFIER` of every entry.
    public let identifier: String

    private let lock = NSLock()
    private var rejectedFields = 0
    private var failedSends = 0
    private var repeats: RepeatLimiter<JournalEntry>

    /// Creates a journal.
    /// - Parameters:
    ///   - destination: Where entries go; `nil` chooses with ``JournalDestination/detect(environment:)``.
    ///   - identifier: The `SYSLOG_IDENTIFIER` of every entry.
    ///   - repeatBurst: Entries per key and interval that ``logRepeatable(key:_:_:_:fields:file:line:function:)`` writes.
    ///   - repeatInterval: The interval of repeat counting, in seconds.
    ///   - clock: A monotonic clock in seconds for repeat counting; tests inject their own.
    public init(
        destination: JournalDestination? = nil,
        identifier: String = "smarketd",
        repeatBurst: Int = 5,
        repeatInterval: Double = 60,
        clock: @escaping @Sendable () -> Double = MonotonicClock.seconds
    ) {
        self.destination = destination ?? JournalDestination.detect()
        self.identifier = identifier
        self.repeats = RepeatLimiter(burst: repeatBurst, interval: repeatInterval, now: clock)
    }

    /// Fields dropped so far because their names were invalid or reserved.
    public var rejectedFieldCount: Int {
        lock.withLock { rejectedFields }
    }

    /// Entries that journald did not take and that went to standard error instead.
    public var failedSendCount: Int {
        lock.withLock { failedSends }
    }

    /// Sends one entry with structured fields.
    ///
    /// Field names are 1 to 64 characters from `A`-`Z`, `0`-`9` and `_`, and start with a letter.
    /// Any other name, and the names the journal writes itself (`MESSAGE`, `PRIORITY`,
    /// `MESSAGE_ID`, `SYSLOG_IDENTIFIER`, `CODE_FILE`, `CODE_LINE`, `CODE_FUNC`), is dropped and
    /// counted in ``rejectedFieldCount``, because journald would drop or misread it. Values may
    /// contain line breaks and any other bytes.
    public func log(
        _ kind: MessageKind,
        _ priority: Priority,
        _ message: String,
        fields: [String: String] = [:],
        file: String = #fileID,
        line: UInt = #line,
        function: String = #function
    ) {
        lock.withLock {
            let entry = makeEntry(kind, priority, message, fields, file, line, function)
            write(entry)
        }
    }

    /// Sends one entry unless entries with the same `key` came too often.
    ///
    /// The first `repeatBurst` entries with a key per `repeatInterval` are written. Later ones are
    /// counted, and the next entry with that key after the interval, or ``flushRepeats()``, writes
    /// one summary entry "suppressed K repeats" with the kind, priority and fields of the last
    /// suppressed entry plus `REPEAT_KEY` and `REPEATS_SUPPRESSED`.
    /// - Parameter key: What makes two entries repeats, such as an error and the inbox it hit.
    public func logRepeatable(
        key: String,
        _ kind: MessageKind,
        _ priority: Priority,
        _ message: String,
        fields: [String: String] = [:],
        file: String = #fileID,
        line: UInt = #line,
        function: String = #function
    ) {
        lock.withLock {
            let entry = makeEntry(kind, priority, message, fields, file, line, function)
            switch repeats.admit(key: key, payload: entry) {
            case .suppress:
                return
            case .pass(let summary):
                if let summary {
                    write(makeSummary(summary))
                }
                write(entry)
            }
        }
    }

    /// Writes the summaries of repeat intervals that have ended; call it about once a second.
    public func flushRepeats() {
        lock.withLock {
            for summary in repeats.expire() {
                write(makeSummary(summary))
            }
        }
    }

    // MARK: - Entries

    /// Builds an entry, dropping invalid and reserved field names; the caller holds the lock.
    private func makeEntry(
        _ kind: MessageKind,
        _ priority: Priority,
        _ message: String,
        _ fields: [String: String],
        _ file: String,
        _ line: UInt,
        _ function: String
    ) -> JournalEntry {
        var validFields: [(name: String, value: String)] = []
        for (name, value) in fields {
            if JournalFieldName.isValid(name) && !JournalFieldName.reserved.contains(name) {
                validFields.append((name, value))
            } else {
                rejectedFields += 1
            }
        }
        validFields.sort { $0.name < $1.name }
        return JournalEntry(
            kind: kind, priority: priority, message: message, fields: validFields,
            file: file, line: line, function: function)
    }

    private func makeSummary(_ summary: RepeatLimiter<JournalEntry>.Summary) -> JournalEntry {
        var entry = summary.last
        entry.message = "suppressed \(counted(summary.suppressed, "repeat")): \(summary.last.message)"
        entry.fields.removeAll { $0.name == "REPEAT_KEY" || $0.name == "REPEATS_SUPPRESSED" }
        entry.fields.append(("REPEAT_KEY", summary.key))
        entry.fields.append(("REPEATS_SUPPRESSED", String(summary.suppressed)))
        entry.fields.sort { $0.name < $1.name }
        return entry
    }

    // MARK: - Output

    /// Writes an entry to the destination; the caller holds the lock.
    private func write(_ entry: JournalEntry) {
        switch destination {
        case .journal:
            if sendNative(entry.nativeFields(identifier: identifier)) < 0 {
                failedSends += 1
                writeLine(entry.standardErrorLine(), to: STDERR_FILENO)
            }
        case .standardError:
            writeLine(entry.standardErrorLine(), to: STDERR_FILENO)
        case .fileDescriptor(let descriptor):
            writeLine(entry.standardErrorLine(), to: descriptor)
        }
    }

    /// Sends `KEY=value` strings as one native entry; returns `sd_journal_sendv`'s result.
    private func sendNative(_ fields: [String]) -> Int32 {
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.utf8)
            ranges.append(start..<buffer.count)
        }
        return buffer.withUnsafeMutableBytes { bytes in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress! + range.lowerBound, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { pointer in
                sd_journal_sendv(pointer.baseAddress, Int32(pointer.count))
            }
        }
    }

    /// Writes all of `text`, retrying after signals and short writes; a failed write is dropped,
    /// because there is nowhere left to report it.
    private func writeLine(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress, $0.count)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
