/// The stages of a lead, and the mapping from the lifecycle stages and lead statuses of other tools.
public enum LeadStage: String, Sendable, Hashable, CaseIterable {
    case lead, mql, sql, won, lost, disqualified

    /// Maps a stage as a tool writes it to a lead stage, or returns nil for an unknown one.
    ///
    /// Case, spaces and punctuation are ignored, so HubSpot's `Marketing Qualified Lead` and its
    /// internal value `marketingqualifiedlead` both give `mql`.
    public init?(toolStage value: String) {
        guard let stage = Self.synonyms[value.comparisonKey] else { return nil }
        self = stage
    }

    private static let synonyms: [String: LeadStage] = [
        // Our own names and short forms.
        "lead": .lead, "mql": .mql, "sql": .sql, "won": .won, "lost": .lost,
        "disqualified": .disqualified, "new": .lead, "open": .lead,
        // HubSpot lifecycle stages, as labels and as internal values.
        "subscriber": .lead, "marketingqualifiedlead": .mql, "salesqualifiedlead": .sql,
        "opportunity": .sql, "customer": .won, "evangelist": .won, "other": .lead,
        // Salesforce lead statuses of the standard picklist and common variants.
        "opennotcontacted": .lead, "working": .lead, "workingcontacted": .lead, "contacted": .lead,
        "nurturing": .lead, "qualified": .sql, "closedconverted": .won, "converted": .won,
        "closednotconverted": .lost, "unqualified": .disqualified,
        // Pipedrive deal states and Meta's lead status of a fresh lead.
        "closedwon": .won, "closedlost": .lost, "created": .lead,
    ]
}

/// Splitting of a full name into first and last name.
public enum PersonName {
    /// Words that belong to the last name that follows them: `Ludwig van Beethoven` has the last name
    /// `van Beethoven`.
    private static let particles: Set<String> = [
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "le",
        "la",
        "ten", "ter", "zu", "zum", "zur", "af", "av", "op", "mac", "st", "st.", "bin", "ibn", "al",
        "el",
    ]

    /// Splits a full name at its last word, keeping particles before it with the last name.
    /// A single word is returned as the first name.
    public static func split(_ fullName: String) -> (first: String?, last: String?) {
        let words = fullName.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count > 1 else { return (words.first, nil) }
        var start = words.count - 1
        while start > 1, particles.contains(words[start - 1].lowercased()) {
            start -= 1
        }
        return (words[..<start].joined(separator: " "), words[start...].joined(separator: " "))
    }
}

/// Light normalization of website addresses.
public enum Website {
    /// Returns the address with its scheme and host in lower case and a trailing `/` of a bare host
    /// removed, or nil when it has white space inside or no dotted host.
    public static func normalize(_ value: String) -> String? {
        let text = value.trimmed
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { return nil }
        var scheme = ""
        var rest = Substring(text)
        if let range = text.range(of: "://") {
            scheme = text[..<range.upperBound].lowercased()
            rest = text[range.upperBound...]
        }
        let hostEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let host = rest[..<hostEnd].lowercased()
        guard host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".") else { return nil }
        var tail = String(rest[hostEnd...])
        if tail == "/" { tail = "" }
        return scheme + host + tail
    }
}
