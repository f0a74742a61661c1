import Foundation
import Testing

@testable import SmarketRules

@Suite struct BusinessCalendarTests {
    @Test func fridayLateHourDueMonday() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-03-06T16:30:00+01:00"))
        #expect(due == instant("2026-03-09T09:30:00+01:00"))
    }

    @Test func sameDayWithinHours() {
        let due = officeHours().addingOpenTime(2 * hour, to: instant("2026-03-04T10:00:00+01:00"))
        #expect(due == instant("2026-03-04T12:00:00+01:00"))
    }

    @Test func endsExactlyAtClosing() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-03-04T16:00:00+01:00"))
        #expect(due == instant("2026-03-04T17:00:00+01:00"))
    }

    @Test func spansWeekend() {
        let due = officeHours().addingOpenTime(8 * hour, to: instant("2026-03-06T15:00:00+01:00"))
        #expect(due == instant("2026-03-09T15:00:00+01:00"))
    }

    @Test func spansSeveralDays() {
        // 24 hours of open time are three full office days.
        let due = officeHours().addingOpenTime(24 * hour, to: instant("2026-03-04T09:00:00+01:00"))
        #expect(due == instant("2026-03-06T17:00:00+01:00"))
    }

    @Test func newYorkHours() {
        let calendar = officeHours("America/New_York")
        let start = instant("2026-07-15T10:00:00-04:00")
        #expect(
            calendar.addingOpenTime(4 * hour, to: start) == instant("2026-07-15T14:00:00-04:00"))
        #expect(
            calendar.addingOpenTime(10 * hour, to: start) == instant("2026-07-16T12:00:00-04:00"))
    }

    @Test func newYorkAcrossSpringForward() {
        // Clocks in New York go forward on Sunday 2026-03-08, but opening stays 09:00 local.
        let due = officeHours("America/New_York")
            .addingOpenTime(hour, to: instant("2026-03-06T16:30:00-05:00"))
        #expect(due == instant("2026-03-09T09:30:00-04:00"))
    }

    @Test func startBeforeOpening() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-03-03T07:00:00+01:00"))
        #expect(due == instant("2026-03-03T10:00:00+01:00"))
    }

    @Test func startAfterClosing() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-03-03T18:00:00+01:00"))
        #expect(due == instant("2026-03-04T10:00:00+01:00"))
    }

    @Test func startAtClosing() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-03-03T17:00:00+01:00"))
        #expect(due == instant("2026-03-04T10:00:00+01:00"))
    }

    @Test func startOnSaturday() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-03-07T12:00:00+01:00"))
        #expect(due == instant("2026-03-09T10:00:00+01:00"))
    }

    @Test func startOnHoliday() {
        // Friday 2026-12-25 is closed, so counting starts on Monday.
        let calendar = officeHours(holidays: [holiday(2026, 12, 25)])
        let due = calendar.addingOpenTime(hour, to: instant("2026-12-25T10:00:00+01:00"))
        #expect(due == instant("2026-12-28T10:00:00+01:00"))
    }

    @Test func holidayMondayAfterWeekend() {
        // Easter 2026: Good Friday 3 April and Easter Monday 6 April are closed.
        let calendar = officeHours(holidays: [holiday(2026, 4, 3), holiday(2026, 4, 6)])
        let due = calendar.addingOpenTime(hour, to: instant("2026-04-02T16:30:00+02:00"))
        #expect(due == instant("2026-04-07T09:30:00+02:00"))
    }

    @Test func holidayInOtherZoneIsLocalDay() {
        // 2026-07-16 is a holiday in New York, where that day starts at 04:00 UTC.
        let calendar = officeHours("America/New_York", holidays: [holiday(2026, 7, 16)])
        let due = calendar.addingOpenTime(2 * hour, to: instant("2026-07-15T16:00:00-04:00"))
        #expect(due == instant("2026-07-17T10:00:00-04:00"))
    }

    @Test func incompleteHolidayIgnored() {
        let calendar = officeHours(holidays: [DateComponents(month: 3, day: 4)])
        #expect(calendar.isOpen(at: instant("2026-03-04T10:00:00+01:00")))
    }

    @Test func isOpenBoundaries() {
        let calendar = officeHours(holidays: [holiday(2026, 12, 25)])
        #expect(calendar.isOpen(at: instant("2026-03-04T09:00:00+01:00")))
        #expect(calendar.isOpen(at: instant("2026-03-04T16:59:59+01:00")))
        #expect(!calendar.isOpen(at: instant("2026-03-04T17:00:00+01:00")))
        #expect(!calendar.isOpen(at: instant("2026-03-04T08:59:59+01:00")))
        #expect(!calendar.isOpen(at: instant("2026-03-07T12:00:00+01:00")))
        #expect(!calendar.isOpen(at: instant("2026-12-25T12:00:00+01:00")))
    }

    @Test func subtractAcrossNight() {
        let warning = officeHours().subtractingOpenTime(
            4 * hour, from: instant("2026-03-04T10:00:00+01:00"))
        #expect(warning == instant("2026-03-03T14:00:00+01:00"))
    }

    @Test func subtractAcrossWeekend() {
        let warning = officeHours().subtractingOpenTime(
            hour, from: instant("2026-03-09T09:30:00+01:00"))
        #expect(warning == instant("2026-03-06T16:30:00+01:00"))
    }

    @Test func subtractToOpening() {
        let warning = officeHours().subtractingOpenTime(
            hour, from: instant("2026-03-04T10:00:00+01:00"))
        #expect(warning == instant("2026-03-04T09:00:00+01:00"))
    }

    @Test func subtractFromClosedTime() {
        // From Saturday, counting back starts at Friday's closing.
        let warning = officeHours().subtractingOpenTime(
            hour, from: instant("2026-03-07T12:00:00+01:00"))
        #expect(warning == instant("2026-03-06T16:00:00+01:00"))
    }

    @Test func subtractInvertsAdd() {
        let calendar = officeHours(holidays: [holiday(2026, 4, 3), holiday(2026, 4, 6)])
        let start = instant("2026-04-01T11:20:00+02:00")
        for hours in [0.5, 1, 7, 8, 9, 30, 100] {
            let end = calendar.addingOpenTime(hours * hour, to: start)
            #expect(calendar.subtractingOpenTime(hours * hour, from: end) == start)
        }
    }

    @Test func zeroOpenTimeKeepsStart() {
        let start = instant("2026-03-07T12:00:00+01:00")
        #expect(officeHours().addingOpenTime(0, to: start) == start)
    }

    @Test func businessDaysSameTimeOfDay() {
        // Thursday 10:15 plus two business days is Monday 10:15.
        let due = officeHours().addingBusinessDays(2, to: instant("2026-03-05T10:15:00+01:00"))
        #expect(due == instant("2026-03-09T10:15:00+01:00"))
    }

    @Test func businessDaysFromWeekend() {
        // Saturday moves to Monday's opening first, then one business day on.
        let due = officeHours().addingBusinessDays(1, to: instant("2026-03-07T12:00:00+01:00"))
        #expect(due == instant("2026-03-10T09:00:00+01:00"))
    }

    @Test func businessDaysFromEvening() {
        let due = officeHours().addingBusinessDays(1, to: instant("2026-03-04T19:00:00+01:00"))
        #expect(due == instant("2026-03-06T09:00:00+01:00"))
    }

    @Test func businessDaysSkipHolidays() {
        let calendar = officeHours(holidays: [holiday(2026, 4, 3), holiday(2026, 4, 6)])
        let due = calendar.addingBusinessDays(1, to: instant("2026-04-02T11:00:00+02:00"))
        #expect(due == instant("2026-04-07T11:00:00+02:00"))
    }

    @Test func businessDaysZeroMovesToOpening() {
        let due = officeHours().addingBusinessDays(0, to: instant("2026-03-07T12:00:00+01:00"))
        #expect(due == instant("2026-03-09T09:00:00+01:00"))
    }

    @Test func businessDaysBackwards() {
        let due = officeHours().addingBusinessDays(-1, to: instant("2026-03-09T10:15:00+01:00"))
        #expect(due == instant("2026-03-06T10:15:00+01:00"))
    }

    @Test func noOpenDaysFallsBackToElapsed() {
        let calendar = BusinessCalendar(
            timeZone: TimeZone(identifier: "Europe/Berlin")!, days: [], opensAt: 540,
            closesAt: 1020, holidays: [])
        let start = instant("2026-03-07T12:00:00+01:00")
        #expect(!calendar.hasOpenHours)
        #expect(calendar.addingOpenTime(hour, to: start) == start.addingTimeInterval(hour))
        #expect(calendar.subtractingOpenTime(hour, from: start) == start.addingTimeInterval(-hour))
        #expect(calendar.addingBusinessDays(2, to: start) == start.addingTimeInterval(2 * 86_400))
        #expect(!calendar.isOpen(at: start))
    }

    @Test func invertedHoursHaveNoOpenHours() {
        let calendar = BusinessCalendar(
            timeZone: TimeZone(identifier: "Europe/Berlin")!, days: weekdays, opensAt: 1020,
            closesAt: 540, holidays: [])
        #expect(!calendar.hasOpenHours)
    }

    @Test func holidaysOnEveryOpenDayStillEnd() {
        // A whole closed year of weekdays: the search must cross it and find 2027.
        var holidays: [DateComponents] = []
        for day in 1...365 {
            let date = DateComponents(year: 2026, month: 1, day: day)
            holidays.append(date)
        }
        let due = officeHours(holidays: holidays)
            .addingOpenTime(hour, to: instant("2026-01-01T10:00:00+01:00"))
        #expect(due == instant("2027-01-01T10:00:00+01:00"))
    }
}
