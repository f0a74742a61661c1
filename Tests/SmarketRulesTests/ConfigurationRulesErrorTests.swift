import Testing

@testable import SmarketRules

/// Ten lines with a rep, a manager, a team and an outbox; a test appends its section at line 11.
private let peopleYAML = """
    state_dir: /s
    timezone: UTC
    inboxes: [{name: w, path: /w, kind: leads}]
    reps:
      - {id: ann, name: Ann, email: ann@example.com, team: t1, manager: max}
      - {id: max, name: Max, email: max@example.com}
    teams:
      - {id: t1, strategy: round_robin}
    outboxes:
      - {name: crm, path: /o}

    """

/// Returns the single error of `yaml`, recording an issue when there is not exactly one.
private func singleError(_ yaml: String) throws -> Diagnostic {
    let errors = loadErrors(yaml)
    try #require(errors.count == 1, "errors: \(errors)")
    return errors[0]
}

/// One test per error class of reps, teams, routing, scoring, SLA and automations.
@Suite struct ConfigurationRulesErrorTests {
    @Test func peopleBaseLoads() {
        #expect(loadErrors(peopleYAML).isEmpty)
    }

    @Test func unknownTeamInRouting() throws {
        let error = try singleError(peopleYAML + "routing:\n  rules:\n    - {team: t2}\n")
        #expect(error.line == 13)
        #expect(error.column == 14)
        #expect(
            error.message
                == "unknown team 't2' in the routing rule; did you mean 't1'? expected one of: t1")
    }

    @Test func expressionErrorColumnInsideScalar() throws {
        let error = try singleError(
            peopleYAML + "routing:\n  rules:\n    - {if: 'country = \"DE\"', team: t1}\n")
        #expect(error.line == 13)
        #expect(error.column == 21)
        #expect(error.message.contains("expected '==' to compare"))
    }

    @Test func expressionErrorColumnInPlainScalar() throws {
        let error = try singleError(peopleYAML + "scoring:\n  stages:\n    mql: score >= \n")
        #expect(error.line == 13)
        #expect(error.column == 18)
        #expect(error.message.contains("expected a field, a string in double quotes or a number"))
    }

    @Test func unknownManager() throws {
        let yaml = peopleYAML.replacingOccurrences(of: "manager: max}", with: "manager: mx}")
        let error = try singleError(yaml)
        #expect(error.line == 5)
        #expect(error.column == 69)
        #expect(error.message.contains("unknown rep 'mx' in the manager of rep 'ann'"))
    }

    @Test func duplicateRepID() throws {
        let yaml =
            peopleYAML
            .replacingOccurrences(of: "{id: max,", with: "{id: ann,")
            .replacingOccurrences(of: ", manager: max}", with: "}")
        let errors = loadErrors(yaml)
        try #require(errors.count == 1)
        #expect(errors[0].line == 6)
        #expect(errors[0].column == 5)
        #expect(errors[0].message.contains("duplicate rep id 'ann', first used on line 5"))
    }

    @Test func unknownStrategy() throws {
        let yaml = peopleYAML.replacingOccurrences(
            of: "strategy: round_robin", with: "strategy: round-robin")
        let error = try singleError(yaml)
        #expect(error.line == 8)
        #expect(error.column == 24)
        #expect(error.message.contains("did you mean 'round_robin'?"))
    }

    @Test func badAwayDate() throws {
        let yaml = peopleYAML.replacingOccurrences(
            of: "manager: max}", with: "manager: max, away: [\"2026-02-30..2026-03-02\"]}")
        let error = try singleError(yaml)
        #expect(error.line == 5)
        #expect(error.column == 81)
        #expect(error.message.contains("invalid date '2026-02-30'"))
    }

    @Test func reversedAwayRange() throws {
        let yaml = peopleYAML.replacingOccurrences(
            of: "manager: max}", with: "manager: max, away: [\"2027-01-02..2026-12-24\"]}")
        let error = try singleError(yaml)
        #expect(error.message.contains("the first day comes after the last"))
    }

    @Test func unknownTrigger() throws {
        let error = try singleError(
            peopleYAML + "automations:\n  - name: a\n    on: created\n    do: [{set_stage: mql}]\n")
        #expect(error.line == 13)
        #expect(error.column == 9)
        #expect(error.message.contains("unknown trigger 'created'"))
    }

    @Test func eventTriggerNeedsEvent() throws {
        let error = try singleError(
            peopleYAML + "automations:\n  - name: a\n    on: event\n    do: [{set_stage: mql}]\n")
        #expect(error.line == 12)
        #expect(error.column == 5)
        #expect(error.message.contains("missing key 'event'"))
    }

    @Test func eventOnlyWithEventTrigger() throws {
        let error = try singleError(
            peopleYAML
                + "automations:\n  - name: a\n    on: assigned\n    event: call\n    do: [{set_stage: mql}]\n"
        )
        #expect(error.line == 14)
        #expect(error.column == 12)
        #expect(error.message.contains("'event' applies only to automations with 'on: event'"))
    }

    @Test func unknownAction() throws {
        let error = try singleError(
            peopleYAML + "automations:\n  - name: a\n    on: assigned\n    do: [{create_tsk: {}}]\n"
        )
        #expect(error.line == 14)
        #expect(error.column == 11)
        #expect(
            error.message.contains(
                "unknown key 'create_tsk' in an action of automation 'a'; did you mean 'create_task'?"
            ))
    }

    @Test func unknownStage() throws {
        let error = try singleError(
            peopleYAML
                + "automations:\n  - name: a\n    on: assigned\n    do: [{set_stage: qualified}]\n")
        #expect(error.line == 14)
        #expect(error.column == 22)
        #expect(error.message.contains("unknown stage 'qualified'"))
    }

    @Test func unknownOutbox() throws {
        let error = try singleError(
            peopleYAML
                + "automations:\n  - name: a\n    on: assigned\n    do: [{notify: {outbox: cmr}}]\n"
        )
        #expect(error.line == 14)
        #expect(error.column == 28)
        #expect(
            error.message.contains(
                "unknown outbox 'cmr' in notify in automation 'a'; did you mean 'crm'?"))
    }

    @Test func unknownAssignTarget() throws {
        let error = try singleError(
            peopleYAML + "automations:\n  - name: a\n    on: assigned\n    do: [{assign: nobody}]\n"
        )
        #expect(error.line == 14)
        #expect(error.column == 19)
        #expect(error.message.contains("unknown rep or team 'nobody'"))
    }

    @Test func assignResolvesRepOrTeam() throws {
        let yaml =
            peopleYAML
            + "automations:\n  - name: a\n    on: assigned\n    do: [{assign: ann}, {assign: t1}]\n"
        let automation = try #require(
            try ConfigurationLoader.load(yaml: yaml, path: fixturePath).configuration.automations
                .first)
        #expect(automation.actions == [.assign(.rep("ann")), .assign(.team("t1"))])
    }

    @Test func createTaskMissingDue() throws {
        let error = try singleError(
            peopleYAML
                + "automations:\n  - name: a\n    on: assigned\n    do: [{create_task: {title: x, type: call}}]\n"
        )
        #expect(error.line == 14)
        #expect(error.column == 24)
        #expect(error.message == "missing key 'due' in create_task")
    }

    @Test func badEscalationStep() throws {
        let error = try singleError(
            peopleYAML + "sla:\n  escalation:\n    - {after: 1h, notify: boss}\n")
        #expect(error.line == 13)
        #expect(error.column == 27)
        #expect(
            error.message
                == "invalid escalation 'boss'; expected 'notify: manager' or 'reassign: next'")
    }

    @Test func badBusinessDays() throws {
        let error = try singleError(
            peopleYAML + "sla:\n  business_hours: {days: mon-fry, hours: \"09:00-17:00\"}\n")
        #expect(error.line == 12)
        #expect(error.column == 26)
        #expect(error.message.contains("invalid days 'mon-fry'"))
    }

    @Test func badBusinessHours() throws {
        let error = try singleError(
            peopleYAML + "sla:\n  business_hours: {days: [mon, tue], hours: \"17:00-09:00\"}\n")
        #expect(error.line == 12)
        #expect(error.column == 45)
        #expect(error.message.contains("invalid hours '17:00-09:00'"))
    }

    @Test func badHoliday() throws {
        let error = try singleError(
            peopleYAML
                + "sla:\n  business_hours:\n    days: mon-fri\n    hours: 09:00-17:00\n    holidays: [2026-13-01]\n"
        )
        #expect(error.line == 15)
        #expect(error.column == 16)
        #expect(error.message.contains("invalid date '2026-13-01'"))
    }

    @Test func businessDaysListAndWrappingRange() throws {
        let list =
            peopleYAML + "sla:\n  business_hours: {days: [mon, wed], hours: \"08:30-24:00\"}\n"
        let hours = try #require(
            try ConfigurationLoader.load(yaml: list, path: fixturePath).configuration.sla
                .businessHours)
        #expect(hours.days == [.monday, .wednesday])
        #expect(hours.opening == 510)
        #expect(hours.closing == 1440)
        let wrapping =
            peopleYAML + "sla:\n  business_hours: {days: sat-mon, hours: \"10:00-12:00\"}\n"
        let weekend = try #require(
            try ConfigurationLoader.load(yaml: wrapping, path: fixturePath).configuration.sla
                .businessHours)
        #expect(weekend.days == [.saturday, .sunday, .monday])
    }

    @Test func unknownScoringCategory() throws {
        let error = try singleError(
            peopleYAML + "scoring:\n  rules:\n    - {event: call, points: 5, category: fun}\n")
        #expect(error.line == 13)
        #expect(error.column == 42)
        #expect(error.message.contains("unknown category 'fun'"))
    }

    @Test func scoringRuleWithIfAndEvent() throws {
        let error = try singleError(
            peopleYAML
                + "scoring:\n  rules:\n    - {if: 'has phone', event: call, points: 5, category: fit}\n"
        )
        #expect(error.line == 13)
        #expect(error.column == 32)
        #expect(error.message.contains("both 'if' and 'event'"))
    }

    @Test func negativePointsAreAllowed() throws {
        let yaml =
            peopleYAML
            + "scoring:\n  rules:\n    - {if: 'custom.student == \"yes\"', points: -15, category: fit}\n"
        let rule = try #require(
            try ConfigurationLoader.load(yaml: yaml, path: fixturePath).configuration.scoring.rules
                .first)
        #expect(rule.points == -15)
    }

    @Test func unknownEventType() throws {
        let error = try singleError(
            peopleYAML
                + "scoring:\n  rules:\n    - {event: webinar, points: 5, category: engagement}\n")
        #expect(error.line == 13)
        #expect(error.column == 15)
        #expect(error.message.contains("unknown event type 'webinar'"))
    }

    @Test func everyRulesErrorInOnePass() {
        let yaml =
            peopleYAML + """
                routing:
                  rules:
                    - {team: nope}
                sla:
                  first_touch: 1 day
                  notify_outbox: none
                automations:
                  - {name: a, on: never, do: [{set_stage: x}]}
                """
        let lines = loadErrors(yaml).map(\.line)
        #expect(lines == [13, 15, 16, 18, 18])
    }
}
