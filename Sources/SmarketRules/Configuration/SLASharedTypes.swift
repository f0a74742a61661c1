import Foundation

// NOTE: The SLA arithmetic in SLA/ declares these two types with the same cases.
// This file lets the configuration build without SLA/. When both are in one tree, delete this
// file and keep the declarations in SLA/, because the extensions in SLAModel.swift fit either.

/// A length of time in an SLA setting: `90s`, `30m` and `4h` are seconds, `2d` is days.
public enum SLADuration: Sendable, Hashable {
    case seconds(TimeInterval)
    case days(Int)
}

/// A day of the week, numbered as Foundation's `Calendar` numbers them (Sunday is 1).
public enum Weekday: Int, Sendable, CaseIterable {
    case sunday = 1
    case monday, tuesday, wednesday, thursday, friday, saturday
}
