import Foundation

/// Turns one record of an events feed into a ``LeadEvent``, or rejects it with a reason.
///
/// Columns are found by name without regard to case, spaces, underscores or hyphens. The lead is
/// named by `email`, `phone` or `lead_id`, tried in that order. `type` and `at` are required.
/// `rep`, `stage`, `value` and `campaign` are optional, but `stage_change` needs a valid `stage`
/// and `reassign` needs the new rep's id in `value`.
public struct EventNormalizer: Sendable {
    private let locale: InboxLocale?
    private let timeZone: TimeZone

    /// Creates a normalizer for one events inbox.
    /// - Parameters:
    ///   - locale: The inbox's `locale`, which orders ambiguous dates and gives the country of
    ///     national phone numbers.
    ///   - timeZone: The zone of times written without an offset.
    public init(locale: String?, timeZone: TimeZone) {
        self.locale = locale.flatMap(InboxLocale.init)
        self.timeZone = timeZone
    }

    /// Normalizes one record.
    public func normalize(_ record: RawRecord) -> EventOutcome {
        var columns: [String: String] = [:]
        for field in record.fields {
            let key = field.name.comparisonKey
            let value = field.value.trimmed
            if columns[key] == nil, !value.isEmpty { columns[key] = value }
        }

        let lead: LeadReference
        switch leadReference(columns) {
        case .success(let reference): lead = reference
        case .failure(let rejection): return .rejected(reason: rejection.reason)
        }

        guard let typeValue = columns["type"] else {
            return .rejected(
                reason: "no event type: the type column is empty or missing. " + typeList)
        }
        guard let type = EventType(feedValue: typeValue) else {
            return .rejected(reason: "unknown event type \"\(typeValue)\". " + typeList)
        }

        guard let atValue = columns["at"] else {
            return .rejected(
                reason: "no event time: the at column is empty or missing. Give an ISO 8601 time.")
        }
        let at: Date
        switch Timestamp.parse(atValue, dayFirst: locale?.dayFirst, timeZone: timeZone) {
        case .success(let date):
            at = date
        case .failure(.ambiguousDayMonth):
            return .rejected(
                reason: "event time \"\(atValue)\" could be day/month or month/day. "
                    + "Write it in ISO 8601 or set the inbox locale.")
        case .failure(.unreadable):
            return .rejected(
                reason:
                    "invalid event time \"\(atValue)\". Give an ISO 8601 time such as 2026-12-01T12:30:00Z."
            )
        }

        var stage: String?
        if let stageValue = columns["stage"] {
            guard let normalized = LeadStage(toolStage: stageValue) else {
                return .rejected(
                    reason: "unknown stage \"\(stageValue)\". Use one of " + stageList + ".")
            }
            stage = normalized.rawValue
        } else if type == .stageChange {
            return .rejected(
                reason: "stage_change without a stage. Give one of " + stageList
                    + " in the stage column.")
        }

        let value = columns["value"]
        if type == .reassign, value == nil {
            return .rejected(
                reason: "reassign without a rep: give the new rep's id in the value column")
        }

        return .accepted(
            LeadEvent(
                lead: lead, type: type, at: at, rep: columns["rep"], stage: stage, value: value,
                campaign: columns["campaign"]))
    }

    private struct Rejection: Error {
        var reason: String
    }

    /// Finds the lead: the first valid one of email, phone and lead id.
    private func leadReference(_ columns: [String: String]) -> Result<LeadReference, Rejection> {
        var problems: [String] = []
        if let email = columns["email"] {
            if let normalized = EmailAddress.normalize(email) {
                return .success(.email(normalized))
            }
            problems.append("email \"\(email)\" is invalid")
        }
        if let phone = columns["phone"] {
            if let normalized = PhoneNumber.normalize(
                phone, rowCountry: nil, localeCountry: locale?.region)
            {
                return .success(.phone(normalized.e164))
            }
            problems.append("phone \"\(phone)\" is invalid")
        }
        if let id = columns["leadid"] {
            if let number = Int64(id), number > 0 { return .success(.id(number)) }
            problems.append("lead_id \"\(id)\" is not a positive whole number")
        }
        if problems.isEmpty {
            return .failure(
                Rejection(reason: "no lead reference: give the lead's email, phone or lead_id"))
        }
        return .failure(
            Rejection(reason: "no valid lead reference: " + problems.joined(separator: ", ")))
    }

    private var typeList: String {
        "Use one of " + EventType.allCases.map(\.rawValue).joined(separator: ", ")
    }

    private var stageList: String {
        LeadStage.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
