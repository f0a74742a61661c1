import Testing

@testable import SmarketIngest

@Suite struct EmployeeCountTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var locale: String?
        var number: Int
        var range: String?
        var testDescription: String { "\(input) locale=\(locale ?? "-")" }
    }

    @Test(arguments: [
        Case(input: "250", number: 250),
        Case(input: "1.200", locale: "de_DE", number: 1200),
        Case(input: "1,200", locale: "en_US", number: 1200),
        Case(input: "1 200", locale: "fr_FR", number: 1200),
        Case(input: "1\u{202F}200", locale: "fr_FR", number: 1200),
        Case(input: "1'200", locale: "de_CH", number: 1200),
        Case(input: "1.200", number: 1200),
        Case(input: "1,200", number: 1200),
        Case(input: "51-200", number: 51, range: "51-200"),
        Case(input: "11-50", number: 11, range: "11-50"),
        Case(input: "1001-5000", number: 1001, range: "1001-5000"),
        Case(input: "51 – 200", number: 51, range: "51-200"),
        Case(input: "1.001-5.000", locale: "de_DE", number: 1001, range: "1001-5000"),
        Case(input: "10,001+", locale: "en_US", number: 10001, range: "10001+"),
        Case(input: "10,001+", number: 10001, range: "10001+"),
        Case(input: "51-200 employees", number: 51, range: "51-200"),
        Case(input: "51 to 200", number: 51, range: "51-200"),
    ])
    func readable(_ test: Case) {
        let count = EmployeeCount(test.input, locale: test.locale.flatMap(InboxLocale.init))
        #expect(count?.representative == test.number)
        #expect(count?.range == test.range)
    }

    @Test(arguments: [
        Case(input: "1.200", locale: "en_US", number: 0),
        Case(input: "1,200", locale: "de_DE", number: 0),
        Case(input: "1,5", number: 0),
        Case(input: "many", number: 0),
        Case(input: "200-51", number: 0),
        Case(input: "-5", number: 0),
        Case(input: "", number: 0),
    ])
    func unreadable(_ test: Case) {
        #expect(EmployeeCount(test.input, locale: test.locale.flatMap(InboxLocale.init)) == nil)
    }
}
