/// One named value of a record as a feed carried it, before mapping and normalization.
public struct RawField: Sendable, Hashable {
    /// The column header, or the key of a JSON object.
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One record of a feed as read, with the 1-based physical line where it starts (the header is line 1).
public struct RawRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [RawField]

    public init(line: Int, fields: [RawField]) {
        self.line = line
        self.fields = fields
    }

    /// Returns the value of the first field with this exact name, or nil.
    public func value(named name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}
