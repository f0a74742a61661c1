/// Words and phrases that identify a field inside a longer header, the second step of header
/// mapping: `Your work email, please` is `email`, `How many people work at your company?` is
/// `employees`.
enum HeaderPhrases {
    /// Fields in the order they are tried, each with its phrases. A header takes the first field with
    /// a matching phrase, so specific fields come before the ones whose words they contain. Thus a
    /// question about the number of people at the company is not `company`, and `Company name` is
    /// not `full_name`.
    private static let phrasesByField: [(LeadField, [[String]])] = [
        (
            .employees,
            [
                ["how", "many", "people"], ["how", "many", "employees"],
                ["number", "of", "employees"],
                ["employees"], ["company", "size"], ["headcount"], ["team", "size"],
                ["mitarbeiter"],
            ]
        ),
        (.email, [["email"], ["e", "mail"], ["mail", "address"], ["courriel"]]),
        (
            .phone,
            [["phone"], ["telephone"], ["mobile"], ["telefon"], ["telefonnummer"], ["whatsapp"]]
        ),
        (
            .firstName,
            [["first", "name"], ["firstname"], ["given", "name"], ["vorname"], ["prenom"]]
        ),
        (
            .lastName,
            [["last", "name"], ["lastname"], ["surname"], ["family", "name"], ["nachname"]]
        ),
        (.website, [["website"], ["web", "site"], ["homepage"], ["url"]]),
        (.industry, [["industry"], ["sector"], ["branche"]]),
        (.country, [["country"], ["pays"], ["pais"], ["paese"]]),
        (.region, [["state"], ["region"], ["province"], ["bundesland"]]),
        (.city, [["city"], ["town"], ["stadt"], ["ville"]]),
        (.jobTitle, [["job", "title"], ["job"], ["title"], ["position"], ["role"]]),
        (
            .company,
            [
                ["company"], ["organization"], ["organisation"], ["employer"], ["firma"],
                ["unternehmen"], ["entreprise"], ["empresa"], ["azienda"], ["bedrijf"],
            ]
        ),
        (.fullName, [["full", "name"], ["your", "name"]]),
        (.source, [["utm", "source"], ["lead", "source"], ["source"]]),
        (.campaign, [["campaign"]]),
        (.medium, [["medium"]]),
        (.form, [["form"]]),
        (
            .consent,
            [["consent"], ["agree"], ["opt", "in"], ["optin"], ["gdpr"], ["einwilligung"]]
        ),
        (.stage, [["lifecycle"], ["stage"], ["lead", "status"]]),
        (
            .createdAt,
            [
                ["submit", "date"], ["submitted"], ["submission", "date"], ["created"],
                ["create", "date"],
                ["timestamp"], ["signup", "date"],
            ]
        ),
        (
            .notes,
            [
                ["anything", "else"], ["notes"], ["note"], ["comments"], ["comment"], ["message"],
                ["remarks"],
            ]
        ),
    ]

    /// Returns the first field whose phrase appears as consecutive words of the header, or nil.
    static func match(_ name: String) -> LeadField? {
        let words = name.foldedWords
        for (field, phrases) in phrasesByField {
            for phrase in phrases where contains(words, phrase) {
                return field
            }
        }
        return nil
    }

    private static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count)
        where Array(words[start..<(start + phrase.count)]) == phrase {
            return true
        }
        return false
    }
}
