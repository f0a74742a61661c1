import Foundation
import SmarketIngest
import SmarketStore

/// What applying one record did.
enum RowResult {
    case applied(LeadChange?)
    case rejected(reason: String)
}

/// Applies the records of one kind of inbox inside the chunk's transaction.
protocol RowApplier {
    mutating func apply(_ record: RawRecord, origin: RowOrigin, at now: Date) throws -> RowResult
}

/// Normalizes lead rows and creates or merges their leads.
struct LeadRowApplier: RowApplier {
    let normalizer: LeadNormalizer
    var mapper: HeaderMapper
    let leads: LeadStore

    mutating func apply(_ record: RawRecord, origin: RowOrigin, at now: Date) throws -> RowResult {
        switch normalizer.normalize(record, mapper: &mapper) {
        case .rejected(let reason):
            return .rejected(reason: reason)
        case .accepted(let lead):
            return .applied(try leads.apply(lead, origin: origin, at: now))
        }
    }
}

/// Normalizes event rows; applying them to leads comes with the events store.
struct EventRowApplier: RowApplier {
    let normalizer: EventNormalizer
    let database: Database

    mutating func apply(_ record: RawRecord, origin: RowOrigin, at now: Date) throws -> RowResult {
        switch normalizer.normalize(record) {
        case .rejected(let reason):
            return .rejected(reason: reason)
        case .accepted:
            // TODO: apply events to leads (scores, touches, stage changes); until then they are rejected
            // with a reason so that none is lost silently.
            return .rejected(reason: "events are not applied by this version of smarketd yet; drop the file again after an upgrade")
        }
    }
}
