import Foundation

@testable import SmarketRules

/// Parses an RFC 3339 timestamp with an explicit offset, such as `2026-03-06T16:30:00+01:00`.
///
/// Test instants are written with their offset so that the expected values do not depend
/// on the time zone conversion under test.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else {
        fatalError("invalid test timestamp \(text). Write it as 2026-03-06T16:30:00+01:00.")
    }
    return date
}

/// Returns a holiday in the form that the configuration loader passes.
func holiday(_ year: Int, _ month: Int, _ day: Int) -> DateComponents {
    DateComponents(year: year, month: month, day: day)
}

let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

/// Returns a calendar open Monday to Friday, 09:00-17:00, in `zone`.
func officeHours(
    _ zone: String = "Europe/Berlin", holidays: [DateComponents] = []
) -> BusinessCalendar {
    BusinessCalendar(
        timeZone: TimeZone(identifier: zone)!,
        days: weekdays,
        opensAt: 9 * 60,
        closesAt: 17 * 60,
        holidays: holidays)
}

/// Returns a calendar open every day in Europe/Berlin, for hours that contain the DST nights.
func nightHours(opensAt: Int, closesAt: Int) -> BusinessCalendar {
    BusinessCalendar(
        timeZone: TimeZone(identifier: "Europe/Berlin")!,
        days: Set(Weekday.allCases),
        opensAt: opensAt,
        closesAt: closesAt,
        holidays: [])
}

let hour: TimeInterval = 3600
