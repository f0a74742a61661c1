import Testing

@testable import SmarketRules

/// YAML syntax errors point at libyaml's problem mark, 1-based, and name the context's line when it differs.
@Suite struct ConfigurationSyntaxErrorTests {
    static let missingBrace = """
        state_dir: /s
        timezone: UTC
        inboxes:
          - {name: web, path: /in/web, kind: leads
          - {name: activity, path: /in/activity, kind: events}

        """

    @Test func missingBraceNamesMappingStart() throws {
        let errors = loadErrors(Self.missingBrace)
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 5)
        #expect(
            errors[0].message
                == "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping that starts at line 4")
    }

    @Test func missingBraceWithCRLFLines() throws {
        let yaml = Self.missingBrace.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let errors = loadErrors(yaml)
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 5)
        #expect(errors[0].message.hasSuffix("that starts at line 4"))
    }

    @Test func badIndentationNamesListStart() throws {
        let yaml = """
            state_dir: /s
            timezone: UTC
            inboxes:
              - name: web
                path: /in/web
               kind: leads

            """
        let errors = loadErrors(yaml)
        try #require(errors.count == 1)
        #expect(errors[0].line == 6)
        #expect(errors[0].column == 4)
        #expect(
            errors[0].message
                == "invalid YAML: did not find expected '-' indicator while parsing a block collection that starts at line 4"
        )
    }

    @Test func contextOnSameLineIsNotRepeated() throws {
        let errors = loadErrors("state_dir: /s\ntimezone: {a: b: c}\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 2)
        #expect(errors[0].column == 16)
        #expect(errors[0].message == "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping")
    }

    @Test func controlCharacterIsLocated() throws {
        let errors = loadErrors("state_dir: /s\ntimezone: UTC\nname: \"é\u{1}b\"\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 3)
        #expect(errors[0].column == 9)
        #expect(errors[0].message == "invalid YAML: control characters are not allowed (U+0001)")
    }

    @Test(arguments: [
        ("abc", 0, 1, 1),
        ("abc", 2, 1, 3),
        ("a\nbc", 3, 2, 2),
        ("a\r\nbc", 4, 2, 2),
        ("a\rbc", 2, 2, 1),
        ("\u{e9}\u{20ac}x", 5, 1, 3),
    ])
    func offsetMarkCountsScalars(text: String, offset: Int, line: Int, column: Int) {
        let mark = YAMLMark(offset: offset, in: Array(text.utf8))
        #expect(mark.line == line)
        #expect(mark.column == column)
    }
}
