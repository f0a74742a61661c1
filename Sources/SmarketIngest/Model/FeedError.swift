/// A file that cannot be read as a feed: the whole file fails and moves to `failed/`.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case empty
        case binary
        case encoding
        case unbalancedQuote = "unbalanced_quote"
        case lineTooLong = "line_too_long"
        case tooManyColumns = "too_many_columns"
        case fileTooLarge = "file_too_large"
        case unpackedTooLarge = "unpacked_too_large"
        case malformedJSON = "malformed_json"
        case malformedGzip = "malformed_gzip"
        case noHeader = "no_header"
        case noRecords = "no_records"
        case noContactColumn = "no_contact_column"
        case eventsInLeadsInbox = "events_in_leads_inbox"
        case io
    }

    public var code: Code
    /// The 1-based physical line where the problem starts, when one is known.
    public var line: Int?
    /// A full sentence: what is wrong, with the value, and what to do.
    public var message: String

    public init(_ code: Code, line: Int? = nil, _ message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
