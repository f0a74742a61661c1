/// A row that passed normalization: the values a lead is created from or merged with.
public struct NormalizedLead: Sendable, Hashable {
    /// The trimmed, lower-cased, valid email, the lead's identity when present.
    public var email: String?
    /// The phone number in E.164 (`+4930555000`), the identity when there is no email.
    public var phone: String?
    /// Normalized values of the other fields (`country` as ISO 3166 alpha-2, `employees` as a number,
    /// `created_at` as RFC 3339), without `email` and `phone`.
    public var fields: [LeadField: String]
    /// Values as written for fields that failed normalization; they are kept and noted, never dropped.
    public var invalid: [LeadField: String]
    /// Columns that map to no lead field, by custom attribute name.
    public var custom: [String: String]
    /// Human-readable notes about this row, such as an invalid country, for the lead's history.
    public var notes: [String]
    /// Fields whose value is a default (the inbox's `source`), not from the row: a merge uses them only to
    /// fill an empty field, never to replace a value a feed gave.
    public var defaulted: Set<LeadField> = []

    public init(
        email: String? = nil,
        phone: String? = nil,
        fields: [LeadField: String] = [:],
        invalid: [LeadField: String] = [:],
        custom: [String: String] = [:],
        notes: [String] = []
    ) {
        self.email = email
        self.phone = phone
        self.fields = fields
        self.invalid = invalid
        self.custom = custom
        self.notes = notes
    }

    /// The key that de-duplicates leads: the email, or `tel:` and the phone when there is no email.
    public var identity: String? {
        if let email { return email }
        if let phone { return "tel:" + phone }
        return nil
    }
}

/// What became of one row of a leads file.
public enum RowOutcome: Sendable, Hashable {
    case accepted(NormalizedLead)
    /// The row is listed in the rejects file with this reason, a sentence that names the value.
    case rejected(reason: String)
}
