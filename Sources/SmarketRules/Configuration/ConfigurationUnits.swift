import Foundation

/// Parsers for the durations and sizes written in the configuration.
public enum ConfigurationUnits {
    /// Parses `90s`, `30m`, `4h` or `2d`: a whole number and one unit letter, nothing else.
    public static func duration(_ text: String) -> SLADuration? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0,
            text.dropLast().allSatisfy(\.isASCII)
        else { return nil }
        switch unit {
        case "s": return .seconds(TimeInterval(count))
        case "m": return .seconds(TimeInterval(count) * 60)
        case "h": return .seconds(TimeInterval(count) * 3600)
        case "d": return .days(count)
        default: return nil
        }
    }

    /// Parses a number of bytes, or a whole number with `KiB`, `MiB` or `GiB` (powers of 1024).
    public static func size(_ text: String) -> Int64? {
        let units: [(suffix: String, factor: Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let count = Int64(text.dropLast(suffix.count)), count >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: factor)
            return overflow ? nil : product
        }
        guard let bytes = Int64(text), bytes >= 0 else { return nil }
        return bytes
    }
}
