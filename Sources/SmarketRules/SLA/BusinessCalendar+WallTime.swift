import Foundation

/// Conversion between absolute instants and wall-clock times in the calendar's time zone.
extension BusinessCalendar {
    static let secondsPerDay = 86_400

    /// Returns the local civil day number that contains `instant`.
    func civilDay(containing instant: Date) -> Int {
        let offset = timeZone.secondsFromGMT(for: instant)
        let localSeconds = (instant.timeIntervalSince1970 + Double(offset)).rounded(.down)
        return Int((localSeconds / Double(Self.secondsPerDay)).rounded(.down))
    }

    /// Returns the instant at which local clocks show `minute` minutes after midnight of `day`.
    ///
    /// A wall time that occurs twice (the hour repeated when clocks go back) maps to its
    /// first occurrence. A wall time that does not exist (the hour skipped when clocks go
    /// forward) maps to the instant it would have had under the offset before the change.
    /// Local clocks show that instant as the wall time plus the skipped length, so 02:30
    /// becomes 03:30.
    /// This assumes at most one offset change within a day either side, as in every
    /// IANA time zone.
    func instant(day: Int, minute: Int) -> Date {
        let local = Double(day * Self.secondsPerDay + minute * 60)
        let offsetBefore = timeZone.secondsFromGMT(
            for: Date(timeIntervalSince1970: local - Double(Self.secondsPerDay)))
        let offsetAfter = timeZone.secondsFromGMT(
            for: Date(timeIntervalSince1970: local + Double(Self.secondsPerDay)))

        var candidates: [Date] = []
        for offset in [offsetBefore, offsetAfter] {
            let candidate = Date(timeIntervalSince1970: local - Double(offset))
            if timeZone.secondsFromGMT(for: candidate) == offset {
                candidates.append(candidate)
            }
        }
        if let earliest = candidates.min() {
            return earliest
        }
        return Date(timeIntervalSince1970: local - Double(offsetBefore))
    }

    /// Returns the open interval of local day `day`, or nil when the calendar is closed then.
    ///
    /// The interval is half-open: open at `start`, closed again at `end`. Its length is
    /// real elapsed time, so hours 00:00-06:00 give 5 hours on the night clocks go forward
    /// and 7 on the night they go back. An interval that a skipped hour empties is closed.
    func openInterval(day: Int) -> DateInterval? {
        openIntervals.value(for: day, compute: computeOpenInterval(day:))
    }

    private func computeOpenInterval(day: Int) -> DateInterval? {
        guard days.contains(Weekday(civilDay: day)), !holidayDays.contains(day) else {
            return nil
        }
        let start = instant(day: day, minute: opensAt)
        let end = instant(day: day, minute: closesAt)
        guard end > start else {
            return nil
        }
        return DateInterval(start: start, end: end)
    }
}
