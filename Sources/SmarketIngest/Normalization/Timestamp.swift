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
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return unixTime(text)
        }

        var scanner = DateScanner(text)
        guard let first = scanner.number() else { return .failure(.unreadable) }
        let year: Int
        let month: Int
        let day: Int
        if first.digits == 4, scanner.skip("-") {
            year = first.value
            guard let m = scanner.number(), scanner.skip("-"), let d = scanner.number() else {
                return .failure(.unreadable)
            }
            (month, day) = (m.value, d.value)
        } else if first.digits <= 2, let separator = scanner.skip(anyOf: [".", "/", "-"]) {
            guard let second = scanner.number(), scanner.skip(separator), let y = scanner.number(),
                y.digits == 4
            else { return .failure(.unreadable) }
            year = y.value
            if separator == "." {
                (day, month) = (first.value, second.value)
            } else if first.value > 12 || second.value > 12 || first.value == second.value {
                (day, month) =
                    first.value > 12 ? (first.value, second.value) : (second.value, first.value)
            } else if let dayFirst {
                (day, month) = dayFirst ? (first.value, second.value) : (second.value, first.value)
            } else {
                return .failure(.ambiguousDayMonth)
            }
        } else {
            return .failure(.unreadable)
        }

        var components = DateComponents(year: year, month: month, day: day)
        if scanner.skip("T") || scanner.skip(" ") {
            scanner.skipSpaces()
            guard let time = scanner.time() else { return .failure(.unreadable) }
            components.hour = time.hour
            components.minute = time.minute
            components.second = time.second
            components.nanosecond = time.nanosecond
        }
        scanner.skipSpaces()
        guard let zone = scanner.zone(default: timeZone), scanner.isAtEnd else {
            return .failure(.unreadable)
        }
        return instant(components, zone: zone)
    }

    /// Formats an instant as RFC 3339 in UTC with whole seconds: `2026-11-10T09:20:00Z`.
    public static func rfc3339(_ date: Date) -> String {
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

    /// Builds the instant, rejecting components that the calendar would roll over (31 February).
    private static func instant(_ components: DateComponents, zone: TimeZone) -> Result<
        Date, Failure
    > {
        guard let month = components.month, (1...12).contains(month),
            let day = components.day, (1...31).contains(day),
            (0...23).contains(components.hour ?? 0), (0...59).contains(components.minute ?? 0),
            (0...60).contains(components.second ?? 0)
        else { return .failure(.unreadable) }
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
