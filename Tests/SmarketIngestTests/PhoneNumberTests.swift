import Testing

@testable import SmarketIngest

@Suite struct PhoneNumberTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var rowCountry: String?
        var localeCountry: String?
        var expected: String?
        var testDescription: String {
            "\(input) row=\(rowCountry ?? "-") locale=\(localeCountry ?? "-")"
        }
    }

    @Test(arguments: [
        // International numbers need no country.
        Case(input: "+49 30 1234567", expected: "+49301234567"),
        Case(input: "+49 (0)30 1234567", expected: "+49301234567"),
        Case(input: "p:+49305550000", expected: "+49305550000"),
        Case(input: "0049 30 555040", expected: "+4930555040"),
        Case(input: "+1 (415) 555-0100", expected: "+14155550100"),
        Case(input: "+41 44 668 18 00", expected: "+41446681800"),
        Case(input: "P:+49 30 555040", expected: "+4930555040"),
        Case(input: "p:tel:+4930555040", expected: "+4930555040"),
        Case(input: "tel:\u{2003}+49 30 555040", expected: "+4930555040"),
        Case(input: "+49\u{00A0}30\u{202F}555040", expected: "+4930555040"),
        // A `+` after a removed `(0)` still comes first.
        Case(input: "(0)+49 30 555040", expected: "+4930555040"),
        Case(input: "+(0)49 30 555040", expected: "+4930555040"),
        Case(input: "0049 (0)30 555040", expected: "+4930555040"),
        // National numbers with a trunk prefix, read with the row's or the locale's country.
        Case(input: "030 555040", rowCountry: "DE", expected: "+4930555040"),
        Case(input: "030 555040", localeCountry: "DE", expected: "+4930555040"),
        Case(input: "030/555-040", rowCountry: "DE", localeCountry: "DE", expected: "+4930555040"),
        Case(
            input: "044 668 18 00", rowCountry: "CH", localeCountry: "DE", expected: "+41446681800"),
        Case(input: "01 23 45 67 89", rowCountry: "FR", expected: "+33123456789"),
        Case(input: "020 7946 0018", rowCountry: "GB", expected: "+442079460018"),
        Case(input: "(415) 555-0100", rowCountry: "US", expected: "+14155550100"),
        Case(input: "06 1234 5678", rowCountry: "IT", expected: "+390612345678"),
        Case(input: "912 345 678", rowCountry: "ES", expected: "+34912345678"),
        // The country calling code written without + or 00.
        Case(input: "49 30 555040", rowCountry: "DE", expected: "+4930555040"),
        // `(0)` is removed once, left to right, so the `(0)` that its removal forms stays.
        Case(input: "+49((0)0)30555040", expected: "+49030555040"),
        // A German local number on a Swiss row does not fit the Swiss plan: the locale decides.
        Case(input: "030 555040", rowCountry: "CH", localeCountry: "DE", expected: "+4930555040"),
    ])
    func convertible(_ test: Case) {
        let result = PhoneNumber.normalize(
            test.input, rowCountry: test.rowCountry, localeCountry: test.localeCountry)
        #expect(result?.e164 == test.expected)
    }

    @Test(arguments: [
        Case(input: "030 555040"),
        Case(input: "030 555040", rowCountry: "CH"),
        Case(input: "<test lead: dummy data>", rowCountry: "DE"),
        Case(input: "+49 30", rowCountry: "DE"),
        Case(input: "+0 123 456 789"),
        Case(input: "ask for Ann", localeCountry: "DE"),
        Case(input: "12", rowCountry: "DE"),
        Case(input: "030 555040", rowCountry: "ZZ"),
        // Extensions are not part of E.164.
        Case(input: "+49 30 555040 ext. 12"),
        Case(input: "+49 30 555040 x12"),
        Case(input: "tel:p:+4930555040"),
        Case(input: "+4\u{301}9 30 555040"),
        Case(input: "+49 30 555040\u{2003}1"),
    ])
    func notConvertible(_ test: Case) {
        let result = PhoneNumber.normalize(
            test.input, rowCountry: test.rowCountry, localeCountry: test.localeCountry)
        #expect(result == nil)
    }

    @Test func fallbackCountryIsReported() {
        let result = PhoneNumber.normalize("030 555040", rowCountry: "CH", localeCountry: "DE")
        #expect(result?.usedFallbackCountry == true)
        #expect(result?.country == "DE")
    }

    @Test func rowCountryIsNotFallback() {
        let result = PhoneNumber.normalize("030 555040", rowCountry: "DE", localeCountry: "DE")
        #expect(result?.usedFallbackCountry == false)
    }
}
