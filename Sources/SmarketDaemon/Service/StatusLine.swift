import Foundation

/// The one line that `systemctl status` shows: what an operator wants at a glance.
final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private var filesToday = 0
    private var _lastError: String?

    var lastError: String? {
        get { lock.withLock { _lastError } }
        set { lock.withLock { _lastError = newValue } }
    }

    func fileProcessed() { lock.withLock { filesToday += 1 } }

    func render(inboxes: Int) -> String {
        lock.withLock {
            var line = "watching \(inboxes) inboxes; \(filesToday) files processed"
            if let _lastError { line += "; last error: \(_lastError.prefix(120))" }
            return line
        }
    }
}
