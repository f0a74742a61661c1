import Foundation
import SmarketIngest
import SmarketRules

/// Computes the closed-loop report from the database.
///
/// A lead belongs to the window when its `created_at` (the time smarketd first ingested it)
/// falls inside. SLA outcomes and overdue tasks count for the deadlines and tasks of those
/// leads, so that every number of a report describes the same cohort of leads.
public struct ReportQuery {
    /// The key of the group of leads without a source, campaign or owner.
    public static let noValueKey = "(none)"

    let database: Database
    let timeZone: TimeZone

    public init(database: Database, timeZone: TimeZone) {
        self.database = database
        self.timeZone = timeZone
    }

    /// Returns the first instant of a `YYYY-MM-DD` day in the time zone, or nil for any other text.
    public static func startOfDay(_ text: String, in timeZone: TimeZone) -> Date? {
        guard let day = CalendarDate(iso: text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: day.components)
    }

    /// Computes the report.
    /// - Parameters:
    ///   - since: The window's first instant (inclusive); nil for the beginning.
    ///   - until: The instant after the window (exclusive); nil for no end.
    ///   - grouping: How to group the rows; nil for no rows.
    ///   - mqlTarget: Marketing's MQLs per month, from `sla.marketing.mql_per_month`.
    ///   - now: The report's time, for overdue tasks and the month's pace.
    /// - Throws: `StoreError` when a query fails.
    public func run(
        since: Date?, until: Date?, grouping: ReportGrouping?, mqlTarget: Int?, now: Date
    ) throws -> Report {
        try database.reading {
            try compute(since: since, until: until, grouping: grouping, mqlTarget: mqlTarget, now: now)
        }
    }

    /// Folds the leads, deadlines and overdue tasks into counts as they are read, so that memory grows
    /// with the groups and the touched deadlines, not with the leads.
    private func compute(
        since: Date?, until: Date?, grouping: ReportGrouping?, mqlTarget: Int?, now: Date
    ) throws -> Report {
        let window = ReportWindow(since: since, until: until)
        let monthStart = MarketingPace(mqlActual: 0, target: mqlTarget, now: now, timeZone: timeZone).monthStart
        var total = ReportCounts()
        var groups: [String: ReportCounts] = [:]
        var mqlThisMonth = 0

        try forEachLead { lead in
            if let reached = lead.mqlReachedAt, reached >= monthStart, reached <= now { mqlThisMonth += 1 }
            guard window.contains(lead.createdAt) else { return }
            total.add(lead)
            if let grouping {
                groups[Self.key(lead.groups, by: grouping), default: ReportCounts()].add(lead)
            }
        }
        try forEachDeadline(in: window) { deadline, lead in
            total.add(deadline)
            if let grouping {
                let groupKey = grouping == .rep ? deadline.owner : Self.key(lead, by: grouping)
                groups[groupKey, default: ReportCounts()].add(deadline)
            }
        }
        try forEachOverdueTask(in: window, now: now) { taskOwner, lead in
            total.overdueOpenTasks += 1
            if let grouping {
                let groupKey =
                    grouping == .rep ? (taskOwner ?? Self.key(lead, by: .rep)) : Self.key(lead, by: grouping)
                groups[groupKey, default: ReportCounts()].overdueOpenTasks += 1
            }
        }
        let rows = groups.map { ReportRow(key: $0.key, counts: $0.value) }.sorted {
            ($0.counts.leads, $1.key) > ($1.counts.leads, $0.key)
        }
        return Report(
            since: since, until: until, grouping: grouping, generatedAt: now, total: total,
            rows: rows,
            marketing: MarketingPace(mqlActual: mqlThisMonth, target: mqlTarget, now: now, timeZone: timeZone))
    }

    private static func key(_ lead: LeadGroups, by grouping: ReportGrouping) -> String {
        let value: String?
        switch grouping {
        case .source: value = lead.source
        case .campaign: value = lead.campaign
        case .rep: value = lead.owner
        }
        guard let value, !value.isEmpty else { return noValueKey }
        return value
    }
}

/// The leads a report counts: those first ingested in `[since, until)`, compared as stored times.
struct ReportWindow {
    /// The first stored time inside, or empty for no lower bound.
    let lower: String
    /// The first stored time after the window, or nil for no upper bound.
    let upper: String?

    init(since: Date?, until: Date?) {
        lower = since.map(Timestamp.string) ?? ""
        upper = until.map(Timestamp.string)
    }

    func contains(_ createdAt: String) -> Bool {
        createdAt >= lower && (upper.map { createdAt < $0 } ?? true)
    }
}

/// The columns of a lead that a report groups by.
struct LeadGroups {
    var source: String?
    var campaign: String?
    var owner: String?
}

/// The facts a report needs of one lead: its groups and the stages it reached.
struct LeadFacts {
    var groups: LeadGroups
    var createdAt: String
    /// The highest rank among lead, mql, sql and won that the lead ever had.
    var highestRank: Int
    var isLost: Bool
    /// When the lead first had mql or a later stage; nil when it never had.
    var mqlReachedAt: Date?
}

/// One SLA deadline's outcome.
struct DeadlineFacts {
    var owner: String
    var isMet: Bool
    var isBreached: Bool
    var firstTouchSeconds: Double?
}

extension ReportCounts {
    mutating func add(_ lead: LeadFacts) {
        leads += 1
        if lead.highestRank >= 1 { mql += 1 }
        if lead.highestRank >= 2 { sql += 1 }
        if lead.highestRank >= 3 { won += 1 }
        if lead.isLost { lost += 1 }
    }

    mutating func add(_ deadline: DeadlineFacts) {
        if deadline.isMet { slaMet += 1 }
        if deadline.isBreached { slaBreached += 1 }
        if let seconds = deadline.firstTouchSeconds { firstTouchSeconds.append(seconds) }
    }
}
