import Foundation
import SmarketIngest

/// Open hours in a time zone: open weekdays, one opening interval per day, and holidays.
///
/// All inputs and results are absolute instants. Open hours are wall-clock times in
/// `timeZone`, so a 09:00-17:00 day stays 8 hours long across a daylight-saving change,
/// while hours that contain the change (00:00-06:00) are an hour shorter or longer that
/// night. Holidays close whole local calendar days.
///
/// A calendar without open hours (no open days, or `opensAt` not before `closesAt`, or
/// minutes outside 0...1440) cannot place any deadline. Its arithmetic falls back to
/// elapsed time, as if there were no calendar, and ``hasOpenHours`` is false so that a
/// configuration loader can reject it with a message that names the value.
public struct BusinessCalendar: Sendable {
    public let timeZone: TimeZone
    public let days: Set<Weekday>
    /// Opening time in minutes after local midnight.
    public let opensAt: Int
    /// Closing time in minutes after local midnight. 1440 closes at the next midnight.
    public let closesAt: Int
    /// Holidays as local civil day numbers (see `CivilDate`).
    let holidayDays: Set<Int>
    /// The open interval of each local day worked out so far, shared by the copies of the calendar.
    /// Placing a deadline converts several wall times to instants, each reading the time zone's
    /// offset three times, and a bulk import places its deadlines on the same few days. The 4,096
    /// days it keeps cover several years.
    let openIntervals = BoundedMemo<Int, DateInterval?>(capacity: 4_096)

    /// Creates a calendar.
    ///
    /// - Parameters:
    ///   - timeZone: The zone in which `opensAt`, `closesAt` and the holidays are read.
    ///   - days: The weekdays that open.
    ///   - opensAt: Minutes after local midnight at which each open day opens (0...1439).
    ///   - closesAt: Minutes after local midnight at which it closes (1...1440).
    ///   - holidays: Closed dates with `year`, `month` and `day` set. An entry that lacks
    ///     one of them closes nothing, because it names no single date.
    public init(
        timeZone: TimeZone,
        days: Set<Weekday>,
        opensAt: Int,
        closesAt: Int,
        holidays: [DateComponents]
    ) {
        self.timeZone = timeZone
        self.days = days
        self.opensAt = opensAt
        self.closesAt = closesAt
        var holidayDays = Set<Int>()
        for holiday in holidays {
            if let year = holiday.year, let month = holiday.month, let day = holiday.day {
                holidayDays.insert(CivilDate.days(year: year, month: month, day: day))
            }
        }
        self.holidayDays = holidayDays
    }

    /// Whether the calendar opens at all. When false, its arithmetic counts elapsed time
    /// and ``isOpen(at:)`` is false everywhere.
    public var hasOpenHours: Bool {
        !days.isEmpty && opensAt >= 0 && closesAt <= 1440 && opensAt < closesAt
    }

    /// Returns whether `instant` lies in an open interval, opening included and closing not.
    public func isOpen(at instant: Date) -> Bool {
        guard hasOpenHours, let interval = openInterval(day: civilDay(containing: instant)) else {
            return false
        }
        return interval.start <= instant && instant < interval.end
    }

    /// Returns the instant after `seconds` of open time have passed from `start`.
    ///
    /// A start outside open hours begins counting at the next opening. When the count ends
    /// exactly at a closing time, the result is that closing time. Zero returns `start`,
    /// and a negative amount counts backwards like ``subtractingOpenTime(_:from:)``.
    public func addingOpenTime(_ seconds: TimeInterval, to start: Date) -> Date {
        if seconds < 0 {
            return subtractingOpenTime(-seconds, from: start)
        }
        guard seconds > 0 else {
            return start
        }
        guard hasOpenHours else {
            return start.addingTimeInterval(seconds)
        }
        var remaining = seconds
        var day = civilDay(containing: start)
        while let (openDay, interval) = openInterval(onOrAfter: day) {
            let from = max(interval.start, start)
            if from < interval.end {
                let available = interval.end.timeIntervalSince(from)
                if remaining <= available {
                    return from.addingTimeInterval(remaining)
                }
                remaining -= available
            }
            day = openDay + 1
        }
        return start.addingTimeInterval(seconds)
    }

    /// Returns the instant `seconds` of open time before `end`.
    ///
    /// Used for warnings before a deadline: 4 hours before Monday 10:00 with hours
    /// 09:00-17:00 Mon-Fri is Friday 14:00. When the count ends exactly at an opening,
    /// the result is that opening. Zero returns `end`.
    public func subtractingOpenTime(_ seconds: TimeInterval, from end: Date) -> Date {
        if seconds < 0 {
            return addingOpenTime(-seconds, to: end)
        }
        guard seconds > 0 else {
            return end
        }
        guard hasOpenHours else {
            return end.addingTimeInterval(-seconds)
        }
        var remaining = seconds
        var day = civilDay(containing: end)
        while let (openDay, interval) = openInterval(onOrBefore: day) {
            let to = min(interval.end, end)
            if to > interval.start {
                let available = to.timeIntervalSince(interval.start)
                if remaining <= available {
                    return to.addingTimeInterval(-remaining)
                }
                remaining -= available
            }
            day = openDay - 1
        }
        return end.addingTimeInterval(-seconds)
    }

    /// Returns the same open time of day `days` business days later.
    ///
    /// A start outside open hours first moves to the next opening, so Saturday 12:00 plus
    /// one business day is Tuesday's opening. The position is the open time elapsed since
    /// that day's opening. When the target day is shorter (a daylight-saving night inside
    /// the hours), the result is its closing time. A negative `days` counts backwards.
    public func addingBusinessDays(_ days: Int, to start: Date) -> Date {
        guard hasOpenHours else {
            return start.addingTimeInterval(Double(days * Self.secondsPerDay))
        }
        guard let (startDay, startInterval) = openInterval(endingAfter: start) else {
            return start.addingTimeInterval(Double(days * Self.secondsPerDay))
        }
        let intoDay = max(0, start.timeIntervalSince(startInterval.start))

        var day = startDay
        var target = startInterval
        for _ in 0..<abs(days) {
            let next =
                days > 0
                ? openInterval(onOrAfter: day + 1) : openInterval(onOrBefore: day - 1)
            guard let (nextDay, nextInterval) = next else {
                return start.addingTimeInterval(Double(days * Self.secondsPerDay))
            }
            day = nextDay
            target = nextInterval
        }
        return min(target.start.addingTimeInterval(intoDay), target.end)
    }
}

extension BusinessCalendar {
    /// The maximum number of consecutive closed days that a search crosses before it stops.
    ///
    /// With open hours, a closed run is at most every holiday plus the closed weekdays
    /// around them, so the limit is only reached by a calendar whose every open day is
    /// emptied by a skipped hour, which no real time zone produces. Callers then fall
    /// back to elapsed time instead of looping.
    var maximumClosedRun: Int { 7 * (holidayDays.count + 2) }

    /// Returns the first open interval on `day` or a later day, with its day number.
    func openInterval(onOrAfter day: Int) -> (Int, DateInterval)? {
        for candidate in day...(day + maximumClosedRun) {
            if let interval = openInterval(day: candidate) {
                return (candidate, interval)
            }
        }
        return nil
    }

    /// Returns the open interval that contains `instant`, or else the next one.
    func openInterval(endingAfter instant: Date) -> (Int, DateInterval)? {
        let day = civilDay(containing: instant)
        guard let (openDay, interval) = openInterval(onOrAfter: day) else {
            return nil
        }
        if interval.end > instant {
            return (openDay, interval)
        }
        return openInterval(onOrAfter: openDay + 1)
    }

    /// Returns the last open interval on `day` or an earlier day, with its day number.
    func openInterval(onOrBefore day: Int) -> (Int, DateInterval)? {
        for candidate in stride(from: day, through: day - maximumClosedRun, by: -1) {
            if let interval = openInterval(day: candidate) {
                return (candidate, interval)
            }
        }
        return nil
    }
}
