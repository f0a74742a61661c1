import Foundation
import SmarketIngest
import Synchronization

/// Stored times: RFC 3339 in UTC with whole seconds (`2026-12-04T09:30:00Z`). Formatting and parsing
/// use civil-day arithmetic instead of Foundation's formatters, because the start-up load parses one time
/// per pending deadline, and there may be millions.
extension Timestamp {
    public static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        if let text = lastFormatted.withLock({ $0?.seconds == seconds ? $0?.text : nil }) { return text }
        let text = utcText(secondsSince1970: seconds)
        lastFormatted.withLock { $0 = (seconds, text) }
        return text
    }

    /// The last second formatted, with its text. Every row of a chunk is stored at one instant, which
    /// the stores formatted about ten times per row.
    private static let lastFormatted = Mutex<(seconds: Int, text: String)?>(nil)

    public static func date(_ text: String?) -> Date? {
        guard var contiguous = text else { return nil }
        if let fast = contiguous.withUTF8(parseUTC) { return fast }
        return try? Date(contiguous, strategy: .iso8601)
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`; returns nil for any other form.
    private static func parseUTC(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
            bytes[19] == 90
        else { return nil }
        func number(_ offset: Int, _ width: Int) -> Int? {
            var value = 0
            for index in offset..<(offset + width) {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let days = Int64(CivilDate.days(year: year, month: month, day: day))
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + Int64(hour * 3600 + minute * 60 + second)))
    }
}
