import Dispatch
import Foundation
import SmarketIngest
import SmarketStore

/// The one line that `systemctl status` shows: what an operator wants at a glance.
///
/// The work loop records events here (a processed file, the last error), which sets ``isChanged``.
/// The status timer then renders the line with fresh counts from the database. Setters lock,
/// because the signal queue and the work queue both write. `timer` and `lastRendered` belong to
/// the work queue.
final class StatusLine: @unchecked Sendable {
    /// The counts and settings that ``render(_:)`` prints besides the recorded events.
    struct Snapshot {
        var inboxes: Int
        /// Nil when the counts could not be read, and `countsError` then contains the reason.
        var counts: ServiceCounts?
        var countsError: String?
        var mqlTarget: Int?
        var pace: Double?
    }

    private let lock = NSLock()
    private var filesProcessed = 0
    private var _lastError: String?
    private var changed = true

    /// The timer of ``Daemon/startStatusTimer()``, kept here so that it lives as long as the daemon.
    var timer: DispatchSourceTimer?
    /// The monotonic time of the last count, in seconds; zero before the first.
    var lastRendered: Double = 0
    /// SQLite's `data_version` at the last status timer tick, which changes when another process
    /// (`import`, `forget`) commits.
    var lastDataVersion: Int64?

    /// The last error caught and not re-raised, shown until a newer one replaces it.
    var lastError: String? {
        get { lock.withLock { _lastError } }
        set {
            lock.withLock {
                _lastError = newValue
                changed = true
            }
        }
    }

    /// Whether something was recorded since the last ``takeChanged()``.
    var isChanged: Bool { lock.withLock { changed } }

    func fileProcessed() {
        lock.withLock {
            filesProcessed += 1
            changed = true
        }
    }

    /// Marks the line as out of date, for changes that the counts show, such as a reload.
    func markChanged() { lock.withLock { changed = true } }

    /// Returns whether the line changed, and clears the mark.
    func takeChanged() -> Bool {
        lock.withLock {
            defer { changed = false }
            return changed
        }
    }

    /// Clears the last error when it starts with `prefix`, such as a rejected reload that a later
    /// reload fixed.
    func clearLastError(ifPrefix prefix: String) {
        lock.withLock {
            if _lastError?.hasPrefix(prefix) == true {
                _lastError = nil
                changed = true
            }
        }
    }

    /// Renders the line, such as `2 inboxes; 12 leads today; 4 untouched; 6 open tasks; SLA 1 at
    /// risk, 0 breached; MQL pace 0.84 (21 of 50); 7 files since start`, then the last error.
    func render(_ snapshot: Snapshot) -> String {
        lock.withLock {
            var parts = [counted(snapshot.inboxes, "inbox", plural: "inboxes")]
            if let counts = snapshot.counts {
                parts.append(counted(counts.leadsToday, "lead") + " today")
                parts.append("\(counts.untouchedLeads) untouched")
                parts.append(counted(counts.openTasks, "open task"))
                parts.append("SLA \(counts.slaAtRisk) at risk, \(counts.slaBreached) breached")
                if let target = snapshot.mqlTarget {
                    let pace = snapshot.pace.map { String(format: "%.2f", $0) } ?? "n/a"
                    parts.append("MQL pace \(pace) (\(counts.mqlThisMonth) of \(target))")
                }
            } else if let error = snapshot.countsError {
                parts.append("counts unavailable: \(error.prefix(80))")
            }
            parts.append(counted(filesProcessed, "file") + " since start")
            if let _lastError {
                parts.append("last error: \(_lastError.prefix(160))")
            }
            return parts.joined(separator: "; ")
        }
    }
}
