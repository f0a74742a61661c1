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
