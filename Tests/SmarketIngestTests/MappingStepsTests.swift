import Testing

@testable import SmarketIngest

@Suite struct MappingStepsTests {
    private func records(_ names: [String], _ rows: [[String]]) -> [RawRecord] {
        rows.enumerated().map { index, values in
            RawRecord(
                line: index + 2, fields: zip(names, values).map { RawField(name: $0, value: $1) })
        }
    }

    @Test(arguments: ["E-mail", "Email Address", "email_address", "Work email", "EMAIL", "e mail"])
    func synonymSpellings(name: String) {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: [name], sample: [])
        #expect(mapper.target(for: name) == .field(.email))
    }

    @Test func shapeFindsEmailColumn() {
        let names = ["contact", "who"]
        let sample = records(
            names,
            [
                ["ann@contoso.example", "Ann"], ["bob@contoso.example", "Bob"],
                ["cid@contoso.example", "Cid"],
                ["", "Dee"], ["ask later", "Eve"], ["fay@contoso.example", "Fay"],
                ["gus@contoso.example", "Gus"],
            ])
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: names, sample: sample)
        #expect(mapper.target(for: "contact") == .field(.email))
        #expect(mapper.target(for: "who") == .custom("who"))
        #expect(mapper.hasContactColumn)
    }

    @Test func shapeFindsPhoneColumn() {
        let names = ["ref", "reach me at", "joined"]
        let sample = records(
            names,
            [
                ["1794302400", "+49 30 1234567", "10.11.2026"],
                ["1794302401", "030 555040", "11.11.2026"],
                ["1794302402", "p:+49305550000", "12.11.2026"],
            ])
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: names, sample: sample)
        #expect(mapper.target(for: "reach me at") == .field(.phone))
        #expect(mapper.target(for: "ref") == .custom("ref"))
        #expect(mapper.target(for: "joined") == .custom("joined"))
    }

    @Test func shapeNeedsMostValues() {
        let names = ["contact"]
        let sample = records(
            names, [["ann@contoso.example"], ["n/a"], ["unknown"], ["bob@contoso.example"]])
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: names, sample: sample)
        #expect(mapper.target(for: "contact") == .custom("contact"))
        #expect(!mapper.hasContactColumn)
    }

    @Test func noContactColumn() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(
            names: ["first_name", "company"],
            sample: records(["first_name", "company"], [["Ann", "Contoso Ltd"]]))
        #expect(!mapper.hasContactColumn)
    }

    @Test func overrideWinsOverSynonym() {
        var mapper = HeaderMapper(overrides: [
            "Your work e-mail": .field(.email), "Email": .custom("old_email"),
        ])
        mapper.learn(names: ["Email", "Your work e-mail"], sample: [])
        #expect(mapper.target(for: "Your work e-mail") == .field(.email))
        #expect(mapper.target(for: "Email") == .custom("old_email"))
    }

    @Test func overrideIgnoresCaseAndSpacing() {
        var mapper = HeaderMapper(overrides: ["Your work e-mail": .field(.email)])
        mapper.learn(names: ["your work e-mail "], sample: [])
        #expect(mapper.target(for: "your work e-mail ") == .field(.email))
    }

    @Test func overrideClaimsField() {
        var mapper = HeaderMapper(overrides: ["Kontakt": .field(.email)])
        mapper.learn(names: ["Email", "Kontakt"], sample: [])
        #expect(mapper.target(for: "Email") == .custom("email"))
    }

    @Test func phraseDoesNotTakeClaimedField() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["Email", "Your work email, please"], sample: [])
        #expect(mapper.target(for: "Email") == .field(.email))
        #expect(mapper.target(for: "Your work email, please") == .custom("your_work_email_please"))
    }

    @Test func firstPhraseColumnWins() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["Your email, please", "Your email again"], sample: [])
        #expect(mapper.target(for: "Your email, please") == .field(.email))
        #expect(mapper.target(for: "Your email again") == .custom("your_email_again"))
    }

    @Test func betterSynonymRankWins() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["campaign_id", "campaign_name"], sample: [])
        #expect(mapper.target(for: "campaign_name") == .field(.campaign))
        #expect(mapper.target(for: "campaign_id") == .custom("campaign_id"))
    }

    @Test(arguments: [
        ("What is your biggest challenge?", "what_is_your_biggest_challenge"),
        ("Größe des Teams", "grosse_des_teams"),
        ("  Lead Score (HubSpot) ", "lead_score_hubspot"),
        ("Contact #", "contact_number"),
    ])
    func customName(header: String, expected: String) {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: [header], sample: [])
        #expect(mapper.target(for: header) == .custom(expected))
    }

    @Test func customNamesStayDistinct() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["Start date", "start_date", "***"], sample: [])
        #expect(mapper.target(for: "Start date") == .custom("start_date"))
        #expect(mapper.target(for: "start_date") == .custom("start_date_2"))
        #expect(mapper.target(for: "***") == .custom("column_3"))
    }

    @Test func unseenKeyUsesSynonyms() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["email"], sample: [])
        #expect(mapper.target(for: "Company Name") == .field(.company))
        #expect(mapper.target(for: "Work email") == .custom("work_email"))
        #expect(mapper.target(for: "What's your job title?") == .field(.jobTitle))
        #expect(mapper.target(for: "favourite colour") == .custom("favourite_colour"))
    }

    @Test func learnStartsOver() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["email"], sample: [])
        mapper.learn(names: ["first_name"], sample: [])
        #expect(!mapper.hasContactColumn)
        #expect(mapper.target(for: "Email") == .field(.email))
    }

    @Test func recordTargetsFollowColumnOrder() {
        let names = ["Email", "Notes", "Email", "Handy"]
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: names, sample: [])
        let fields = names.map { RawField(name: $0, value: "") }
        let expected = names.map { mapper.target(for: $0) }
        #expect(mapper.targets(for: fields) == expected)
        #expect(mapper.targets(for: fields) == expected)
        // A key that learning did not see, as a later JSON record may bring.
        let later = fields + [RawField(name: "E-Mail 2", value: "")]
        #expect(mapper.targets(for: later) == expected + [mapper.target(for: "E-Mail 2")])
    }

    @Test func learningAgainForgetsRecordTargets() {
        let names = ["contact"]
        let fields = [RawField(name: "contact", value: "")]
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(
            names: names,
            sample: records(names, [["ann@contoso.example"], ["bob@contoso.example"], ["cid@contoso.example"]]))
        #expect(mapper.targets(for: fields) == [.field(.email)])
        mapper.learn(
            names: names, sample: records(names, [["+49 30 555040"], ["+49 30 555041"], ["+49 30 555042"]]))
        #expect(mapper.targets(for: fields) == [.field(.phone)])
    }
}
