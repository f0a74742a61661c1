import Foundation

extension String {
    /// The string without accents and case: `Österreich` becomes `osterreich`.
    var folded: String {
        // Foundation's folding bridges through NSString. For ASCII it only lowers the case, which
        // the standard library does without bridging.
        if isASCII { return lowercased() }
        return folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// The folded string with only its ASCII letters and digits, the key that header synonyms, country
    /// names and stages are compared by: `E-mail`, `e_mail` and `E Mail` all become `email`.
    var comparisonKey: String {
        // Among ASCII scalars, Foundation's `alphanumerics` contains exactly the letters and digits.
        guard isASCII else {
            return String(String.UnicodeScalarView(folded.unicodeScalars.filter(\.isASCIIAlphanumeric)))
        }
        var key: [UInt8] = []
        key.reserveCapacity(utf8.count)
        for byte in utf8 where Unicode.Scalar(byte).isASCIIAlphanumeric {
            key.append(byte.asciiLowercased)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// The folded words of the string, split at every character that is not an ASCII letter or digit:
    /// `What's your first name?` becomes `["what", "s", "your", "first", "name"]`.
    var foldedWords: [String] {
        folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(
            String.init)
    }

    /// Returns whether `word`, in lower case ASCII, is one of ``foldedWords``.
    func containsFoldedWord(_ word: String) -> Bool {
        guard isASCII else { return foldedWords.contains(word) }
        let target = Array(word.utf8)
        guard !target.isEmpty else { return false }
        var matched = 0
        var isMatching = true
        for byte in utf8 {
            if Unicode.Scalar(byte).isASCIIAlphanumeric {
                let lowered = byte.asciiLowercased
                isMatching = isMatching && matched < target.count && target[matched] == lowered
                matched += 1
            } else {
                if isMatching && matched == target.count { return true }
                matched = 0
                isMatching = true
            }
        }
        return isMatching && matched == target.count
    }

    /// Whether every scalar is ASCII.
    var isASCII: Bool {
        withUTF8Bytes { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is an ASCII letter or digit.
    var isASCIIAlphanumeric: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }
}

extension UInt8 {
    /// The byte with an ASCII capital letter lowered, and any other byte as it is.
    var asciiLowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 0x20 : self
    }
}
