import Foundation

/// The grouping of a report's rows.
public enum ReportGrouping: String, Sendable, CaseIterable {
    /// The lead's `source` field.
    case source
    /// The lead's `campaign` field.
    case campaign
    /// The lead's owner for lead counts and tasks, the deadline's owner for SLA outcomes.
    case rep
}

/// The counts of one report group, or of the whole window.
public struct ReportCounts: Sendable, Hashable {
    public var leads = 0
    /// Leads that reached mql or a later stage (sql, won), by their stage history.
    public var mql = 0
    public var sql = 0
    public var won = 0
    public var lost = 0
    /// Deadlines met, counted per deadline, so a reassigned lead counts once per owner.
    public var slaMet = 0
    /// Deadlines breached, including breached deadlines that escalation then reassigned.
    public var slaBreached = 0
    /// Seconds from assignment to the first sales touch, one value per deadline that has one.
    public var firstTouchSeconds: [Double] = []
    /// Open tasks whose due time has passed.
    public var overdueOpenTasks = 0

    public init() {}

    /// met / (met + breached), or nil when both are zero.
    public var slaCompliance: Double? {
        slaMet + slaBreached == 0 ? nil : Double(slaMet) / Double(slaMet + slaBreached)
    }

    public var leadToMQL: Double? { Self.rate(mql, of: leads) }
    public var mqlToSQL: Double? { Self.rate(sql, of: mql) }
    public var sqlToWon: Double? { Self.rate(won, of: sql) }

    /// The median of the first-touch times (the mean of the two middle values for an even count).
    public var medianFirstTouchSeconds: Double? {
        let sorted = firstTouchSeconds.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The 90th percentile of the first-touch times by the nearest-rank method: the value at
    /// position ceil(0.9 n) of the sorted list.
    public var p90FirstTouchSeconds: Double? {
        let sorted = firstTouchSeconds.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up))
        return sorted[max(rank, 1) - 1]
    }

    private static func rate(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}

/// One group of a report: a source, campaign or rep and its counts.
public struct ReportRow: Sendable, Hashable {
    /// The group's value; leads without one are grouped under ``ReportQuery/noValueKey``.
    public var key: String
    public var counts: ReportCounts
}

/// Marketing's side of the SLA for the current calendar month in the configured time zone.
public struct MarketingPace: Sendable, Hashable {
    /// `sla.marketing.mql_per_month`, or nil when the configuration sets none.
    public var mqlTarget: Int?
    /// Leads that reached mql or a later stage since the month began.
    public var mqlActual: Int
    /// The share of the month elapsed at the report's time, from 0 to 1.
    public var monthElapsed: Double
    public var monthStart: Date

    /// mqlActual divided by the part of the target due by now; 1.0 is on track. Nil without a
    /// positive target or at the first instant of the month.
    public var pace: Double? {
        guard let mqlTarget, mqlTarget > 0, monthElapsed > 0 else { return nil }
        return Double(mqlActual) / (Double(mqlTarget) * monthElapsed)
    }
}

/// A closed-loop report over the leads that smarketd first ingested inside a window.
public struct Report: Sendable, Hashable {
    /// The window's first instant (inclusive), or nil for no lower bound.
    public var since: Date?
    /// The instant after the window (exclusive), or nil for no upper bound.
    public var until: Date?
    public var grouping: ReportGrouping?
    public var generatedAt: Date
    public var total: ReportCounts
    /// One row per group, by decreasing lead count, then by key.
    public var rows: [ReportRow]
    public var marketing: MarketingPace
}
