import Testing

@testable import SmarketRules

/// Problems that leave the configuration usable come back as warnings with the value.
@Suite struct ConfigurationWarningTests {
    private func warnings(_ yaml: String) throws -> [Diagnostic] {
        try ConfigurationLoader.load(yaml: yaml, path: fixturePath).warnings
    }

    @Test func repWithoutManagerWhileNotifyingManagers() throws {
        let yaml =
            minimalYAML + """
                reps:
                  - {id: ann, name: Ann, email: ann@example.com, team: t1}
                  - {id: bo, name: Bo, email: bo@example.com, team: t1, manager: ann}
                teams: [{id: t1}]
                sla:
                  escalation: [{after: 0h, notify: manager}]
                """
        let found = try warnings(yaml)
        try #require(found.count == 1)
        #expect(found[0].severity == .warning)
        #expect(found[0].line == 6)
        #expect(found[0].column == 5)
        #expect(found[0].message.contains("rep 'ann' has no manager"))
        #expect(found[0].description.contains(": warning: "))
    }

    @Test func noManagerWarningWithoutNotifyStep() throws {
        let yaml =
            minimalYAML + """
                reps:
                  - {id: ann, name: Ann, email: ann@example.com, team: t1}
                  - {id: bo, name: Bo, email: bo@example.com, team: t1}
                teams: [{id: t1}]
                """
        #expect(try warnings(yaml).isEmpty)
    }

    @Test func teamOfOneWithReassignNext() throws {
        let yaml =
            minimalYAML + """
                reps:
                  - {id: ann, name: Ann, email: ann@example.com, team: solo}
                teams:
                  - {id: solo, strategy: weighted}
                sla:
                  escalation: [{after: 8h, reassign: next}]
                """
        let found = try warnings(yaml)
        try #require(found.count == 1)
        #expect(found[0].line == 8)
        #expect(found[0].column == 5)
        #expect(found[0].message.contains("team 'solo' has one rep"))
    }

    @Test func teamWithoutReps() throws {
        let yaml =
            minimalYAML + """
                teams:
                  - {id: empty}
                """
        let found = try warnings(yaml)
        try #require(found.count == 1)
        #expect(found[0].line == 6)
        #expect(found[0].message.contains("team 'empty' has no reps"))
    }

    @Test func capacityZero() throws {
        let yaml =
            minimalYAML + """
                reps:
                  - {id: ann, name: Ann, email: ann@example.com, team: t1}
                  - {id: bo, name: Bo, email: bo@example.com, team: t1, capacity: 0}
                teams: [{id: t1}]
                """
        let found = try warnings(yaml)
        try #require(found.count == 1)
        #expect(found[0].line == 7)
        #expect(found[0].message.contains("rep 'bo' has capacity 0"))
    }

    @Test func warningsDoNotHideErrors() {
        let yaml =
            minimalYAML + """
                teams:
                  - {id: empty, strategy: fastest}
                """
        let errors = loadErrors(yaml)
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { $0.severity == .error })
    }
}
