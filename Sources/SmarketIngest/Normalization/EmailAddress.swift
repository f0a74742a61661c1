/// Normalization and a practical validity check for email addresses.
public enum EmailAddress {
    /// Returns the address trimmed and in lower case, or nil when it is not a usable address.
    ///
    /// The check is practical, not RFC 5322: exactly one `@`, a non-empty local part, a domain with a
    /// dot between non-empty labels, and no white space, commas, semicolons or angle brackets.
    /// A `mailto:` prefix is removed.
    /// Characters that an address outside quotes never contains.
    private static let forbidden: Set<Unicode.Scalar> = [",", ";", "<", ">", "(", ")", "[", "]", "\\", "\""]

    public static func normalize(_ value: String) -> String? {
        var address = value.trimmed.lowercased()
        if address.hasPrefix("mailto:") {
            address.removeFirst("mailto:".count)
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        guard !address.unicodeScalars.contains(where: { Self.forbidden.contains($0) || $0.properties.isWhitespace })
        else {
            return nil
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        guard let top = labels.last, top.count >= 2, !top.allSatisfy(\.isNumber) else { return nil }
        guard !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else {
            return nil
        }
        return address
    }
}
