import Foundation
import Testing

@testable import SmarketIngest

struct StringTrimmingTests {
    @Test(arguments: [
        "  anna@example.com ", "\u{00A0}Anna\u{2003}", "\r\n\tline\u{0085}", "\u{3000}全角\u{3000}", "plain",
        "", "   ", "\u{2028}a b\u{2029}", "\u{200B}zero width stays\u{200B}", "\u{FEFF}bom stays",
        "a", "x\t", "\tx", "\u{7F}x\u{7F}", "\u{1F}x", "é", "a é", "é a", "~!",
    ])
    func matchesFoundation(_ text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
