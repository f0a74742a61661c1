import Dispatch
import Foundation
import SmarketRules
import SmarketStore

/// SLA timers, changes made by other processes, and periodic work, all on the work queue.
extension Daemon {
    /// Loads every pending deadline into memory; runs before READY=1.
    func loadTimers() throws {
        // A large restore may outlast TimeoutStartSec: tell systemd that start-up is still making progress.
        let count = try database.statement("SELECT COUNT(*) FROM sla_deadlines WHERE next_fire_at IS NOT NULL").scalarInt() ?? 0
        if count > 100_000 { notifier.extendTimeout(seconds: 30 + Double(count) / 100_000) }
        let pending = try SLAStore(database: database).pendingTimers()
        timers = DeadlineQueue(pending.timers.map { PendingTimer(id: $0.id, dueAt: $0.fireAt) })
        slaRevision = pending.revision
        lastDataVersion = try database.dataVersion()
        let alarm = WallClockAlarm(queue: workQueue) { [weak self] in self?.fireDueTimers() }
        self.alarm = alarm
    }

    /// Starts the timers of periodic work: other processes' changes every half second, unassigned leads
    /// every minute, engagement decay every hour.
    func startPeriodicWork() {
        let poll = DispatchSource.makeTimerSource(queue: workQueue)
        poll.schedule(deadline: .now() + 0.5, repeating: 0.5)
        poll.setEventHandler { [weak self] in self?.pollForChanges() }
        poll.resume()
        let minutely = DispatchSource.makeTimerSource(queue: workQueue)
        minutely.schedule(deadline: .now() + 60, repeating: 60)
        minutely.setEventHandler { [weak self] in self?.runEngine("routing unassigned leads") { try $0.retryUnassigned(at: Date()) } }
        minutely.resume()
        let hourly = DispatchSource.makeTimerSource(queue: workQueue)
        hourly.schedule(deadline: .now() + 3600, repeating: 3600)
        hourly.setEventHandler { [weak self] in self?.runEngine("refreshing score decay") { try $0.refreshDecay(at: Date()) } }
        hourly.resume()
        let maintenance = DispatchSource.makeTimerSource(queue: workQueue)
        maintenance.schedule(deadline: .now() + 1, repeating: 60)
        maintenance.setEventHandler { [weak self] in self?.runMaintenance() }
        maintenance.resume()
        periodicSources = [poll, minutely, hourly, maintenance]
        armAlarm()
    }

    /// Writes the metrics file every minute and applies retention to archived files every hour.
    func runMaintenance() {
        let now = Date()
        if let metrics = configuration.metrics {
            do {
                try MetricsWriter(path: metrics.path).write(from: database, now: now)
            } catch {
                reportError("cannot write the metrics file \(metrics.path): \(error)", key: "metrics", fields: [:])
            }
        }
        checkMarketingPace(at: now)
        guard now.timeIntervalSince(lastRetention) >= 3600 else { return }
        lastRetention = now
        let result = Retention(configuration: configuration).run(now: now)
        if !result.deleted.isEmpty {
            journal.log(
                .retention, .info, "retention deleted \(result.deleted.count) archived files older than the configured age",
                fields: ["FILES_DELETED": "\(result.deleted.count)"])
        }
        for (path, failure) in result.failures.sorted(by: { $0.key < $1.key }) {
            reportError("retention cannot delete \(path): \(failure)", key: "retention", fields: ["FILE_NAME": path])
        }
    }

    /// Journals a warning once a day, on the first day this month that marketing's MQL pace is behind the
    /// target. The day of the last warning is stored, so a restart does not repeat it.
    func checkMarketingPace(at now: Date) {
        guard let target = configuration.sla.mqlPerMonth else { return }
        do {
            let counts = try database.serviceCounts(ServiceCountWindow(now: now, timeZone: configuration.timeZone))
            let pace = MarketingPace(mqlActual: counts.mqlThisMonth, target: target, now: now, timeZone: configuration.timeZone)
            guard let value = pace.pace, value < 1 else { return }
            let today = CalendarDate(now, in: configuration.timeZone).description
            let settings = SettingsStore(database: database)
            guard try settings.value(of: "marketing_pace_warned_on") != today else { return }
            try settings.set("marketing_pace_warned_on", to: today)
            journal.log(
                .marketingPaceBehind, .warning,
                String(
                    format: "marketing is behind its MQL target: %d of %d MQLs this month, pace %.2f (1.00 is on track)",
                    counts.mqlThisMonth, target, value),
                fields: ["MQL_ACTUAL": "\(counts.mqlThisMonth)", "MQL_TARGET": "\(target)", "PACE": String(format: "%.2f", value)])
        } catch {
            reportError("cannot check marketing's MQL pace: \(error)", key: "pace", fields: [:])
        }
    }

    func armAlarm() {
        alarm?.arm(at: timers.next?.dueAt)
    }

    /// Fires every deadline step that is due, in deadline order; steps that fell due before this daemon
    /// started (while it was down) are marked late. Above `journal.per_file_limit` steps at once, the
    /// journal gets one summary instead of one entry per lead.
    func fireDueTimers() {
        let now = Date()
        let due = timers.popDue(at: now)
        guard !due.isEmpty else {
            armAlarm()
            return
        }
        let engine = LeadEngine(configuration: configuration, database: database)
        var notes: [EngineNote] = []
        for batch in stride(from: 0, to: due.count, by: 500).map({ Array(due[$0..<min($0 + 500, due.count)]) }) {
            do {
                try database.transaction {
                    for timer in batch {
                        try engine.fireDeadline(timer.id, at: now, late: timer.dueAt < startedAt)
                    }
                }
                notes += engine.takeNotes()
            } catch {
                _ = engine.takeNotes()
                reportError("cannot fire SLA deadlines: \(error); retrying in 5 s", key: "sla-fire", fields: [:])
                for timer in batch { timers.insert(PendingTimer(id: timer.id, dueAt: now.addingTimeInterval(5))) }
            }
            pingWatchdog()
        }
        logNotes(notes, limit: configuration.journal.perFileLimit, summaryKind: .slaCatchUpSummary, what: "SLA steps")
        afterCommit()
    }

    /// Picks up deadlines that commits changed (ours or another process's) and writes pending outbox records.
    func afterCommit() {
        syncTimers()
        flushOutbox()
        armAlarm()
    }

    func syncTimers() {
        do {
            let changes = try SLAStore(database: database).changes(after: slaRevision)
            for change in changes.timers {
                if let fireAt = change.fireAt {
                    timers.insert(PendingTimer(id: change.id, dueAt: fireAt))
                } else {
                    timers.remove(id: change.id)
                }
            }
            slaRevision = changes.revision
        } catch {
            reportError("cannot read SLA deadline changes: \(error)", key: "sla-sync", fields: [:])
        }
    }

    func flushOutbox() {
        do {
            try OutboxWriter(outboxes: configuration.outboxes, database: database).flush(at: Date())
        } catch {
            reportError("cannot write outbox records: \(error); they stay queued and are written later", key: "outbox", fields: [:])
        }
    }

    /// Notices commits of other processes (`smarketd import`, `forget`) through SQLite's data_version.
    func pollForChanges() {
        guard let version = try? database.dataVersion(), version != lastDataVersion else { return }
        lastDataVersion = version
        afterCommit()
    }

    /// Runs engine work in a transaction and journals its notes.
    func runEngine(_ what: String, _ body: (LeadEngine) throws -> Void) {
        let engine = LeadEngine(configuration: configuration, database: database)
        do {
            try database.transaction { try body(engine) }
            logNotes(engine.takeNotes(), limit: configuration.journal.perFileLimit, summaryKind: .leadsSummary, what: what)
            afterCommit()
        } catch {
            reportError("\(what) failed: \(error)", key: what, fields: [:])
        }
    }

    /// Journals engine notes; above `limit`, one summary entry replaces the rest.
    func logNotes(_ notes: [EngineNote], limit: Int, summaryKind: MessageKind, what: String) {
        for note in notes.prefix(limit) {
            journal.log(note.kind, note.priority, note.message, fields: note.fields)
        }
        if notes.count > limit {
            journal.log(
                summaryKind, .notice,
                "\(notes.count - limit) more journal entries of \(what) were summarized to stay under journald's rate limit",
                fields: ["ENTRIES_SUMMARIZED": "\(notes.count - limit)"])
        }
    }
}
