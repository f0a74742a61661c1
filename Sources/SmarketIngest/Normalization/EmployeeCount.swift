/// Company sizes as exports write them: plain numbers, numbers with thousands separators, and
/// size bands such as `51-200` or `10,001+`.
public struct EmployeeCount: Sendable, Hashable {
    /// The number that rules compare with: the number itself, or the lower bound of a band,
    /// because a band guarantees only that the company has at least that many people.
    public var representative: Int
    /// The band in normalized form (`51-200`, `10001+`), or nil for a plain number.
    public var range: String?

    /// Reads a company size, or returns nil when it is not one.
    ///
    /// Thousands separators follow the locale: `1.200` is 1200 for `de_DE`, but not a whole number
    /// for `en_US`. Without a locale, a `.` or `,` followed by groups of exactly three digits is read
    /// as a thousands separator, because a company size is a whole number. Spaces, no-break spaces
    /// and apostrophes always group thousands.
    public init?(_ value: String, locale: InboxLocale?) {
        var text = value.trimmed.lowercased()
        for suffix in [
            "employees", "employee", "mitarbeiter", "salaries", "salariés", "empleados",
            "dipendenti", "medewerkers", "people",
        ] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmed
        }
        if text.hasSuffix("+") {
            guard let low = Self.number(String(text.dropLast()), locale: locale) else { return nil }
            representative = low
            range = "\(low)+"
            return
        }
        let dashes: Set<Character> = ["-", "\u{2013}", "\u{2014}"]
        var parts = text.split(
            omittingEmptySubsequences: false, whereSeparator: { dashes.contains($0) }
        )
        .map { String($0).trimmed }
        if parts.count == 1 {
            let words = text.components(separatedBy: " to ")
            if words.count == 2 { parts = words.map(\.trimmed) }
        }
        switch parts.count {
        case 1:
            guard let number = Self.number(parts[0], locale: locale) else { return nil }
            representative = number
            range = nil
        case 2:
            guard let low = Self.number(parts[0], locale: locale),
                let high = Self.number(parts[1], locale: locale), low <= high
            else { return nil }
            representative = low
            range = "\(low)-\(high)"
        default:
            return nil
        }
    }

    /// Reads a whole non-negative number with optional thousands separators.
    private static func number(_ text: String, locale: InboxLocale?) -> Int? {
        let spacing: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "'", "\u{2019}"]
        let compact = text.filter { !spacing.contains($0) }
        guard !compact.isEmpty, compact.first?.isNumber == true, compact.last?.isNumber == true
        else { return nil }
        let separators = compact.filter { !($0.isASCII && $0.isNumber) }
        if separators.isEmpty { return Int(compact) }
        guard let separator = separators.first, separators.allSatisfy({ $0 == separator }),
            separator == "." || separator == ","
        else { return nil }
        if let locale, locale.groupingSeparator != separator,
            !(locale.groupingSeparator == " " && locale.decimalSeparator != separator)
        {
            return nil
        }
        let groups = compact.split(separator: separator, omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return Int(groups.joined())
    }
}
