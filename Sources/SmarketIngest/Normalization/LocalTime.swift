import Foundation

/// A date and optional time of day as a value writes them, before a zone turns them into an instant.
struct LocalTime {
    var year = 0
    var month = 0
    var day = 0
    /// The time of day, or nil for a date alone, which means midnight.
    var clock: (hour: Int, minute: Int, second: Int, nanosecond: Int)?

    var hour: Int { clock?.hour ?? 0 }
    var minute: Int { clock?.minute ?? 0 }
    var second: Int { clock?.second ?? 0 }

    /// The years that ``instant(zone:localZone:)`` computes without Foundation's calendar.
    private static let computedYears = 1970...2199

    /// The date components for Foundation's calendar, with the time only when the value has one.
    var components: DateComponents {
        var components = DateComponents(year: year, month: month, day: day)
        if let clock {
            components.hour = clock.hour
            components.minute = clock.minute
            components.second = clock.second
            components.nanosecond = clock.nanosecond
        }
        return components
    }

    /// Computes the instant with integer arithmetic, or returns nil when Foundation's calendar must
    /// decide: near a change of the zone's offset, for a leap second, for a fraction of a second
    /// (whose rounding to a `Date` this code does not reproduce) and outside ``computedYears``.
    /// The fields must be in range; a day past the month's end fails as the calendar check would.
    func instant(zone: DateScanner.Zone, localZone: TimeZone) -> Result<Date, Timestamp.Failure>? {
        guard Self.computedYears.contains(year), second < 60, (clock?.nanosecond ?? 0) == 0
        else { return nil }
        guard day <= CivilDate.daysInMonth(year: year, month: month) else {
            return .failure(.unreadable)
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        let offset: Int
        switch zone {
        case .fixed(let seconds):
            offset = seconds
        case .unstated:
            guard let steady = ZoneDayOffsets.offset(of: localZone, onDay: days) else { return nil }
            offset = steady
        }
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return .success(Date(timeIntervalSince1970: TimeInterval(local - offset)))
    }
}
