import Foundation
import SmarketIngest

/// A calendar day without a time, read as a day in the configured time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; returns nil for any other shape or a day that does not exist.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The `DateComponents` of this day, for `Calendar` arithmetic.
    public var components: DateComponents {
        DateComponents(year: year, month: month, day: day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A sales rep that leads can be routed to.
public struct RepConfiguration: Sendable, Hashable {
    public var id: String
    public var name: String
    public var email: String
    /// The team whose routing rules send leads to this rep; nil for a rep routed nothing, such as a manager.
    public var team: String?
    /// The share of leads under the weighted strategy.
    public var weight: Double
    /// The most untouched leads this rep may hold at once; nil for no cap.
    public var capacity: Int?
    /// The id of the rep who receives escalations about this rep's leads.
    public var manager: String?
    /// Closed ranges of calendar days, in the configured time zone, when the rep gets no leads.
    public var away: [ClosedRange<CalendarDate>]

    public init(
        id: String, name: String, email: String, team: String? = nil, weight: Double = 1,
        capacity: Int? = nil, manager: String? = nil, away: [ClosedRange<CalendarDate>] = []
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.team = team
        self.weight = weight
        self.capacity = capacity
        self.manager = manager
        self.away = away
    }

    /// Returns whether `day` falls in one of the rep's away ranges.
    public func isAway(on day: CalendarDate) -> Bool {
        away.contains { $0.contains(day) }
    }
}

/// The rule by which a team spreads leads over its reps.
public enum RoutingStrategy: String, Sendable, Hashable, CaseIterable {
    case roundRobin = "round_robin"
    case weighted
    case leastLoaded = "least_loaded"
}

/// A group of reps that routing rules send leads to.
public struct TeamConfiguration: Sendable, Hashable {
    public var id: String
    public var strategy: RoutingStrategy

    public init(id: String, strategy: RoutingStrategy = .roundRobin) {
        self.id = id
        self.strategy = strategy
    }
}

/// One routing rule: leads that meet the condition go to the team.
public struct RoutingRule: Sendable {
    /// Nil for a rule that matches every lead.
    public var condition: Expression?
    public var team: String

    public init(condition: Expression? = nil, team: String) {
        self.condition = condition
        self.team = team
    }
}

/// The routing of new leads to owners. The first rule that matches wins.
public struct RoutingConfiguration: Sendable {
    /// Whether a lead from a company domain that already has an owner goes to that owner.
    public var accountOwnership: Bool
    public var rules: [RoutingRule]

    public init(accountOwnership: Bool = false, rules: [RoutingRule] = []) {
        self.accountOwnership = accountOwnership
        self.rules = rules
    }
}

/// A folder that receives NDJSON records for another system, such as a CRM sync.
public struct OutboxConfiguration: Sendable, Hashable {
    public var name: String
    public var path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }
}

/// The location of the metrics file in the Prometheus text format.
public struct MetricsConfiguration: Sendable, Hashable {
    public var path: String

    public init(path: String) {
        self.path = path
    }
}
