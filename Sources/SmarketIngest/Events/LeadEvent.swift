import Foundation

/// The kinds of events an events feed records.
public enum EventType: String, Sendable, CaseIterable {
    case emailOpen = "email_open"
    case emailClick = "email_click"
    case pageView = "page_view"
    case contentDownload = "content_download"
    case webinarAttended = "webinar_attended"
    case formSubmit = "form_submit"
    case demoRequest = "demo_request"
    case call
    case emailSent = "email_sent"
    case meeting
    case note
    case stageChange = "stage_change"
    case reassign

    /// Whether the event is a sales touch, which meets a first-touch SLA: a call, a sent email or a
    /// meeting.
    public var isSalesTouch: Bool {
        switch self {
        case .call, .emailSent, .meeting: true
        default: false
        }
    }

    /// Reads a type as written in a feed or on the command line: case, spaces and hyphens do not
    /// matter, so `Email Open` and `email-open` are `email_open`.
    public init?(feedValue: String) {
        let words = feedValue.trimmed.lowercased().split(whereSeparator: {
            $0 == " " || $0 == "-" || $0 == "_"
        })
        self.init(rawValue: words.joined(separator: "_"))
    }
}

/// The lead an event belongs to.
public enum LeadReference: Sendable, Hashable {
    /// A normalized email address.
    case email(String)
    /// A phone number in E.164.
    case phone(String)
    /// The lead's id in the store.
    case id(Int64)
}

/// One event of an events feed, normalized.
public struct LeadEvent: Sendable, Hashable {
    public var lead: LeadReference
    public var type: EventType
    /// When the event happened, which is when a touch counts for the SLA.
    public var at: Date
    /// The rep who made the event, by rep id.
    public var rep: String?
    /// The new stage of a `stage_change` event: one of ``LeadStage``'s raw values.
    public var stage: String?
    /// A free value; for `reassign`, the id of the new rep.
    public var value: String?
    public var campaign: String?

    public init(
        lead: LeadReference, type: EventType, at: Date, rep: String? = nil, stage: String? = nil,
        value: String? = nil, campaign: String? = nil
    ) {
        self.lead = lead
        self.type = type
        self.at = at
        self.rep = rep
        self.stage = stage
        self.value = value
        self.campaign = campaign
    }
}

/// The outcome of one row of an events feed.
public enum EventOutcome: Sendable, Hashable {
    case accepted(LeadEvent)
    /// The row is listed in the rejects file with this reason, a sentence that names the value.
    case rejected(reason: String)
}
