import Testing

@testable import SmarketIngest

@Suite struct EmailAddressTests {
    @Test(arguments: [
        ("anna@contoso.example", "anna@contoso.example"),
        ("  ANNA.NOVAK@WIDEWORLD.EXAMPLE ", "anna.novak@wideworld.example"),
        ("mailto:Ann@Contoso.Example", "ann@contoso.example"),
        ("first.last+tag@sub.contoso.example", "first.last+tag@sub.contoso.example"),
        ("MAILTO:Ann@Contoso.Example", "ann@contoso.example"),
        ("a.b@contoso.example", "a.b@contoso.example"),
        ("ann@contoso.1a", "ann@contoso.1a"),
        // Non-ASCII local parts and internationalized domain names are lowered, not encoded.
        ("ÄNNA@Bücher.Example", "änna@bücher.example"),
        ("anna@bücher.example", "anna@bücher.example"),
        // The Kelvin sign lowers to an ASCII k.
        ("\u{212A}im@contoso.example", "kim@contoso.example"),
    ])
    func validAddress(input: String, expected: String) {
        #expect(EmailAddress.normalize(input) == expected)
    }

    @Test(arguments: [
        "not-an-email", "ann@contoso", "ann@@contoso.example", "a@b@contoso.example",
        "ann smith@contoso.example",
        "@contoso.example", "ann@.example", "ann@contoso..example",
        "ann@contoso.example,bob@contoso.example",
        ".ann@contoso.example", "ann@contoso.123", "",
        "ann.@contoso.example", "a..b@contoso.example", "ann@contoso.x", "ann@contoso.example.",
        "ann@\tcontoso.example", "ann\u{00A0}@contoso.example", "ann@contoso.1\u{301}2",
        "ann@contoso.ex(ample", "ann@contoso.ex\\ample", "ann;bob@contoso.example",
    ])
    func invalidAddress(input: String) {
        #expect(EmailAddress.normalize(input) == nil)
    }
}
