import Foundation

/// The parts of an inbox's `locale` setting (`de_DE`, `en-US`, `fr_FR.UTF-8`) that normalization uses.
public struct InboxLocale: Sendable, Hashable {
    /// The ISO 639 language code in lower case, such as `de`.
    public var language: String
    /// The ISO 3166 alpha-2 region in upper case, such as `DE`, when the setting names one.
    public var region: String?

    /// Parses a POSIX or BCP 47 locale name. Returns nil for an empty or unreadable name.
    public init?(_ identifier: String) {
        var name = identifier.trimmingCharacters(in: .whitespaces)
        // Drop the POSIX encoding and modifier parts: `de_DE.UTF-8@euro`.
        if let cut = name.firstIndex(where: { $0 == "." || $0 == "@" }) {
            name = String(name[..<cut])
        }
        let parts = name.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "_" || $0 == "-" }
        ).map(String.init)
        guard let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        language = first.lowercased()
        region = parts.dropFirst().first {
            $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLetter }
        }?
        .uppercased()
    }

    /// Regions whose usual numeric dates put the month first (`03/04/2026` is March 4).
    private static let monthFirstRegions: Set<String> = ["US", "PH", "FM", "MH", "PW"]

    /// Whether an ambiguous numeric date such as `03/04/2026` puts the day first, or nil when the
    /// locale does not settle it (English without a region).
    public var dayFirst: Bool? {
        if let region { return !Self.monthFirstRegions.contains(region) }
        // NOTE: English without a region is used both ways, so it settles nothing.
        return language == "en" ? nil : true
    }

    /// The character that groups thousands in numbers written for this locale: `.` for `de_DE`,
    /// `,` for `en_US`, a space for `fr_FR`, an apostrophe for `de_CH`.
    public var groupingSeparator: Character {
        // NOTE: A short table by language, not the full CLDR data. Other languages group with `.`.
        if region == "CH" || region == "LI" { return "'" }
        switch language {
        case "en", "ja", "zh", "ko", "he", "th": return ","
        case "fr", "sv", "nb", "nn", "no", "fi", "pl", "cs", "sk", "ru", "uk", "hu", "bg", "lt",
            "lv", "et":
            return " "
        default: return "."
        }
    }

    /// The decimal separator: `.` where thousands are grouped with `,` or `'`, else `,`.
    public var decimalSeparator: Character {
        groupingSeparator == "," || groupingSeparator == "'" ? "." : ","
    }
}
