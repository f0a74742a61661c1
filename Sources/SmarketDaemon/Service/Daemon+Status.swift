import Dispatch
import Foundation
import SmarketStore

/// The `STATUS=` line, counted from the database on the work queue. ``ServiceNotifier`` sends at
/// most one line per second.
extension Daemon {
    /// Seconds between two counts while nothing was recorded, so that time-driven numbers (leads
    /// today after midnight, SLAs that became at risk) and changes by other processes show up.
    static let statusRecountInterval: Double = 30

    /// Renders the status line with fresh counts; call it on the work queue.
    func renderStatus(now: Date = Date()) -> String {
        var snapshot = StatusLine.Snapshot(
            inboxes: configuration.inboxes.count, mqlTarget: configuration.sla.mqlPerMonth)
        do {
            let window = ServiceCountWindow(now: now, timeZone: configuration.timeZone)
            let counts = try database.serviceCounts(window)
            snapshot.counts = counts
            snapshot.pace = MarketingPace(
                mqlActual: counts.mqlThisMonth, target: configuration.sla.mqlPerMonth, now: now,
                timeZone: configuration.timeZone
            ).pace
        } catch {
            snapshot.countsError = "\(error)"
            journal.logRepeatable(
                key: "status-counts", .errorCaught, .error,
                "cannot count leads, tasks and SLAs for the status line: \(error); the line shows "
                    + "the other facts until the database answers again",
                fields: ["ERROR": "\(error)"])
        }
        status.lastRendered = MonotonicClock.seconds()
        return status.render(snapshot)
    }

    /// Counts and sends a new status line when something was recorded and a second has passed
    /// since the last count, or when ``statusRecountInterval`` has passed. Then sends a kept line
    /// that is due. Call it on the work queue, after each file and from the status timer.
    func updateStatusIfDue() {
        do {
            let version = try database.dataVersion()
            if let last = status.lastDataVersion, last != version {
                status.markChanged()
            }
            status.lastDataVersion = version
        } catch {
            journal.logRepeatable(
                key: "status-data-version", .errorCaught, .error,
                "cannot read the database's data_version, so changes by other processes show in the "
                    + "status line only at the next recount: \(error)",
                fields: ["ERROR": "\(error)"])
        }
        let elapsed = MonotonicClock.seconds() - status.lastRendered
        let changedAndDue = status.isChanged && elapsed >= notifier.statusInterval
        if changedAndDue || elapsed >= Self.statusRecountInterval {
            _ = status.takeChanged()
            notifier.status(renderStatus())
        }
        notifier.flushStatus()
    }

    /// Starts the one-second timer on the work queue that updates the status line and writes the
    /// journal's summaries of suppressed repeats. It runs only while the loop is free, and the loop
    /// calls ``updateStatusIfDue()`` itself between files.
    func startStatusTimer() {
        let timer = DispatchSource.makeTimerSource(queue: workQueue)
        timer.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.updateStatusIfDue()
            self.journal.flushRepeats()
        }
        timer.resume()
        status.timer = timer
    }
}
