import Foundation
import SmarketIngest
import SmarketStore

/// The result of applying one record.
enum RowResult {
    case applied(LeadChange?)
    case rejected(reason: String)
}

/// A record turned into what the engine applies, or the reason it is rejected.
enum PreparedRow: Sendable {
    case lead(NormalizedLead)
    case event(LeadEvent)
    case rejected(reason: String)
}

/// Turns raw records into prepared rows. It touches no database, so it can run on the reading thread
/// while the previous chunk commits.
protocol RowPreparer: Sendable {
    mutating func prepare(_ record: RawRecord) -> PreparedRow
}

/// Normalizes lead rows through the columns decided for the file.
struct LeadRowPreparer: RowPreparer {
    let normalizer: LeadNormalizer
    var mapper: HeaderMapper

    mutating func prepare(_ record: RawRecord) -> PreparedRow {
        switch normalizer.normalize(record, mapper: &mapper) {
        case .accepted(let lead): .lead(lead)
        case .rejected(let reason): .rejected(reason: reason)
        }
    }
}

/// Normalizes event rows.
struct EventRowPreparer: RowPreparer {
    let normalizer: EventNormalizer

    func prepare(_ record: RawRecord) -> PreparedRow {
        switch normalizer.normalize(record) {
        case .accepted(let event): .event(event)
        case .rejected(let reason): .rejected(reason: reason)
        }
    }
}

/// Applies prepared rows inside the chunk's transaction: creates or merges leads and lets the engine
/// score, route and automate them, or applies events to their leads.
struct RowApplier {
    let leads: LeadStore
    let engine: LeadEngine

    func apply(_ row: PreparedRow, origin: RowOrigin, at now: Date) throws -> RowResult {
        switch row {
        case .rejected(let reason):
            return .rejected(reason: reason)
        case .lead(let lead):
            let change = try leads.apply(lead, origin: origin, at: now)
            try engine.leadChanged(change, at: now)
            return .applied(change)
        case .event(let event):
            if let reason = try engine.apply(event, origin: origin, at: now) { return .rejected(reason: reason) }
            return .applied(nil)
        }
    }
}
