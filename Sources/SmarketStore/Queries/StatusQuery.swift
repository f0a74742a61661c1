import Foundation
import SmarketIngest

/// The counts behind the daemon's `STATUS=` line, read in one pass over the database.
public struct ServiceCounts: Sendable, Hashable {
    /// Leads that smarketd first ingested since the start of the local day.
    public var leadsToday: Int
    /// Leads whose current first-touch SLA deadline is still open.
    public var untouchedLeads: Int
    /// Follow-up tasks in the state `open`.
    public var openTasks: Int
    /// Open deadlines past their warning time and not yet due.
    public var slaAtRisk: Int
    /// Deadlines breached within the breach window, breached and still without a touch, or open
    /// and past due (a breach that the daemon has not fired yet).
    public var slaBreached: Int
    /// Leads that first reached `mql` or a later stage since the start of the local month.
    public var mqlThisMonth: Int

    public init(
        leadsToday: Int = 0, untouchedLeads: Int = 0, openTasks: Int = 0, slaAtRisk: Int = 0,
        slaBreached: Int = 0, mqlThisMonth: Int = 0
    ) {
        self.leadsToday = leadsToday
        self.untouchedLeads = untouchedLeads
        self.openTasks = openTasks
        self.slaAtRisk = slaAtRisk
        self.slaBreached = slaBreached
        self.mqlThisMonth = mqlThisMonth
    }
}

/// The instants that ``Database/serviceCounts(_:)`` counts from, computed by the caller in the
/// configured time zone.
public struct ServiceCountWindow: Sendable, Hashable {
    public var now: Date
    /// Local midnight of today.
    public var startOfDay: Date
    /// Local midnight of the first day of this month.
    public var startOfMonth: Date
    /// Breaches since this instant count even when the rep touched the lead after the deadline. A breach
    /// withdrawn by a touch dated in time, reported late, ends as met and does not count.
    public var breachesSince: Date

    public init(now: Date, startOfDay: Date, startOfMonth: Date, breachesSince: Date) {
        self.now = now
        self.startOfDay = startOfDay
        self.startOfMonth = startOfMonth
        self.breachesSince = breachesSince
    }

    /// Computes the window for `now`, with breaches of the last 24 hours.
    public init(now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        self.init(now: now, startOfDay: day, startOfMonth: month, breachesSince: now - 86_400)
    }
}

extension Database {
    /// Counts what the status line shows.
    ///
    /// Stored times are RFC 3339 in UTC with whole seconds, so text comparison orders them.
    /// - Throws: `StoreError` when a query fails.
    public func serviceCounts(_ window: ServiceCountWindow) throws -> ServiceCounts {
        let now = SQLValue.text(Timestamp.string(window.now))
        var counts = ServiceCounts()
        counts.leadsToday = try count(
            "SELECT COUNT(*) FROM leads WHERE created_at >= ?1",
            .text(Timestamp.string(window.startOfDay)))
        counts.untouchedLeads = try count(
            "SELECT COUNT(DISTINCT lead_id) FROM sla_deadlines WHERE state = 'open'")
        counts.openTasks = try count("SELECT COUNT(*) FROM tasks WHERE state = 'open'")
        counts.slaAtRisk = try count(
            """
            SELECT COUNT(*) FROM sla_deadlines
            WHERE state = 'open' AND warn_at IS NOT NULL AND warn_at <= ?1 AND due_at > ?1
            """, now)
        counts.slaBreached = try count(
            """
            SELECT COUNT(*) FROM sla_deadlines
            WHERE (breached_at IS NOT NULL AND breached_at >= ?2 AND state <> 'met')
                OR (state = 'breached' AND met_at IS NULL)
                OR (state = 'open' AND due_at <= ?1)
            """, now, .text(Timestamp.string(window.breachesSince)))
        counts.mqlThisMonth = try mqlCount(since: window.startOfMonth, until: window.now)
        return counts
    }

    /// Counts leads that first reached `mql`, `sql` or `won` from `since` up to and including
    /// `until`, so that a lead ingested in the current second counts.
    ///
    /// The time a lead reached the stage is its earliest stage change to one of them in
    /// `lead_history`, or its creation time when it was created at such a stage.
    // NOTE: a lead imported at `mql` and later moved to `sql` counts at the later change, because
    // the stage at creation has no history row of its own.
    func mqlCount(since: Date, until: Date) throws -> Int {
        try count(
            """
            SELECT COUNT(*) FROM (
                SELECT COALESCE(
                    (SELECT MIN(h.at) FROM lead_history h
                     WHERE h.lead_id = l.id AND h.field = 'stage' AND h.new_value IN ('mql', 'sql', 'won')),
                    CASE WHEN l.stage IN ('mql', 'sql', 'won') THEN l.created_at END) AS reached_at
                FROM leads l
                WHERE l.stage <> 'lead'
            )
            WHERE reached_at >= ?1 AND reached_at <= ?2
            """, .text(Timestamp.string(since)), .text(Timestamp.string(until)))
    }

    private func count(_ sql: String, _ values: SQLValue...) throws -> Int {
        Int(try statement(sql).bind(values).scalarInt() ?? 0)
    }
}

extension MarketingPace {
    /// Marketing's pace for the month of `now` in `timeZone`, from the month's MQL count.
    public init(mqlActual: Int, target: Int?, now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let month = calendar.dateInterval(of: .month, for: now) ?? DateInterval(start: now, duration: 1)
        let elapsed = now.timeIntervalSince(month.start) / month.duration
        self.init(mqlTarget: target, mqlActual: mqlActual, monthElapsed: min(max(elapsed, 0), 1), monthStart: month.start)
    }
}
