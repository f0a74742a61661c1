import Foundation

/// A day of the week, numbered as `Calendar.component(.weekday, from:)` returns it (Sunday is 1).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case sunday = 1
    case monday
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday

    /// The three-letter name used in the configuration: `mon`, `tue`, ...
    public var abbreviation: String {
        ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][rawValue - 1]
    }

    public init?(abbreviation: String) {
        guard let found = Weekday.allCases.first(where: { $0.abbreviation == abbreviation.lowercased() }) else {
            return nil
        }
        self = found
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The open hours that SLA time counts, in the configured time zone.
public struct BusinessHoursConfiguration: Sendable, Hashable {
    public var days: Set<Weekday>
    /// Opening time in minutes after midnight.
    public var opening: Int
    /// Closing time in minutes after midnight, later than `opening`.
    public var closing: Int
    /// Days on which the business is closed although they are in `days`.
    public var holidays: Set<CalendarDate>

    public init(days: Set<Weekday>, opening: Int, closing: Int, holidays: Set<CalendarDate> = []) {
        self.days = days
        self.opening = opening
        self.closing = closing
        self.holidays = holidays
    }
}

/// What an escalation step does.
public enum EscalationAction: String, Sendable, Hashable {
    /// Tell the owner's manager (`notify: manager`).
    case notifyManager
    /// Give the lead to the next rep of the owner's team (`reassign: next`).
    case reassignNext
}

/// One escalation step, run `after` the breach.
public struct EscalationStep: Sendable, Hashable {
    public var after: SLADuration
    public var action: EscalationAction

    public init(after: SLADuration, action: EscalationAction) {
        self.after = after
        self.action = action
    }
}

/// Both sides of the service-level agreement.
public struct SLAConfiguration: Sendable, Hashable {
    /// Marketing's promise: MQLs per calendar month; nil when none is agreed.
    public var mqlPerMonth: Int?
    /// Sales' promise: the first touch after assignment.
    public var firstTouch: SLADuration
    /// How long before the deadline the warning fires.
    public var warnBefore: SLADuration
    /// Nil when SLA durations are elapsed time.
    public var businessHours: BusinessHoursConfiguration?
    /// The outbox that receives escalation notices besides the journal.
    public var notifyOutbox: String?
    public var escalation: [EscalationStep]

    public init(
        mqlPerMonth: Int? = nil, firstTouch: SLADuration = .seconds(24 * 3600),
        warnBefore: SLADuration = .seconds(4 * 3600), businessHours: BusinessHoursConfiguration? = nil,
        notifyOutbox: String? = nil, escalation: [EscalationStep] = []
    ) {
        self.mqlPerMonth = mqlPerMonth
        self.firstTouch = firstTouch
        self.warnBefore = warnBefore
        self.businessHours = businessHours
        self.notifyOutbox = notifyOutbox
        self.escalation = escalation
    }
}
