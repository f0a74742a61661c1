/// Normalization and a practical validity check for email addresses.
public enum EmailAddress {
    /// Characters that an address outside quotes never contains.
    private static let forbidden: Set<Unicode.Scalar> = [",", ";", "<", ">", "(", ")", "[", "]", "\\", "\""]

    /// Returns the address trimmed and in lower case, or nil when it is not a usable address.
    ///
    /// The check is practical, not RFC 5322: exactly one `@`, a non-empty local part, a domain with a
    /// dot between non-empty labels, and no white space, commas, semicolons or angle brackets.
    /// A `mailto:` prefix is removed.
    public static func normalize(_ value: String) -> String? {
        var address = value.trimmed.lowercased()
        if address.hasPrefix("mailto:") {
            address.removeFirst("mailto:".count)
        }
        if address.isASCII {
            return address.withUTF8(isValidASCII) ? address : nil
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

    /// Applies the checks of ``normalize(_:)`` to an ASCII address by its bytes, without the Set
    /// lookups, Character splits and Unicode properties that the general checks need.
    private static func isValidASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.contains(where: isForbiddenOrWhitespace),
            let at = bytes.firstIndex(of: UInt8(ascii: "@"))
        else { return false }
        let local = bytes[..<at]
        let domain = bytes[bytes.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")) else { return false }
        return isValidLocalPart(local) && isValidDomain(domain)
    }

    private static func isValidLocalPart(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        guard let first = bytes.first, let last = bytes.last, first != dot, last != dot else {
            return false
        }
        return !zip(bytes, bytes.dropFirst()).contains { $0 == dot && $1 == dot }
    }

    private static func isValidDomain(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let top = labels.last else {
            return false
        }
        return top.count >= 2
            && !top.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isForbiddenOrWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: " "), 0x09...0x0D:
            return true
        default:
            return false
        }
    }
}
