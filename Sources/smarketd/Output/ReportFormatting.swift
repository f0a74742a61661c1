import Foundation

/// Number, time and duration formats shared by the report's table, CSV and HTML output.
struct ReportFormatting {
    let timeZone: TimeZone

    /// RFC 3339 with the configured zone's offset, such as `2026-12-04T15:50:00+01:00`.
    func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Formats the calendar day of an instant in the configured zone, `YYYY-MM-DD`.
    func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    /// Formats a share as a whole percentage (`83%`), or `-` for nil.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return "\(Int((value * 100).rounded()))%"
    }

    /// Formats a rate with four decimals for machine-readable output, or an empty cell for nil.
    static func decimal(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.4f", value)
    }

    /// Formats seconds as a whole number when whole, else with one decimal; an empty cell for nil.
    static func seconds(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() ? String(Int64(value)) : String(format: "%.1f", value)
    }

    /// Formats a duration for people: `45s`, `12m`, `3h 20m`, `2d 4h`; `-` for nil.
    static func duration(_ value: Double?) -> String {
        guard let value else { return "-" }
        let seconds = Int(value.rounded())
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 {
            let minutes = (seconds % 3600) / 60
            return minutes == 0 ? "\(seconds / 3600)h" : "\(seconds / 3600)h \(minutes)m"
        }
        let hours = (seconds % 86_400) / 3600
        return hours == 0 ? "\(seconds / 86_400)d" : "\(seconds / 86_400)d \(hours)h"
    }
}
