import Foundation

extension String {
    /// The string without accents and case: `Österreich` becomes `osterreich`.
    var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// The folded string with only its ASCII letters and digits, the key that header synonyms, country
    /// names and stages are compared by: `E-mail`, `e_mail` and `E Mail` all become `email`.
    var comparisonKey: String {
        String(
            folded.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
                .map(Character.init))
    }

    /// The folded words of the string, split at every character that is not an ASCII letter or digit:
    /// `What's your first name?` becomes `["what", "s", "your", "first", "name"]`.
    var foldedWords: [String] {
        folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(
            String.init)
    }
}
