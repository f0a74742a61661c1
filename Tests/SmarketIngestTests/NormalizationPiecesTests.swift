import Testing

@testable import SmarketIngest

@Suite struct NormalizationPiecesTests {
    @Test(arguments: [
        // HubSpot lifecycle stages
        ("Subscriber", "lead"), ("Lead", "lead"), ("Marketing Qualified Lead", "mql"),
        ("marketingqualifiedlead", "mql"), ("Sales Qualified Lead", "sql"), ("Opportunity", "sql"),
        ("Customer", "won"), ("Evangelist", "won"), ("Other", "lead"),
        // Salesforce lead statuses
        ("Open", "lead"), ("Open - Not Contacted", "lead"), ("Working - Contacted", "lead"),
        ("Contacted", "lead"), ("Qualified", "sql"), ("Closed - Converted", "won"),
        ("Closed - Not Converted", "lost"), ("Unqualified", "disqualified"),
        // Our own names and Meta's status of a fresh lead
        ("MQL", "mql"), ("sql", "sql"), ("Won", "won"), ("lost", "lost"), ("CREATED", "lead"),
    ])
    func knownStage(input: String, expected: String) {
        #expect(LeadStage(toolStage: input)?.rawValue == expected)
    }

    @Test(arguments: ["Prospect-ish", "", "maybe later"])
    func unknownStage(input: String) {
        #expect(LeadStage(toolStage: input) == nil)
    }

    @Test(arguments: [
        ("Anna Becker", "Anna", "Becker"),
        ("Jonas García", "Jonas", "García"),
        ("Anna Maria Becker", "Anna Maria", "Becker"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Anna van der Berg", "Anna", "van der Berg"),
        ("Ursula von der Leyen", "Ursula", "von der Leyen"),
        ("Jean de La Fontaine", "Jean", "de La Fontaine"),
        ("  Anna   Becker ", "Anna", "Becker"),
    ])
    func nameSplit(fullName: String, first: String, last: String) {
        let parts = PersonName.split(fullName)
        #expect(parts.first == first)
        #expect(parts.last == last)
    }

    @Test func singleWordNameIsFirstName() {
        let parts = PersonName.split("Cher")
        #expect(parts.first == "Cher")
        #expect(parts.last == nil)
    }

    @Test(arguments: [
        ("HTTPS://WWW.Contoso.Example/Path", "https://www.contoso.example/Path"),
        ("www.Contoso.example", "www.contoso.example"),
        ("contoso.example/", "contoso.example"),
    ])
    func website(input: String, expected: String) {
        #expect(Website.normalize(input) == expected)
    }

    @Test(arguments: ["not a site", "localhost", ""])
    func invalidWebsite(input: String) {
        #expect(Website.normalize(input) == nil)
    }
}

@Suite struct NormalizationLocaleTests {
    @Test(arguments: [
        ("de_DE", "de", "DE"), ("en-US", "en", "US"), ("fr_FR.UTF-8", "fr", "FR"),
        ("de_CH@euro", "de", "CH"), ("nl", "nl", nil),
    ])
    func parsed(identifier: String, language: String, region: String?) {
        let locale = InboxLocale(identifier)
        #expect(locale?.language == language)
        #expect(locale?.region == region)
    }

    @Test(arguments: ["", "C", "1234", "_DE"])
    func unreadable(identifier: String) {
        #expect(InboxLocale(identifier) == nil)
    }

    @Test(arguments: [
        ("de_DE", Character("."), Character(",")), ("en_US", ",", "."), ("en_GB", ",", "."),
        ("fr_FR", " ", ","), ("de_CH", "'", "."), ("nl_NL", ".", ","),
    ])
    func separators(identifier: String, grouping: Character, decimal: Character) {
        let locale = InboxLocale(identifier)
        #expect(locale?.groupingSeparator == grouping)
        #expect(locale?.decimalSeparator == decimal)
    }
}
