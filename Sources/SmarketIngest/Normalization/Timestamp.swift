import Foundation

/// Parsing of the date and time forms that lead exports use, and RFC 3339 output.
public enum Timestamp {
    /// The reason a value could not be read as a time.
    public enum Failure: Error, Sendable, Hashable {
        /// The value has none of the known forms, or a part is out of range.
        case unreadable
        /// Day and month could be either way round (`03/04/2026`) and no locale settles it.
        case ambiguousDayMonth
    }

    /// Parses a date or time into an instant.
    ///
    /// The accepted forms are ISO 8601 and RFC 3339 with `T` or a space (`2026-11-10 10:20`,
    /// `2026-11-10T15:05:13+0100`, `2026-11-10T09:20:00.123Z`) and a date alone. Numeric dates
    /// `10.11.2026` (always day first), `11/10/2026` and `10-11-2026` may have a time and `AM`/`PM`.
    /// Unix seconds have 9 to 11 digits, and Unix milliseconds 12 or 13.
    /// - Parameters:
    ///   - value: The value as written.
    ///   - dayFirst: Whether the locale puts the day first in an ambiguous numeric date, or nil when
    ///     it leaves the order open.
    ///   - timeZone: The zone of times written without an offset.
    public static func parse(
        _ value: String, dayFirst: Bool?, timeZone: TimeZone
    ) -> Result<Date, Failure> {
        let text = value.trimmed
        var scanner = DateScanner(text)
        if scanner.isDigitsOnly {
            return unixTime(text)
        }

        guard let first = scanner.number() else { return .failure(.unreadable) }
        var time = LocalTime()
        if first.digits == 4, scanner.skip("-") {
            time.year = first.value
            guard let m = scanner.number(), scanner.skip("-"), let d = scanner.number() else {
                return .failure(.unreadable)
            }
            (time.month, time.day) = (m.value, d.value)
        } else if first.digits <= 2, let separator = scanner.skip(anyOf: [".", "/", "-"]) {
            guard let second = scanner.number(), scanner.skip(separator), let y = scanner.number(),
                y.digits == 4
            else { return .failure(.unreadable) }
            time.year = y.value
            if separator == "." {
                (time.day, time.month) = (first.value, second.value)
            } else if first.value > 12 || second.value > 12 || first.value == second.value {
                (time.day, time.month) =
                    first.value > 12 ? (first.value, second.value) : (second.value, first.value)
            } else if let dayFirst {
                (time.day, time.month) =
                    dayFirst ? (first.value, second.value) : (second.value, first.value)
            } else {
                return .failure(.ambiguousDayMonth)
            }
        } else {
            return .failure(.unreadable)
        }

        if scanner.skip("T") || scanner.skip(" ") {
            scanner.skipSpaces()
            guard let clock = scanner.time() else { return .failure(.unreadable) }
            time.clock = clock
        }
        scanner.skipSpaces()
        guard let zone = scanner.zone(), scanner.isAtEnd else {
            return .failure(.unreadable)
        }
        return instant(time, zone: zone, localZone: timeZone)
    }

    /// Formats an instant as RFC 3339 in UTC with whole seconds: `2026-11-10T09:20:00Z`.
    public static func rfc3339(_ date: Date) -> String {
        // Whole seconds from 1970 to 9999 are formatted with integer arithmetic, because
        // Foundation's calendar costs thousands of instructions per call.
        let sinceReference = date.timeIntervalSinceReferenceDate
        if sinceReference.rounded(.down) == sinceReference,
            let seconds = Int(exactly: sinceReference + Date.timeIntervalBetween1970AndReferenceDate),
            (0..<maxFormattedSeconds).contains(seconds)
        {
            return utcText(secondsSince1970: seconds)
        }
        return calendarRFC3339(date)
    }

    /// The first second of the year 10000, where four digits no longer hold the year.
    private static let maxFormattedSeconds = CivilDate.days(year: 10_000, month: 1, day: 1) * 86_400

    /// Formats whole seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` with integer arithmetic, also
    /// for the stored times of the database. A year past 9999 keeps only its last four digits.
    public static func utcText(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate.date(days: days)
        // Written in place: every store call formats its time, and an array per call cost an allocation.
        return String(unsafeUninitializedCapacity: 20) { bytes in
            func put(_ value: Int, at offset: Int, width: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[index] = UInt8(48 + value % 10)
                    value /= 10
                }
            }
            put(date.year, at: 0, width: 4)
            bytes[4] = UInt8(ascii: "-")
            put(date.month, at: 5, width: 2)
            bytes[7] = UInt8(ascii: "-")
            put(date.day, at: 8, width: 2)
            bytes[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, at: 11, width: 2)
            bytes[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, at: 14, width: 2)
            bytes[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, at: 17, width: 2)
            bytes[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Formats with Foundation's calendar, for any instant.
    static func calendarRFC3339(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String {
            let n = n ?? 0
            return n < 10 ? "0\(n)" : "\(n)"
        }
        let year = String(parts.year ?? 0)
        let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
        let day = "\(paddedYear)-\(two(parts.month))-\(two(parts.day))"
        return day + "T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    private static func unixTime(_ digits: String) -> Result<Date, Failure> {
        guard let number = Int64(digits) else { return .failure(.unreadable) }
        switch digits.count {
        case 9...11: return .success(Date(timeIntervalSince1970: TimeInterval(number)))
        case 12...13: return .success(Date(timeIntervalSince1970: TimeInterval(number) / 1000))
        default: return .failure(.unreadable)
        }
    }

    /// Builds the instant, rejecting a time that the calendar would roll over (31 February).
    private static func instant(
        _ time: LocalTime, zone: DateScanner.Zone, localZone: TimeZone
    ) -> Result<Date, Failure> {
        guard (1...12).contains(time.month), (1...31).contains(time.day),
            (0...23).contains(time.hour), (0...59).contains(time.minute),
            (0...60).contains(time.second)
        else { return .failure(.unreadable) }
        if let computed = time.instant(zone: zone, localZone: localZone) {
            return computed
        }
        let calendarZone: TimeZone
        switch zone {
        case .unstated: calendarZone = localZone
        case .fixed(let seconds): calendarZone = TimeZone(secondsFromGMT: seconds)!
        }
        return calendarInstant(time.components, zone: calendarZone)
    }

    /// Builds the instant with Foundation's calendar, which decides the times that a DST change
    /// skips or repeats and the dates before the Gregorian reform.
    static func calendarInstant(_ components: DateComponents, zone: TimeZone) -> Result<
        Date, Failure
    > {
        guard let month = components.month, let day = components.day else {
            return .failure(.unreadable)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components) else { return .failure(.unreadable) }
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == components.year, check.month == month, check.day == day else {
            return .failure(.unreadable)
        }
        return .success(date)
    }
}
