import Foundation
import SmarketIngest

/// One lead's current fields and everything that happened to it, in time order.
public struct LeadTimeline: Sendable {
    public var leadID: Int64
    /// The lead's columns that have a value, in table order; times as stored (RFC 3339 UTC).
    public var fields: [(name: String, value: String)]
    public var entries: [TimelineEntry]
}

/// One thing that happened to a lead.
public struct TimelineEntry: Sendable, Hashable {
    /// The kinds of entry, in the order that entries at the same instant are listed.
    public enum Kind: String, Sendable, CaseIterable {
        case file, merge, field, note, stage, event, score, routing, task, sla, erasure
    }

    /// The time as stored (RFC 3339 UTC).
    public var at: String
    public var kind: Kind
    /// One line that describes what happened, with the ids, rules and reasons involved.
    public var summary: String
    /// The order within the same time and kind: the row id in its table.
    var sequence: Int64

    public init(at: String, kind: Kind, summary: String, sequence: Int64 = 0) {
        self.at = at
        self.kind = kind
        self.summary = summary
        self.sequence = sequence
    }

    /// Orders by time, then by kind, then by the row id.
    static func precedes(_ lhs: TimelineEntry, _ rhs: TimelineEntry) -> Bool {
        let lhsDate = Timestamp.date(lhs.at) ?? .distantPast
        let rhsDate = Timestamp.date(rhs.at) ?? .distantPast
        if lhsDate != rhsDate { return lhsDate < rhsDate }
        let lhsKind = Kind.allCases.firstIndex(of: lhs.kind) ?? 0
        let rhsKind = Kind.allCases.firstIndex(of: rhs.kind) ?? 0
        if lhsKind != rhsKind { return lhsKind < rhsKind }
        return lhs.sequence < rhs.sequence
    }
}
