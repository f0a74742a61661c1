/// A lead field that a column of a feed can map to, named as in the configuration and the JSON output.
public enum LeadField: String, CaseIterable, Sendable, Codable, Hashable {
    case email
    case firstName = "first_name"
    case lastName = "last_name"
    case fullName = "full_name"
    case phone
    case company
    case jobTitle = "job_title"
    case website
    case country
    case region
    case city
    case employees
    case industry
    case source
    case campaign
    case medium
    case form
    case consent
    case stage
    case createdAt = "created_at"
    case notes

    /// Hashes the case's stored byte. A raw-value enum otherwise hashes its raw string, and
    /// dictionaries keyed by field are read more than thirty times per ingested row.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: self) { hasher.combine(bytes: $0) }
    }
}

/// Where the values of one column of a feed go.
public enum ColumnTarget: Sendable, Hashable {
    /// A lead field.
    case field(LeadField)
    /// A custom attribute, usable in rules as `custom.NAME`; the name is in lower case with underscores.
    case custom(String)
}
