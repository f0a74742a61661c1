/// The digits of a phone number as written, read in one pass over its UTF-8 bytes.
///
/// Meta's `p:` and a `tel:` prefix (in that order, in any case) are removed with the white space
/// after them, then every `(0)`. The rest may hold ASCII digits, a `+` first, and the separators
/// space, `-`, `.`, `/`, parentheses, no-break space (U+00A0) and narrow no-break space (U+202F).
/// Any other character, such as a letter or a combining mark, makes the value unreadable.
struct WrittenNumber {
    /// The ASCII digits in order.
    var digits: String
    /// Whether the number starts with `+`, after the prefixes and `(0)` groups.
    var hasPlus: Bool

    init?(_ trimmed: String) {
        var text = trimmed
        for prefix in ["p:", "tel:"] where Self.hasPrefixIgnoringCase(text, prefix) {
            let start = text.utf8.index(text.utf8.startIndex, offsetBy: prefix.utf8.count)
            text = String(text[start...]).trimmed
        }
        var digitBytes: [UInt8] = []
        digitBytes.reserveCapacity(text.utf8.count)
        var hasPlus = false
        var isFirst = true
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            if byte == UInt8(ascii: "("), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "0"),
                bytes[index + 2] == UInt8(ascii: ")")
            {
                // The `(0)` after a country code is dropped where it starts, as if every `(0)`
                // were removed before the digits are read.
                index += 3
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digitBytes.append(byte)
            case UInt8(ascii: "+") where isFirst:
                hasPlus = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
                UInt8(ascii: "("), UInt8(ascii: ")"):
                break
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0:
                length = 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF:
                length = 3
            default:
                return nil
            }
            isFirst = false
            index += length
        }
        digits = String(decoding: digitBytes, as: UTF8.self)
        self.hasPlus = hasPlus
    }

    /// Returns whether `text` starts with the ASCII `prefix` in any case.
    ///
    /// Only ASCII letters lower to the letters of `p:` and `tel:`, so this agrees with
    /// `text.lowercased().hasPrefix(prefix)`. The one difference is a combining mark right after the
    /// prefix, and the digit loop rejects that value either way.
    private static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = bytes.next() else { return false }
            let lowered = byte.asciiLowercased
            guard lowered == expected else { return false }
        }
        return true
    }
}
