import Foundation

/// Detection of email and phone columns by their values, the third step of header mapping, and the
/// names of custom attributes.
enum ColumnShape {
    /// The share of non-empty sampled values that must have the shape.
    static let threshold = 0.8

    /// Returns the share of non-empty values that are valid email addresses, or nil without values.
    static func emailShare(_ values: [String]) -> Double? {
        share(values) { EmailAddress.normalize($0) != nil }
    }

    /// Returns the share of non-empty values that look like phone numbers, or nil without values.
    static func phoneShare(_ values: [String]) -> Double? {
        share(values, where: looksLikePhone)
    }

    /// Returns whether a value looks like a phone number: 7 to 15 digits with only phone punctuation,
    /// and a `+`, a leading `0`, Meta's `p:` or a separator. Bare numeric ids and Unix times lack
    /// these marks, and values shaped like numeric dates (`10.11.2026`) are excluded.
    static func looksLikePhone(_ value: String) -> Bool {
        var text = value.trimmed
        if text.lowercased().hasPrefix("p:") { text = String(text.dropFirst(2)) }
        let allowed = Set("0123456789+-./() ")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else { return false }
        let digits = text.filter(\.isNumber)
        guard (7...15).contains(digits.count) else { return false }
        let groups = text.split(whereSeparator: { ".-/".contains($0) })
        if groups.count == 3, groups[2].count == 4, groups[0].count <= 2, groups[1].count <= 2 {
            return false
        }
        return text.hasPrefix("+") || text.hasPrefix("0")
            || value.trimmed.lowercased().hasPrefix("p:")
            || text.contains(where: { " -./()".contains($0) })
    }

    private static func share(_ values: [String], where test: (String) -> Bool) -> Double? {
        let present = values.map(\.trimmed).filter { !$0.isEmpty }
        guard !present.isEmpty else { return nil }
        return Double(present.filter(test).count) / Double(present.count)
    }

    /// Returns the custom attribute name of a header: folded, in lower case, with each run of other
    /// characters turned into one underscore (`What is your biggest challenge?` becomes
    /// `what_is_your_biggest_challenge`), and `#` read as `number`. Returns nil when nothing is left.
    static func customName(_ header: String) -> String? {
        let words = header.replacingOccurrences(of: "#", with: " number ").foldedWords
        return words.isEmpty ? nil : words.joined(separator: "_")
    }
}
