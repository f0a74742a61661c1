import Testing

@testable import SmarketRules

/// One test per error class of the base keys, each checking line, column and message.
@Suite struct ConfigurationBaseErrorTests {
    @Test func unknownKeySuggestsNearest() throws {
        let errors = loadErrors(minimalYAML + "retension: {processed: 1d}\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 1)
        #expect(errors[0].message.contains("unknown key 'retension'"))
        #expect(errors[0].message.contains("did you mean 'retention'?"))
        #expect(errors[0].description.hasPrefix("/etc/smarketd/test.yaml:5:1: error: "))
    }

    @Test func duplicateKey() throws {
        let errors = loadErrors(minimalYAML + "timezone: UTC\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 1)
        #expect(errors[0].message.contains("duplicate key 'timezone'"))
        #expect(errors[0].message.contains("line 2"))
    }

    @Test func wrongTypeNamesBoth() throws {
        let errors = loadErrors("state_dir: /s\ntimezone: UTC\ninboxes: web\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 3)
        #expect(errors[0].column == 10)
        #expect(errors[0].message == "expected a list of inboxes, found a string")
    }

    @Test func missingRequiredKeys() throws {
        let errors = loadErrors("timezone: UTC\ninboxes:\n  - {name: web, kind: leads}\n")
        try #require(errors.count == 2)
        #expect(errors[0].line == 1)
        #expect(errors[0].column == 1)
        #expect(errors[0].message.contains("missing key 'state_dir'"))
        #expect(errors[1].line == 3)
        #expect(errors[1].column == 5)
        #expect(errors[1].message.contains("missing key 'path' in an inbox"))
    }

    @Test func badDuration() throws {
        let errors = loadErrors(minimalYAML + "retention: {processed: 3 weeks, failed: 1d}\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 24)
        #expect(errors[0].message.contains("invalid duration '3 weeks'"))
        #expect(errors[0].message.contains("90s, 30m, 4h or 2d"))
    }

    @Test func badSize() throws {
        let errors = loadErrors(minimalYAML + "limits:\n  max_file_size: 1GB\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 6)
        #expect(errors[0].column == 18)
        #expect(errors[0].message.contains("invalid size '1GB'"))
    }

    @Test func unknownTimeZone() throws {
        let errors = loadErrors(
            "state_dir: /s\ntimezone: Europe/Berln\ninboxes: [{name: w, path: /w, kind: leads}]\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 2)
        #expect(errors[0].column == 11)
        #expect(errors[0].message.contains("unknown time zone 'Europe/Berln'"))
        #expect(errors[0].message.contains("did you mean 'Europe/Berlin'?"))
    }

    @Test func inboxKindOtherThanLeadsOrEvents() throws {
        let errors = loadErrors(
            "state_dir: /s\ntimezone: UTC\ninboxes:\n  - {name: w, path: /w, kind: lead}\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 4)
        #expect(errors[0].column == 31)
        #expect(errors[0].message == "invalid kind 'lead' for inbox 'w'; expected leads or events")
    }

    @Test func twoInboxesOnOnePath() throws {
        let yaml =
            "state_dir: /s\ntimezone: UTC\ninboxes:\n  - {name: a, path: /in, kind: leads}\n  - {name: b, path: /in/, kind: events}\n"
        let errors = loadErrors(yaml)
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 5)
        #expect(errors[0].message.contains("inbox 'b' uses the same path as inbox 'a'"))
    }

    @Test func duplicateInboxName() throws {
        let yaml =
            "state_dir: /s\ntimezone: UTC\ninboxes:\n  - {name: a, path: /in, kind: leads}\n  - {name: a, path: /in2, kind: events}\n"
        let errors = loadErrors(yaml)
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].message.contains("duplicate inbox name 'a'"))
    }

    @Test func mappingToUnknownField() throws {
        let yaml =
            "state_dir: /s\ntimezone: UTC\ninboxes:\n  - {name: a, path: /in, kind: leads, mapping: {Mail: emial}}\n"
        let errors = loadErrors(yaml)
        try #require(errors.count == 1)
        #expect(errors[0].line == 4)
        #expect(errors[0].column == 55)
        #expect(errors[0].message.contains("unknown lead field 'emial'"))
        #expect(errors[0].message.contains("did you mean 'email'?"))
    }

    @Test func yamlSyntaxError() throws {
        let errors = loadErrors("state_dir: /s\ntimezone: [UTC\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 3)
        #expect(errors[0].message.hasPrefix("invalid YAML: "))
    }

    @Test func emptyFile() throws {
        let errors = loadErrors("# nothing\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 1)
        #expect(errors[0].message.contains("the configuration is empty"))
    }

    @Test func everyErrorInOnePass() {
        let yaml = """
            state_dir: /s
            timezone: Mars/Olympus
            inboxes:
              - {name: a, path: /in, kind: other}
            limits: {max_columns: many}
            journal: {personal_data: maybe}
            retention: {processed: soon}
            colour: blue
            """
        let lines = loadErrors(yaml).map(\.line)
        #expect(lines == [2, 4, 5, 6, 7, 8])
    }
}
