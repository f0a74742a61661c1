import Foundation

/// A length of time in an SLA setting: `90s`, `30m` and `4h` are seconds, `2d` is days.
public enum SLADuration: Sendable, Hashable {
    case seconds(TimeInterval)
    case days(Int)
}

/// The deadlines of one assignment: the first-touch deadline, its warning and escalations.
///
/// Without a calendar every duration is elapsed time and `.days(n)` is `n * 86400`
/// seconds. With a calendar, `.seconds` counts open time only, `.days` counts business
/// days (the same open time of day, n business days later), and the warning and the
/// escalation offsets count open time. A calendar without open hours counts as none.
/// Results are absolute instants, ready to store as UTC.
public struct SLAPolicy: Sendable {
    public let firstTouch: SLADuration
    /// How much time before the deadline the warning fires.
    public let warnBefore: TimeInterval
    /// For each escalation step, how much time after the breach it fires.
    public let escalationOffsets: [TimeInterval]
    /// The open hours that durations count in, or nil for elapsed time.
    public let calendar: BusinessCalendar?

    public init(
        firstTouch: SLADuration,
        warnBefore: TimeInterval,
        escalationOffsets: [TimeInterval],
        calendar: BusinessCalendar?
    ) {
        self.firstTouch = firstTouch
        self.warnBefore = warnBefore
        self.escalationOffsets = escalationOffsets
        if let calendar, calendar.hasOpenHours {
            self.calendar = calendar
        } else {
            self.calendar = nil
        }
    }

    /// Returns the first-touch deadline of a lead assigned at `assignedAt`.
    public func deadline(assignedAt: Date) -> Date {
        switch (firstTouch, calendar) {
        case (.seconds(let seconds), nil):
            return assignedAt.addingTimeInterval(seconds)
        case (.days(let days), nil):
            return assignedAt.addingTimeInterval(Double(days) * 86_400)
        case (.seconds(let seconds), let calendar?):
            return calendar.addingOpenTime(seconds, to: assignedAt)
        case (.days(let days), let calendar?):
            return calendar.addingBusinessDays(days, to: assignedAt)
        }
    }

    /// Returns the time of the warning before `deadline`.
    ///
    /// The result can fall before the assignment when `warnBefore` is longer than the
    /// SLA. The caller decides whether such a warning fires at once or not at all.
    public func warningTime(deadline: Date) -> Date {
        guard let calendar else {
            return deadline.addingTimeInterval(-warnBefore)
        }
        return calendar.subtractingOpenTime(warnBefore, from: deadline)
    }

    /// Returns the time of escalation step `step` (an index into `escalationOffsets`).
    ///
    /// An offset of zero fires at the breach itself, even when the deadline falls at a
    /// closing time. `step` must be a valid index, as for an array subscript.
    public func escalationTime(step: Int, deadline: Date) -> Date {
        precondition(
            escalationOffsets.indices.contains(step),
            "escalation step \(step) is out of range 0..<\(escalationOffsets.count)")
        let offset = escalationOffsets[step]
        guard let calendar else {
            return deadline.addingTimeInterval(offset)
        }
        return calendar.addingOpenTime(offset, to: deadline)
    }
}
