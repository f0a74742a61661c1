import Foundation

/// A day of the week, numbered as Foundation's `Calendar` numbers them (Sunday is 1).
public enum Weekday: Int, Sendable, CaseIterable {
    case sunday = 1
    case monday, tuesday, wednesday, thursday, friday, saturday

    /// Creates the weekday of a civil day counted from 1970-01-01, which was a Thursday.
    init(civilDay: Int) {
        // Days since a Sunday, kept in 0...6 for days before 1970 too.
        let sinceSunday = ((civilDay + 4) % 7 + 7) % 7
        self = Weekday(rawValue: sinceSunday + 1)!
    }
}

/// Civil (proleptic Gregorian) dates as day numbers counted from 1970-01-01.
///
/// The calendar works on day numbers so that stepping through days needs no
/// `Calendar` calls and cannot land on a time that a daylight-saving change skips.
enum CivilDay {
    /// Returns the day number of a year, month (1-12) and day (1-31).
    ///
    /// This is the well-known days-from-civil conversion over 400-year eras.
    /// Out-of-range months and days are not rejected: day 31 of April is May 1.
    static func number(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
