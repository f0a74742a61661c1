import Foundation
import Testing

@testable import SmarketRules

/// Configuration files read from disk, and what spans the whole file.
@Suite struct ConfigurationFileTests {
    @Test func fixtureReportsEveryErrorInOrder() throws {
        let path = fixturesDirectory.appendingPathComponent("config/many-errors.yaml").path
        let error = #expect(throws: ConfigurationErrors.self) {
            _ = try ConfigurationLoader.load(path: path)
        }
        let diagnostics = try #require(error?.diagnostics)
        let found = diagnostics.map { "\($0.line):\($0.column) \($0.message.prefix(24))" }
        #expect(
            found == [
                "3:11 unknown time zone 'Europ",
                "5:66 unknown lead field 'emia",
                "6:5 inbox 'web2' uses the sa",
                "8:56 unknown team 'dach' in t",
                "8:71 unknown rep 'bob' in the",
                "10:26 unknown strategy 'random",
                "13:35 invalid condition in the",
                "15:16 invalid duration '1 day'",
                "16:42 invalid hours '9-17'; ex",
                "16:61 invalid date '2026-12-32",
                "18:27 invalid escalation 'boss",
                "23:21 unknown stage 'hot' in s",
                "24:1 unknown key 'retension' ",
            ])
        #expect(diagnostics.allSatisfy { $0.file == path })
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func errorsDescribeAsGCCLines() throws {
        let path = fixturesDirectory.appendingPathComponent("config/many-errors.yaml").path
        let error = #expect(throws: ConfigurationErrors.self) {
            _ = try ConfigurationLoader.load(path: path)
        }
        let first = try #require(error?.description.split(separator: "\n").first)
        #expect(first.hasPrefix("\(path):3:11: error: unknown time zone 'Europe/Berln'"))
    }

    @Test func secondDocumentIsAnError() throws {
        let errors = loadErrors(minimalYAML + "---\nstate_dir: /other\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 5)
        #expect(errors[0].column == 1)
        #expect(errors[0].message.contains("a second document starts here"))
    }

    @Test func rootMustBeMapping() throws {
        let errors = loadErrors("- state_dir: /s\n")
        try #require(errors.count == 1)
        #expect(
            errors[0].message == "expected the configuration (a mapping of settings), found a list")
    }

    @Test func outboxInsideInboxIsAnError() throws {
        let errors = loadErrors(
            minimalYAML + "outboxes:\n  - {name: crm, path: /var/spool/smarketd/web}\n")
        try #require(errors.count == 1)
        #expect(errors[0].line == 6)
        #expect(errors[0].column == 5)
        #expect(errors[0].message.contains("outbox 'crm' writes into the folder of inbox 'web'"))
    }

    @Test func warningBeforeDeadlineIsWarned() throws {
        let yaml = minimalYAML + "sla:\n  first_touch: 2h\n"
        let warnings = try ConfigurationLoader.load(yaml: yaml, path: fixturePath).warnings
        try #require(warnings.count == 1)
        #expect(warnings[0].line == 6)
        #expect(warnings[0].column == 16)
        #expect(
            warnings[0].message.contains(
                "sla.warn_before (4h) is not shorter than sla.first_touch (2h)"))
    }

    @Test func unknownTitlePlaceholderIsWarned() throws {
        let yaml = minimalYAML + """
            automations:
              - name: call
                on: assigned
                do:
                  - {create_task: {title: "Call {frist_name} at {company} ({custom.plan})", due: 1h, type: call}}

            """
        let warnings = try ConfigurationLoader.load(yaml: yaml, path: fixturePath).warnings
        try #require(warnings.count == 1)
        #expect(warnings[0].message.contains("has the placeholder {frist_name}, which is no lead field"))
        #expect(warnings[0].message.contains("did you mean {first_name}?"))
    }

    @Test func anchorsAndAliasesResolve() throws {
        let yaml = """
            state_dir: /s
            timezone: UTC
            inboxes:
              - &web {name: web, path: /in/web, kind: leads}
            reps:
              - {id: ann, name: Ann, email: ann@example.com, team: t1, away: &winter ["2026-12-24..2026-12-31"]}
              - {id: bo, name: Bo, email: bo@example.com, team: t1, away: *winter}
            teams: [{id: t1}]
            """
        let configuration = try ConfigurationLoader.load(yaml: yaml, path: fixturePath)
            .configuration
        #expect(configuration.reps[1].away == configuration.reps[0].away)
        #expect(configuration.reps[1].isAway(on: CalendarDate(year: 2026, month: 12, day: 31)))
        #expect(!configuration.reps[1].isAway(on: CalendarDate(year: 2027, month: 1, day: 1)))
    }
}
