import Foundation
import Testing

@testable import SmarketIngest

@Suite struct DateTimestampTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var dayFirst: Bool?
        var expected: String
        var testDescription: String { "\(input) dayFirst=\(dayFirst.map(String.init) ?? "-")" }
    }

    @Test(arguments: [
        Case(input: "2026-11-10 10:20", expected: "2026-11-10T09:20:00Z"),
        Case(input: "2026-11-10T15:05:13+0100", expected: "2026-11-10T14:05:13Z"),
        Case(input: "2026-11-10T15:05:13+01:00", expected: "2026-11-10T14:05:13Z"),
        Case(input: "2026-12-01T11:00:00Z", expected: "2026-12-01T11:00:00Z"),
        Case(input: "2026-12-01T11:00:00.250Z", expected: "2026-12-01T11:00:00Z"),
        Case(input: "2026-07-01 10:00:00", expected: "2026-07-01T08:00:00Z"),
        Case(input: "2026-11-10", expected: "2026-11-09T23:00:00Z"),
        Case(input: "10.11.2026", expected: "2026-11-09T23:00:00Z"),
        Case(input: "10.11.2026 10:20", expected: "2026-11-10T09:20:00Z"),
        // Unambiguous slash dates need no locale.
        Case(input: "11/30/2026", expected: "2026-11-29T23:00:00Z"),
        Case(input: "30/11/2026 10:20", expected: "2026-11-30T09:20:00Z"),
        Case(input: "11/10/2026", dayFirst: false, expected: "2026-11-09T23:00:00Z"),
        Case(input: "10/11/2026 10:20", dayFirst: true, expected: "2026-11-10T09:20:00Z"),
        Case(input: "03/04/2026", dayFirst: true, expected: "2026-04-02T22:00:00Z"),
        Case(input: "03/04/2026", dayFirst: false, expected: "2026-03-03T23:00:00Z"),
        Case(input: "04/04/2026", expected: "2026-04-03T22:00:00Z"),
        Case(input: "11/10/2026 3:05 PM", dayFirst: false, expected: "2026-11-10T14:05:00Z"),
        Case(input: "11/10/2026 12:05 AM", dayFirst: false, expected: "2026-11-09T23:05:00Z"),
        Case(input: "1794302400", expected: "2026-11-10T09:20:00Z"),
        Case(input: "1794302400000", expected: "2026-11-10T09:20:00Z"),
    ])
    func parsed(_ test: Case) throws {
        let date = try Timestamp.parse(test.input, dayFirst: test.dayFirst, timeZone: Self.berlin)
            .get()
        #expect(Timestamp.rfc3339(date) == test.expected)
    }

    @Test func ambiguousWithoutLocale() {
        let result = Timestamp.parse("03/04/2026", dayFirst: nil, timeZone: Self.berlin)
        #expect(result == .failure(.ambiguousDayMonth))
    }

    @Test(arguments: [
        "yesterday", "2026-13-01", "2026-02-30", "31.02.2026", "2026-11-10 25:00", "10/11/26",
        "2026-11-10T10:20+25:00", "2026-11-10 10:20 tomorrow", "123", "",
    ])
    func unreadable(input: String) {
        let result = Timestamp.parse(input, dayFirst: true, timeZone: Self.berlin)
        #expect(result == .failure(.unreadable))
    }

    @Test(arguments: [
        ("de_DE", true), ("fr_FR", true), ("en_GB", true), ("en_US", false), ("de", true),
    ])
    func localeDayOrder(identifier: String, dayFirst: Bool) {
        #expect(InboxLocale(identifier)?.dayFirst == dayFirst)
    }

    @Test func englishWithoutRegionLeavesOrderOpen() {
        #expect(InboxLocale("en")?.dayFirst == nil)
    }
}
