import Foundation
import Testing

@testable import SmarketRules

@Suite struct SLAPolicyTests {
    func policy(
        _ firstTouch: SLADuration, warnBefore: TimeInterval = 0,
        escalations: [TimeInterval] = [], calendar: BusinessCalendar? = officeHours()
    ) -> SLAPolicy {
        SLAPolicy(
            firstTouch: firstTouch, warnBefore: warnBefore, escalationOffsets: escalations,
            calendar: calendar)
    }

    @Test func fridayLateHourDueMonday() {
        let due = policy(.seconds(hour)).deadline(assignedAt: instant("2026-03-06T16:30:00+01:00"))
        #expect(due == instant("2026-03-09T09:30:00+01:00"))
    }

    @Test func secondsCountOpenTime() {
        // 90 s assigned 30 s before closing.
        let due = policy(.seconds(90)).deadline(assignedAt: instant("2026-03-04T16:59:30+01:00"))
        #expect(due == instant("2026-03-05T09:01:00+01:00"))
    }

    @Test func minutesCountOpenTime() {
        let due = policy(.seconds(30 * 60)).deadline(
            assignedAt: instant("2026-03-04T16:45:00+01:00"))
        #expect(due == instant("2026-03-05T09:15:00+01:00"))
    }

    @Test func hoursCountOpenTime() {
        // The default 24h SLA is three office days.
        let due = policy(.seconds(24 * hour)).deadline(
            assignedAt: instant("2026-03-05T13:00:00+01:00"))
        #expect(due == instant("2026-03-10T13:00:00+01:00"))
    }

    @Test func daysCountBusinessDays() {
        let due = policy(.days(2)).deadline(assignedAt: instant("2026-03-05T10:15:00+01:00"))
        #expect(due == instant("2026-03-09T10:15:00+01:00"))
    }

    @Test func daysFromHoliday() {
        let calendar = officeHours(holidays: [holiday(2026, 12, 25)])
        let due = policy(.days(1), calendar: calendar)
            .deadline(assignedAt: instant("2026-12-25T11:00:00+01:00"))
        #expect(due == instant("2026-12-29T09:00:00+01:00"))
    }

    @Test func warningAcrossNight() {
        let sla = policy(.seconds(hour), warnBefore: 4 * hour)
        let warning = sla.warningTime(deadline: instant("2026-03-04T10:00:00+01:00"))
        #expect(warning == instant("2026-03-03T14:00:00+01:00"))
    }

    @Test func warningWithoutCalendar() {
        let sla = policy(.seconds(hour), warnBefore: 4 * hour, calendar: nil)
        let warning = sla.warningTime(deadline: instant("2026-03-04T10:00:00+01:00"))
        #expect(warning == instant("2026-03-04T06:00:00+01:00"))
    }

    @Test func escalationOffsets() {
        let sla = policy(.seconds(hour), escalations: [0, 8 * hour, 10 * hour])
        let deadline = sla.deadline(assignedAt: instant("2026-03-06T16:30:00+01:00"))
        #expect(
            sla.escalationTime(step: 0, deadline: deadline) == instant("2026-03-09T09:30:00+01:00"))
        #expect(
            sla.escalationTime(step: 1, deadline: deadline) == instant("2026-03-10T09:30:00+01:00"))
        #expect(
            sla.escalationTime(step: 2, deadline: deadline) == instant("2026-03-10T11:30:00+01:00"))
    }

    @Test func escalationWithoutCalendar() {
        let sla = policy(.seconds(hour), escalations: [0, 8 * hour], calendar: nil)
        let deadline = instant("2026-03-06T17:30:00+01:00")
        #expect(sla.escalationTime(step: 0, deadline: deadline) == deadline)
        #expect(
            sla.escalationTime(step: 1, deadline: deadline) == instant("2026-03-07T01:30:00+01:00"))
    }

    @Test func noCalendarSecondsElapsed() {
        let due = policy(.seconds(24 * hour), calendar: nil)
            .deadline(assignedAt: instant("2026-03-06T16:30:00+01:00"))
        #expect(due == instant("2026-03-07T16:30:00+01:00"))
    }

    @Test func noCalendarDaysElapsed() {
        let due = policy(.days(2), calendar: nil).deadline(
            assignedAt: instant("2026-03-06T16:30:00+01:00"))
        #expect(due == instant("2026-03-08T16:30:00+01:00"))
    }

    @Test func closedCalendarCountsAsNone() {
        let closed = BusinessCalendar(
            timeZone: TimeZone(identifier: "Europe/Berlin")!, days: [], opensAt: 540,
            closesAt: 1020, holidays: [])
        let sla = policy(.seconds(hour), calendar: closed)
        #expect(sla.calendar == nil)
        #expect(
            sla.deadline(assignedAt: instant("2026-03-07T12:00:00+01:00"))
                == instant("2026-03-07T13:00:00+01:00"))
    }

    @Test func injectedClockDrivesDeadline() {
        let clock = ManualClock(instant("2026-03-06T16:30:00+01:00"))
        let sla = policy(.seconds(hour))
        let deadline = sla.deadline(assignedAt: clock.now())
        clock.advance(by: 2 * 86_400)
        #expect(clock.now() < deadline)
        clock.set(instant("2026-03-09T09:30:00+01:00"))
        #expect(clock.now() >= deadline)
    }
}
