import Testing

@testable import SmarketIngest

@Suite struct EmailAddressTests {
    @Test(arguments: [
        ("anna@contoso.example", "anna@contoso.example"),
        ("  ANNA.NOVAK@WIDEWORLD.EXAMPLE ", "anna.novak@wideworld.example"),
        ("mailto:Ann@Contoso.Example", "ann@contoso.example"),
        ("first.last+tag@sub.contoso.example", "first.last+tag@sub.contoso.example"),
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
    ])
    func invalidAddress(input: String) {
        #expect(EmailAddress.normalize(input) == nil)
    }
}
