import Testing

@testable import SmarketRules

/// Task titles: placeholders, optional parts in brackets, and marks left open.
@Suite struct TitleTemplateTests {
    static let anna = ["first_name": "Anna", "company": "Contoso", "custom.tier": "gold"]

    @Test(arguments: [
        ("Call {first_name}[ at {company}]", "Call Anna at Contoso"),
        ("Call {first_name}[ at {city}]", "Call Anna"),
        ("[VIP] Call { first_name }", "[VIP] Call Anna"),
        ("Tier {custom.tier}: {unknown} call", "Tier gold:  call"),
        ("Open {brace and [bracket", "Open {brace and [bracket"),
        ("  {city} Call  ", "Call"),
        ("[{first_name}][{city} x]", "Anna"),
    ])
    func fillsPlaceholders(template: String, expected: String) {
        #expect(TitleTemplate(template).fill(Self.anna) == expected)
    }

    @Test func fieldNamesInOrder() {
        let template = TitleTemplate("{first_name}[ at {company}] {x[y} [z]")
        #expect(template.fieldNames == ["first_name", "company"])
        #expect(template.source == "{first_name}[ at {company}] {x[y} [z]")
    }

    @Test func blankValueDropsPart() {
        let template = TitleTemplate("Call {first_name}[ at {company}]")
        #expect(template.fill(["first_name": "Anna", "company": " \u{A0}"]) == "Call Anna")
    }
}
