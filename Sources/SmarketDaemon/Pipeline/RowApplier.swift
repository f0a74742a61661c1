import Foundation
import SmarketIngest
import SmarketStore

/// The result of applying one record.
enum RowResult {
    case applied(LeadChange?)
    case rejected(reason: String)
}

/// Applies the records of one kind of inbox inside the chunk's transaction.
protocol RowApplier {
    mutating func apply(_ record: RawRecord, origin: RowOrigin, at now: Date) throws -> RowResult
}

/// Normalizes lead rows, creates or merges their leads, and lets the engine score and route them.
struct LeadRowApplier: RowApplier {
    let normalizer: LeadNormalizer
    var mapper: HeaderMapper
    let leads: LeadStore
    let engine: LeadEngine

    mutating func apply(_ record: RawRecord, origin: RowOrigin, at now: Date) throws -> RowResult {
        switch normalizer.normalize(record, mapper: &mapper) {
        case .rejected(let reason):
            return .rejected(reason: reason)
        case .accepted(let lead):
            let change = try leads.apply(lead, origin: origin, at: now)
            try engine.leadChanged(change, at: now)
            return .applied(change)
        }
    }
}

/// Normalizes event rows and applies them to their leads.
struct EventRowApplier: RowApplier {
    let normalizer: EventNormalizer
    let engine: LeadEngine

    mutating func apply(_ record: RawRecord, origin: RowOrigin, at now: Date) throws -> RowResult {
        switch normalizer.normalize(record) {
        case .rejected(let reason):
            return .rejected(reason: reason)
        case .accepted(let event):
            if let reason = try engine.apply(event, origin: origin, at: now) { return .rejected(reason: reason) }
            return .applied(nil)
        }
    }
}
