import Foundation

/// The three-letter day names of `sla.business_hours.days`.
extension Weekday {
    /// The name used in the configuration: `mon`, `tue`, ...
    public var abbreviation: String {
        ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][rawValue - 1]
    }

    /// Reads `mon`, `tue`, ... in any case.
    public init?(abbreviation: String) {
        guard
            let found = Weekday.allCases.first(where: {
                $0.abbreviation == abbreviation.lowercased()
            })
        else {
            return nil
        }
        self = found
    }
}

/// Reading and printing ``SLADuration`` values as the configuration writes them.
extension SLADuration: CustomStringConvertible {
    /// The elapsed length, counting a day as 86,400 seconds.
    public var elapsedSeconds: TimeInterval {
        switch self {
        case .seconds(let seconds): seconds
        case .days(let days): TimeInterval(days) * 86_400
        }
    }

    /// The duration as the configuration writes it: `2d`, `4h`, `30m` or `90s`.
    public var description: String {
        switch self {
        case .days(let days): return "\(days)d"
        case .seconds(let seconds):
            if seconds.truncatingRemainder(dividingBy: 3600) == 0 {
                return "\(Int(seconds / 3600))h"
            }
            if seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
            return "\(Int(seconds))s"
        }
    }
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

/// The action of an escalation step.
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
        warnBefore: SLADuration = .seconds(4 * 3600),
        businessHours: BusinessHoursConfiguration? = nil,
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
