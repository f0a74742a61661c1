/// Conversion of phone numbers as people and tools write them into E.164 (`+4930555040`).
public enum PhoneNumber {
    /// A phone number in E.164 and how its country was decided.
    public struct Normalized: Sendable, Hashable {
        /// The number in E.164: `+`, the country calling code and the national significant number.
        public var e164: String
        /// The country whose dialing plan read a national number, or nil for an international one.
        public var country: String?
        /// Whether a national number did not fit the row's country and was read with the locale's.
        public var usedFallbackCountry: Bool
    }

    /// Converts a phone number to E.164, or returns nil when it cannot be.
    ///
    /// A leading `+` or `00` marks an international number. Meta's `p:` prefix, `tel:`, separators
    /// (spaces, `-`, `.`, `/`, parentheses) and the `(0)` written after a country code are removed.
    /// A national number is read with the dialing plan of `rowCountry`, and when it does not fit that
    /// plan, with the plan of `localeCountry`.
    ///
    /// The fallback exists because CRM exports often carry the company's country while the number
    /// was typed as a local number of the office that keeps the CRM. For example, a Salesforce
    /// export made in Germany has `030 555040` on rows whose country is Switzerland. Swiss national
    /// numbers have nine digits after the trunk `0`, so `30555040` cannot be Swiss and is read as a
    /// German number. When the number fits the row's country, the row's country wins, because the
    /// number belongs to the lead.
    /// - Parameters:
    ///   - value: The number as written.
    ///   - rowCountry: The ISO 3166 alpha-2 country of the row, when it has a valid one.
    ///   - localeCountry: The region of the inbox's locale, when it has one.
    public static func normalize(
        _ value: String, rowCountry: String?, localeCountry: String?
    ) -> Normalized? {
        guard let written = WrittenNumber(value.trimmed) else { return nil }
        let digits = written.digits
        if written.hasPlus {
            return international(digits)
        }
        if digits.hasPrefix("00") && !digits.hasPrefix("000") {
            return international(String(digits.dropFirst(2)))
        }

        var candidates: [String] = []
        if let rowCountry { candidates.append(rowCountry) }
        if let localeCountry, localeCountry != rowCountry { candidates.append(localeCountry) }
        for (index, country) in candidates.enumerated() {
            guard let plan = CallingCodes.plan(for: country),
                let national = nationalSignificantNumber(digits, plan: plan)
            else { continue }
            return Normalized(
                e164: "+" + plan.callingCode + national, country: country,
                usedFallbackCountry: index > 0 && rowCountry != nil)
        }
        return nil
    }

    /// Checks an international number given as its digits after `+` or `00`.
    private static func international(_ digits: String) -> Normalized? {
        guard (7...15).contains(digits.count), digits.first != "0" else { return nil }
        // Where the calling code is in the table, the rest must fit one of its plans.
        for codeLength in 1...3 {
            let code = String(digits.prefix(codeLength))
            let plans = CallingCodes.plans(withCallingCode: code)
            guard !plans.isEmpty else { continue }
            let rest = digits.count - codeLength
            guard plans.contains(where: { $0.lengths.contains(rest) }) else { return nil }
            break
        }
        return Normalized(e164: "+" + digits, country: nil, usedFallbackCountry: false)
    }

    /// Returns the national significant number of `digits` read with `plan`, or nil when they do not
    /// fit it. Digits that start with the trunk prefix are read only as a trunk-prefixed number.
    private static func nationalSignificantNumber(_ digits: String, plan: DialingPlan) -> String? {
        if let trunk = plan.trunkPrefix, digits.hasPrefix(trunk) {
            let national = String(digits.dropFirst(trunk.count))
            return plan.lengths.contains(national.count) ? national : nil
        }
        // The country calling code written without `+` or `00`: `4930555040`. In a country with a
        // trunk prefix a national number would start with it, so the calling code reading wins there.
        if digits.hasPrefix(plan.callingCode),
            plan.lengths.contains(digits.count - plan.callingCode.count),
            plan.trunkPrefix != nil || !plan.lengths.contains(digits.count)
        {
            return String(digits.dropFirst(plan.callingCode.count))
        }
        return plan.lengths.contains(digits.count) ? digits : nil
    }
}
