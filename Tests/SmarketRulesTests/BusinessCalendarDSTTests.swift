import Foundation
import Testing

@testable import SmarketRules

/// The daylight-saving nights of 2026 in Europe/Berlin: clocks go from 02:00 to 03:00 on
/// 29 March and from 03:00 back to 02:00 on 25 October.
@Suite struct BusinessCalendarDSTTests {
    @Test func springNightIsFiveHours() {
        // 00:00-06:00 on 29 March runs from 00:00 CET to 06:00 CEST: five real hours.
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        let opening = instant("2026-03-29T00:00:00+01:00")
        #expect(
            calendar.addingOpenTime(5 * hour, to: opening) == instant("2026-03-29T06:00:00+02:00"))
        #expect(
            calendar.addingOpenTime(5.5 * hour, to: opening) == instant("2026-03-30T00:30:00+02:00")
        )
    }

    @Test func springNightSpansSaturday() {
        // One hour left on Saturday, then the five-hour Sunday.
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        let due = calendar.addingOpenTime(6 * hour, to: instant("2026-03-28T05:00:00+01:00"))
        #expect(due == instant("2026-03-29T06:00:00+02:00"))
    }

    @Test func autumnNightIsSevenHours() {
        // 00:00-06:00 on 25 October runs from 00:00 CEST to 06:00 CET: seven real hours.
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        let opening = instant("2026-10-25T00:00:00+02:00")
        #expect(
            calendar.addingOpenTime(7 * hour, to: opening) == instant("2026-10-25T06:00:00+01:00"))
        #expect(
            calendar.addingOpenTime(7.5 * hour, to: opening) == instant("2026-10-26T00:30:00+01:00")
        )
    }

    @Test func repeatedHourIsOpenTwice() {
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        #expect(calendar.isOpen(at: instant("2026-10-25T02:30:00+02:00")))
        #expect(calendar.isOpen(at: instant("2026-10-25T02:30:00+01:00")))
    }

    @Test func skippedHourInsideHours() {
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        #expect(calendar.isOpen(at: instant("2026-03-29T03:30:00+02:00")))
    }

    @Test func subtractAcrossAutumnNight() {
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        let warning = calendar.subtractingOpenTime(
            7 * hour, from: instant("2026-10-25T06:00:00+01:00"))
        #expect(warning == instant("2026-10-25T00:00:00+02:00"))
    }

    @Test func officeDayStaysEightHours() {
        // Friday 27 March in CET, Monday 30 March in CEST: both days give 8 hours.
        let due = officeHours().addingOpenTime(16 * hour, to: instant("2026-03-27T09:00:00+01:00"))
        #expect(due == instant("2026-03-30T17:00:00+02:00"))
    }

    @Test func officeOpeningFollowsLocalTime() {
        let due = officeHours().addingOpenTime(hour, to: instant("2026-10-23T16:30:00+02:00"))
        #expect(due == instant("2026-10-26T09:30:00+01:00"))
    }

    @Test func openingInSkippedHour() {
        // 02:30 does not exist on 29 March, so that day opens when clocks show 03:30.
        let calendar = nightHours(opensAt: 150, closesAt: 5 * 60)
        #expect(calendar.isOpen(at: instant("2026-03-29T03:30:00+02:00")))
        #expect(!calendar.isOpen(at: instant("2026-03-29T03:29:00+02:00")))
        let due = calendar.addingOpenTime(hour, to: instant("2026-03-28T05:00:00+01:00"))
        #expect(due == instant("2026-03-29T04:30:00+02:00"))
    }

    @Test func openingInRepeatedHour() {
        // 02:30 occurs twice on 25 October, and the day opens at the first of them.
        let calendar = nightHours(opensAt: 150, closesAt: 5 * 60)
        #expect(calendar.isOpen(at: instant("2026-10-25T02:45:00+02:00")))
        #expect(!calendar.isOpen(at: instant("2026-10-25T02:15:00+02:00")))
        let due = calendar.addingOpenTime(hour, to: instant("2026-10-24T05:00:00+02:00"))
        #expect(due == instant("2026-10-25T02:30:00+01:00"))
    }

    @Test func hoursInsideSkippedHour() {
        // Hours 02:00-03:00 vanish on 29 March, so the count moves on to Monday.
        let calendar = nightHours(opensAt: 120, closesAt: 180)
        let due = calendar.addingOpenTime(hour, to: instant("2026-03-28T02:30:00+01:00"))
        #expect(due == instant("2026-03-30T02:30:00+02:00"))
    }

    @Test func businessDayAcrossSpringNight() {
        let due = officeHours().addingBusinessDays(1, to: instant("2026-03-27T10:15:00+01:00"))
        #expect(due == instant("2026-03-30T10:15:00+02:00"))
    }

    @Test func businessDayClampedToShortDay() {
        // 05:30 into Saturday's six hours is past the end of Sunday's five-hour night.
        let calendar = nightHours(opensAt: 0, closesAt: 6 * 60)
        let due = calendar.addingBusinessDays(1, to: instant("2026-03-28T05:30:00+01:00"))
        #expect(due == instant("2026-03-29T06:00:00+02:00"))
    }

    @Test func elapsedDayAcrossSpringNight() {
        // Without a calendar, 24 hours are 24 real hours: 12:00 CET becomes 13:00 CEST.
        let policy = SLAPolicy(
            firstTouch: .seconds(24 * hour), warnBefore: 0, escalationOffsets: [], calendar: nil)
        let due = policy.deadline(assignedAt: instant("2026-03-28T12:00:00+01:00"))
        #expect(due == instant("2026-03-29T13:00:00+02:00"))
    }
}
