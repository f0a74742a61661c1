import Foundation
import Glibc

/// The place where a ``Journal`` writes its entries.
public enum JournalDestination: Sendable, Equatable {
    /// Native entries for journald through `sd_journal_sendv`, with every field kept.
    case journal
    /// One `<N>MESSAGE KEY=value ...` line per entry on standard error.
    case standardError
    /// The same lines as ``standardError``, written to an open file descriptor that the caller owns.
    case fileDescriptor(Int32)

    /// The environment variable that forces a destination: `journal` or `stderr`.
    public static let overrideVariable = "SMARKETD_LOG"

    /// The path of journald's native socket.
    public static let journalSocketPath = "/run/systemd/journal/socket"

    /// Chooses the destination for this process.
    ///
    /// `SMARKETD_LOG=journal` or `SMARKETD_LOG=stderr` wins. Otherwise entries go to the journal
    /// when standard error is connected to journald (`JOURNAL_STREAM` names the device and inode
    /// of file descriptor 2), or when systemd started the process (`INVOCATION_ID` is set) and
    /// journald's socket exists. A daemon started from a terminal writes to standard error even on
    /// a host that runs journald, so the operator sees its output.
    /// - Parameter environment: The process environment; tests pass their own.
    public static func detect(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> JournalDestination {
        switch environment[overrideVariable]?.lowercased() {
        case "journal":
            return .journal
        case "stderr":
            return .standardError
        default:
            break
        }
        guard isSocket(atPath: journalSocketPath) else {
            return .standardError
        }
        if let stream = environment["JOURNAL_STREAM"], standardErrorMatches(journalStream: stream) {
            return .journal
        }
        if environment["INVOCATION_ID"] != nil {
            return .journal
        }
        return .standardError
    }

    /// Whether journald's native socket exists on this machine.
    public static var isJournalAvailable: Bool {
        isSocket(atPath: journalSocketPath)
    }

    /// Returns whether `path` exists and is a socket, without following a symbolic link at the end.
    static func isSocket(atPath path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return false
        }
        return (info.st_mode & S_IFMT) == S_IFSOCK
    }

    /// Compares `JOURNAL_STREAM` (`DEVICE:INODE` in decimal) with file descriptor 2.
    ///
    /// systemd sets the variable for the service's own standard error, and a child that redirected
    /// its standard error keeps the variable, so only a match means journald reads our output.
    static func standardErrorMatches(journalStream: String) -> Bool {
        let parts = journalStream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return false
        }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else {
            return false
        }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
