import Testing

@testable import SmarketRules

private let lead = ExpressionContext(
    fields: [
        "country": "DE",
        "job_title": "Head of Marketing",
        "employees": "250",
        "form": "Demo",
        "phone": "",
        "custom.budget": "12000",
        "custom.plan": "Team",
    ],
    score: 55,
    stage: "mql"
)

/// Conditions and what they return for `lead`.
private let table: [(source: String, expected: Bool)] = [
    ("country == \"de\"", true),
    ("country != \"DE\"", false),
    ("country in [\"DE\", \"AT\", \"CH\"]", true),
    ("country in [\"FR\"]", false),
    ("country in []", false),
    ("score >= 50", true),
    ("score > 55", false),
    ("score <= 55", true),
    ("score < 55.5", true),
    ("employees > 200", true),
    ("employees == 250.0", true),
    ("\"DE\" == country", true),
    ("custom.budget >= 10000", true),
    ("custom.plan == \"team\"", true),
    ("custom.missing == \"x\"", false),
    ("custom.missing != \"x\"", true),
    ("has country", true),
    ("has phone", false),
    ("has custom.plan", true),
    ("has city", false),
    ("not has city", true),
    ("city == \"\"", false),
    ("city != \"\"", true),
    ("city in [\"\"]", false),
    ("city ~ /.*/", false),
    ("job_title ~ /(?i)\\b(head|director|vp|chief)\\b/", true),
    ("job_title ~ /\\bdirector\\b/", false),
    ("job_title ~ /head/", false),
    ("job_title ~ /Head/", true),
    ("stage == \"MQL\"", true),
    ("stage in [\"sql\", \"won\"]", false),
    ("form == \"demo\" and score >= 50", true),
    ("form == \"demo\" and score >= 60", false),
    ("country == \"FR\" or score >= 50", true),
    ("not country == \"DE\"", false),
    ("not (country == \"FR\")", true),
    // and binds tighter than or: true or (false and false) is true.
    ("country == \"DE\" or country == \"FR\" and score > 90", true),
    ("(country == \"DE\" or country == \"FR\") and score > 90", false),
    ("not country == \"FR\" and has phone", false),
    ("job_title < \"Intern\"", true),
]

@Suite struct ExpressionTests {
    @Test(arguments: table.indices)
    func evaluationTable(_ index: Int) throws {
        let row = table[index]
        let expression = try Expression(parsing: row.source)
        #expect(expression.evaluate(lead) == row.expected, "\(row.source)")
    }

    @Test func regexAsWrittenInYAMLSingleQuotes() throws {
        let yaml =
            minimalYAML + """
                scoring:
                  rules:
                    - {if: 'job_title ~ /(?i)\\b(head|director|vp|chief)\\b/', points: 20, category: fit}
                """
        let rule = try #require(
            try ConfigurationLoader.load(yaml: yaml, path: fixturePath).configuration.scoring.rules
                .first)
        guard case .condition(let expression) = rule.trigger else {
            Issue.record("expected a condition rule")
            return
        }
        let director = ExpressionContext(
            fields: ["job_title": "Sales DIRECTOR EMEA"], score: 0, stage: "lead")
        let directory = ExpressionContext(
            fields: ["job_title": "Directory manager"], score: 0, stage: "lead")
        #expect(expression.evaluate(director))
        #expect(!expression.evaluate(directory))
    }

    /// The input libFuzzer reported: a pattern full of replacement characters from repaired UTF-8, then a
    /// stray parenthesis. Compiling that pattern leaks inside Foundation's `_CFRegularExpressionCreate`,
    /// which Fuzz/lsan.supp suppresses; the parser must still report the parenthesis at its column.
    @Test func fuzzedPatternThenParenthesisIsSyntaxError() {
        let source =
            "custom.bub~ /" + String(repeating: "X", count: 33) + ";" + String(repeating: "X", count: 38)
            + String(repeating: "\u{FFFD}", count: 76) + String(repeating: "X", count: 16) + ";"
            + String(repeating: "X", count: 38) + String(repeating: "\u{FFFD}", count: 96)
            + String(repeating: "X", count: 27) + "iXXX()X?/("
        #expect(throws: ExpressionError.self) { try Expression(parsing: source) }
        do {
            _ = try Expression(parsing: source)
        } catch let error as ExpressionError {
            #expect(error.message.hasSuffix("found '('"), "\(error)")
            #expect(error.column == source.count)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func stringEscapes() throws {
        let context = ExpressionContext(
            fields: ["company": "The \"Best\" \\ Co"], score: 0, stage: "lead")
        let expression = try Expression(parsing: #"company == "the \"best\" \\ co""#)
        #expect(expression.evaluate(context))
    }

    @Test func regexWithEscapedSlash() throws {
        let context = ExpressionContext(
            fields: ["website": "https://acme.example/de"], score: 0, stage: "lead")
        let expression = try Expression(parsing: #"website ~ /\/de$/"#)
        #expect(expression.evaluate(context))
    }

    @Test func sourceIsKept() throws {
        #expect(try Expression(parsing: "score >= 50").source == "score >= 50")
    }
}

/// Syntax errors name the 1-based column inside the condition and what was expected there.
@Suite struct ExpressionErrorTests {
    private func error(_ source: String) -> ExpressionError? {
        do {
            _ = try Expression(parsing: source)
            return nil
        } catch let error as ExpressionError {
            return error
        } catch {
            return nil
        }
    }

    @Test func singleEquals() {
        let found = error("country = \"DE\"")
        #expect(found?.column == 9)
        #expect(found?.message.contains("expected '==' to compare") == true)
    }

    @Test func missingOperand() {
        let found = error("score >=")
        #expect(found?.column == 9)
        #expect(
            found?.message
                == "expected a field, a string in double quotes or a number, found the end of the condition"
        )
    }

    @Test func unknownFieldSuggests() {
        let found = error("has contry")
        #expect(found?.column == 5)
        #expect(found?.message.contains("unknown field 'contry'; did you mean 'country'?") == true)
    }

    @Test func unclosedParenthesis() {
        let found = error("(score > 1 and has phone")
        #expect(found?.column == 25)
        #expect(found?.message == "expected ')', found the end of the condition")
    }

    @Test func bareFieldNeedsComparison() {
        let found = error("country and score > 5")
        #expect(found?.column == 9)
        #expect(found?.message.contains("expected a comparison") == true)
    }

    @Test func trailingToken() {
        let found = error("score > 5 country")
        #expect(found?.column == 11)
        #expect(found?.message.contains("expected 'and', 'or' or the end of the condition") == true)
    }

    @Test func unterminatedString() {
        let found = error("form == \"demo")
        #expect(found?.column == 9)
        #expect(found?.message.contains("unterminated string") == true)
    }

    @Test func invalidEscape() {
        let found = error(#"form == "a\nb""#)
        #expect(found?.column == 11)
        #expect(found?.message.contains("invalid escape") == true)
    }

    @Test func invalidRegex() {
        let found = error("job_title ~ /(head/")
        #expect(found?.column == 13)
        #expect(found?.message.contains("invalid regular expression") == true)
    }

    @Test func regexNeedsSlashes() {
        let found = error("job_title ~ \"head\"")
        #expect(found?.column == 13)
        #expect(found?.message.contains("a regular expression") == true)
    }

    @Test func inNeedsList() {
        let found = error("country in \"DE\"")
        #expect(found?.column == 12)
        #expect(found?.message.contains("'[' to start a list") == true)
    }

    @Test func listNeedsCommas() {
        let found = error("country in [\"DE\" \"AT\"]")
        #expect(found?.column == 18)
        #expect(found?.message.contains("',' or ']'") == true)
    }

    @Test func unexpectedCharacter() {
        let found = error("score >= 5 & has phone")
        #expect(found?.column == 12)
        #expect(found?.message.contains("unexpected character '&'") == true)
    }

    @Test func emptyCondition() {
        let found = error("")
        #expect(found?.column == 1)
    }

    @Test func customNeedsName() {
        let found = error("custom. == \"x\"")
        #expect(found?.column == 1)
        #expect(found?.message.contains("expected custom.NAME") == true)
    }
}
