import Foundation
import Testing

@testable import SmarketIngest

/// Edge cases of ``Timestamp`` where the integer arithmetic and Foundation's calendar could part.
@Suite struct TimestampEdgeTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test(arguments: [
        // 29 March 2026 skips 02:00 to 03:00 in Berlin: a skipped time keeps the offset before.
        ("2026-03-29 01:59", "2026-03-29T00:59:00Z"),
        ("2026-03-29 02:30", "2026-03-29T01:30:00Z"),
        ("2026-03-29 03:00", "2026-03-29T01:00:00Z"),
        // 25 October 2026 repeats 02:00 to 03:00: a repeated time is read in summer time.
        ("2026-10-25 01:30", "2026-10-24T23:30:00Z"),
        ("2026-10-25 02:30", "2026-10-25T00:30:00Z"),
        ("2026-10-25 03:00", "2026-10-25T02:00:00Z"),
        // The days next to a change are read with their own offset.
        ("2026-03-28 12:00", "2026-03-28T11:00:00Z"),
        ("2026-03-30 12:00", "2026-03-30T10:00:00Z"),
        ("2028-02-29", "2028-02-28T23:00:00Z"),
        ("2000-02-29 12:00", "2000-02-29T11:00:00Z"),
        // A leap second rolls over into the next minute of the same day.
        ("2026-11-10 10:20:60", "2026-11-10T09:21:00Z"),
        // Nanoseconds that round to the next second as a Date.
        ("2026-12-01T11:00:00.999999999Z", "2026-12-01T11:00:01Z"),
        // Unicode digits after nine fraction digits are dropped.
        ("2026-11-10T10:20:00.123456789\u{663}Z", "2026-11-10T10:20:00Z"),
        ("2026-11-10T10:20:00-05:30", "2026-11-10T15:50:00Z"),
        ("2026-11-10T10:20 utc", "2026-11-10T10:20:00Z"),
        ("10.11.2026 10:20 pm", "2026-11-10T21:20:00Z"),
        ("1969-12-31 23:30", "1969-12-31T22:30:00Z"),
        ("2250-06-01 12:00", "2250-06-01T10:00:00Z"),
    ])
    func readable(input: String, expected: String) throws {
        let date = try Timestamp.parse(input, dayFirst: true, timeZone: Self.berlin).get()
        #expect(Timestamp.rfc3339(date) == expected)
    }

    @Test(arguments: [
        "2026-02-29", "2100-02-29", "2026-04-31",
        // The leap second of the year's last minute would roll over into the next year.
        "2026-12-31 23:59:60",
        // Dates that the Gregorian reform of October 1582 skipped.
        "1582-10-10 12:00",
        "10.11.2026 13:20 PM",
        // A combining mark makes the digit before it a different character.
        "2026\u{301}-11-10",
        "2026-11-10 10:2\u{301}0",
    ])
    func unreadable(input: String) {
        let result = Timestamp.parse(input, dayFirst: true, timeZone: Self.berlin)
        #expect(result == .failure(.unreadable))
    }

    @Test func combiningMarkSettlesAmbiguity() {
        // The year's last digit carries the mark, so the year has three digits and fails first.
        let result = Timestamp.parse("03/04/2026\u{301}", dayFirst: nil, timeZone: Self.berlin)
        #expect(result == .failure(.unreadable))
    }

    /// Reads every 20 minutes of the days around the DST changes of 2026 and compares the instant
    /// with Foundation's calendar, in zones with hour, half-hour and midnight changes.
    @Test(arguments: [
        ("Europe/Berlin", [(3, 29), (10, 25)]),
        ("America/New_York", [(3, 8), (11, 1)]),
        ("Australia/Lord_Howe", [(4, 5), (10, 4)]),
        ("America/Santiago", [(4, 5), (9, 6)]),
        ("Asia/Kolkata", [(6, 1)]),
    ])
    func matchesCalendarAroundChanges(zoneName: String, changeDays: [(Int, Int)]) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        for (month, changeDay) in changeDays {
            for day in changeDay - 3...changeDay + 3 {
                for minute in stride(from: 0, to: 24 * 60, by: 20) {
                    let components = DateComponents(
                        year: 2026, month: month, day: day, hour: minute / 60, minute: minute % 60,
                        second: 0, nanosecond: 0)
                    let text = String(
                        format: "2026-%02d-%02d %02d:%02d:00", month, day, minute / 60, minute % 60)
                    let parsed = Timestamp.parse(text, dayFirst: nil, timeZone: zone)
                    let expected = Timestamp.calendarInstant(components, zone: zone)
                    #expect(parsed == expected, "\(text) in \(zoneName)")
                }
            }
        }
    }

    @Test(arguments: [
        0.0, 1.0, 59.0, 86_399.0, 951_782_400.0, 1_794_302_400.0, 1_794_302_400.5,
        1_794_302_400.999_999_9, -1.0, -0.5, 253_402_300_799.0, 253_402_300_800.0,
    ])
    func rfc3339MatchesCalendar(secondsSince1970: Double) {
        let date = Date(timeIntervalSince1970: secondsSince1970)
        #expect(Timestamp.rfc3339(date) == Timestamp.calendarRFC3339(date))
    }
}
