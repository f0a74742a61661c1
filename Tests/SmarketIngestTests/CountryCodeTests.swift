import Testing

@testable import SmarketIngest

@Suite struct CountryCodeTests {
    @Test(arguments: [
        // English
        ("Germany", "DE"), ("Switzerland", "CH"), ("Austria", "AT"), ("United Kingdom", "GB"),
        ("United States", "US"), ("Netherlands", "NL"),
        // German
        ("Deutschland", "DE"), ("Schweiz", "CH"), ("Österreich", "AT"), ("Frankreich", "FR"),
        ("Vereinigtes Königreich", "GB"), ("Niederlande", "NL"),
        // French
        ("Allemagne", "DE"), ("Suisse", "CH"), ("Autriche", "AT"), ("Espagne", "ES"),
        ("Italie", "IT"),
        ("Pays-Bas", "NL"), ("Royaume-Uni", "GB"), ("États-Unis", "US"),
        // Spanish
        ("Alemania", "DE"), ("Suiza", "CH"), ("Países Bajos", "NL"),
        // Italian
        ("Germania", "DE"), ("Svizzera", "CH"), ("Paesi Bassi", "NL"),
        // Dutch
        ("Duitsland", "DE"), ("Zwitserland", "CH"), ("Oostenrijk", "AT"),
        // Codes and aliases, any case and with accents or punctuation dropped
        ("DE", "DE"), ("ch", "CH"), ("DEU", "DE"), ("che", "CH"), ("GBR", "GB"), ("USA", "US"),
        ("U.S.A.", "US"), ("UK", "GB"), ("  osterreich ", "AT"), ("PAYS BAS", "NL"),
        ("Holland", "NL"),
        ("Czech Republic", "CZ"),
    ])
    func knownCountry(input: String, expected: String) {
        #expect(CountryCode.normalize(input) == expected)
    }

    @Test(arguments: ["Atlantis", "", "EU", "XYZ", "Ger", "<test lead: dummy data>"])
    func unknownCountry(input: String) {
        #expect(CountryCode.normalize(input) == nil)
    }
}
