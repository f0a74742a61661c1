import Foundation
import Testing

@testable import SmarketIngest

@Suite struct StringFoldingTests {
    static let allASCII = String(String.UnicodeScalarView((0..<128).map { Unicode.Scalar(UInt8($0)) }))

    @Test func asciiFoldingMatchesFoundation() {
        let foundation = Self.allASCII.folding(
            options: [.caseInsensitive, .diacriticInsensitive], locale: nil
        ).lowercased()
        #expect(Self.allASCII.folded == foundation)
    }

    @Test func asciiKeyMatchesAlphanumerics() {
        let expected = String(
            String.UnicodeScalarView(
                Self.allASCII.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
        #expect(Self.allASCII.comparisonKey == expected)
    }

    @Test(arguments: [
        ("Österreich", "osterreich"), ("PAYS-BAS", "paysbas"), ("U.S.A.", "usa"), ("E_mail", "email"),
    ])
    func comparisonKey(input: String, expected: String) {
        #expect(input.comparisonKey == expected)
    }

    @Test(arguments: [
        ("Submit Date (UTC)", true), ("UTC", true), ("created_at_utc", true), ("utc-time", true),
        ("Datum (ÜTC)", true), ("utcdate", false), ("Created At", false), ("UT C", false),
        ("", false), ("utc2", false), ("xutc", false),
    ])
    func containsFoldedWord(column: String, expected: Bool) {
        #expect(column.containsFoldedWord("utc") == expected)
        #expect(column.foldedWords.contains("utc") == expected)
    }
}
