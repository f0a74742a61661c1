import Foundation

/// The UTC offsets of time zones by local day, for days when the offset stays the same all day.
///
/// Foundation's calendar reads the offset from ICU, which made up most of the 34,000 instructions
/// per parsed date that callgrind measured on a release build. Lead exports repeat the same few
/// days, so each zone and day is looked up once and cached.
/// A day near an offset change (a DST transition or a change of the zone's standard offset) has no
/// cached offset, so that ``Timestamp`` leaves its gaps and overlaps to Foundation's calendar.
enum ZoneDayOffsets {
    private struct Key: Hashable, Sendable {
        var zone: String
        var day: Int
    }

    /// The cached offsets in seconds, or nil for a day near an offset change. At 20,000 entries the
    /// cache starts over, so that a daemon that reads dates of many years in many zones keeps it bounded.
    private static let offsets = BoundedMemo<Key, Int?>(capacity: 20_000)
    private static let secondsPerDay = 86_400

    /// Returns the offset of `zone` east of UTC in seconds when it stays the same through the whole
    /// local day, or nil when the offset changes within two days of it.
    /// - Parameter day: The local day as days since 1970-01-01.
    static func offset(of zone: TimeZone, onDay day: Int) -> Int? {
        offsets.value(for: Key(zone: zone.identifier, day: day)) { _ in steadyOffset(of: zone, onDay: day) }
    }

    /// Asks Foundation for the offset at the day's start and checks that no change comes within
    /// two days of that instant. Any local time of the day then has exactly one instant, the local
    /// time minus this offset: another offset would have to differ by more than a day.
    private static func steadyOffset(of zone: TimeZone, onDay day: Int) -> Int? {
        let localStart = day * secondsPerDay
        let offset = zone.secondsFromGMT(for: instant(localStart))
        let start = localStart - offset
        let windowStart = instant(start - 2 * secondsPerDay)
        let windowEnd = instant(start + 3 * secondsPerDay)
        guard zone.secondsFromGMT(for: instant(start)) == offset,
            zone.secondsFromGMT(for: windowStart) == offset,
            zone.secondsFromGMT(for: windowEnd) == offset
        else { return nil }
        if let change = zone.nextDaylightSavingTimeTransition(after: windowStart),
            change < windowEnd
        {
            return nil
        }
        return offset
    }

    private static func instant(_ secondsSince1970: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(secondsSince1970))
    }
}
