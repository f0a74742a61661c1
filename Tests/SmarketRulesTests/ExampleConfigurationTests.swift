import Foundation
import Testing

@testable import SmarketRules

/// The example files in `config/` that `make install` and the README use.
@Suite struct ExampleConfigurationTests {
    @Test func systemExampleLoads() throws {
        let path = repositoryDirectory.appendingPathComponent("config/smarketd.yaml").path
        let (configuration, warnings) = try ConfigurationLoader.load(path: path)
        #expect(warnings.isEmpty)
        #expect(configuration.stateDirectory == "/var/lib/smarketd")
        #expect(
            configuration.inboxes.map(\.path) == [
                "/var/spool/smarketd/web", "/var/spool/smarketd/activity",
            ])
        #expect(configuration.outboxes.map(\.path) == ["/var/spool/smarketd/outbox/crm"])
        #expect(configuration.reps.count == 5)
        #expect(configuration.automations.count == 3)
    }

    @Test func localExampleKeepsPathsInProject() throws {
        let path = repositoryDirectory.appendingPathComponent("config/local.yaml").path
        let (configuration, warnings) = try ConfigurationLoader.load(path: path)
        let root = repositoryDirectory.standardizedFileURL.path
        #expect(warnings.isEmpty)
        #expect(configuration.stateDirectory == root + "/var/lib/smarketd")
        #expect(configuration.timeZone.identifier == "Europe/Berlin")
        #expect(
            configuration.inboxes.map(\.path) == [
                root + "/var/spool/smarketd/web", root + "/var/spool/smarketd/activity",
            ])
        #expect(configuration.outboxes.map(\.path) == [root + "/var/spool/smarketd/outbox/crm"])
        #expect(configuration.metrics?.path.hasPrefix(root + "/") == true)
    }

    @Test func systemExampleDecodesEverySection() throws {
        let path = repositoryDirectory.appendingPathComponent("config/smarketd.yaml").path
        let configuration = try ConfigurationLoader.load(path: path).configuration
        let alice = try #require(configuration.reps.first)
        #expect(alice.weight == 2)
        #expect(alice.capacity == 40)
        #expect(alice.manager == "carol")
        #expect(
            alice.away == [
                CalendarDate(
                    year: 2026, month: 12, day: 24)...CalendarDate(year: 2027, month: 1, day: 2)
            ])
        #expect(configuration.reps[4].team == nil)
        #expect(configuration.teams.map(\.strategy) == [.roundRobin, .leastLoaded])
        #expect(configuration.routing.accountOwnership)
        #expect(configuration.routing.rules.count == 2)
        #expect(configuration.routing.rules[1].condition == nil)
        #expect(configuration.scoring.rules.count == 3)
        #expect(configuration.scoring.rules[1].maximum == 30)
        #expect(configuration.scoring.decayHalfLife == TimeInterval(30 * 86_400))
        #expect(configuration.scoring.mqlCondition?.source == "score >= 50")
        #expect(configuration.sla.mqlPerMonth == 50)
        #expect(configuration.sla.firstTouch == .seconds(86_400))
        #expect(
            configuration.sla.businessHours
                == BusinessHoursConfiguration(
                    days: [.monday, .tuesday, .wednesday, .thursday, .friday], opening: 540,
                    closing: 1020,
                    holidays: [CalendarDate(year: 2026, month: 12, day: 25)]))
        #expect(configuration.sla.notifyOutbox == "crm")
        #expect(
            configuration.sla.escalation == [
                EscalationStep(after: .seconds(0), action: .notifyManager),
                EscalationStep(after: .seconds(8 * 3600), action: .reassignNext),
            ])
        #expect(
            configuration.automations[0].actions == [
                .createTask(
                    TaskTemplate(
                        title: "Call {first_name}[ at {company}]", due: .seconds(4 * 3600),
                        type: "call"))
            ])
        #expect(configuration.automations[1].actions == [.setStage(.mql), .notify(outbox: "crm")])
        #expect(configuration.automations[2].eventType == "webinar_attended")
        #expect(
            configuration.automations[2].actions == [
                .createTask(
                    TaskTemplate(
                        title: "Send the webinar recording to {first_name}", due: .days(1),
                        type: "email_sent"))
            ])
    }

    @Test func summaryListsEverySection() throws {
        let path = repositoryDirectory.appendingPathComponent("config/smarketd.yaml").path
        let configuration = try ConfigurationLoader.load(path: path).configuration
        let expected = """
            configuration: \(path)
            state directory: /var/lib/smarketd
            time zone: Europe/Berlin
            inboxes: 2
              web (leads): /var/spool/smarketd/web
              activity (events): /var/spool/smarketd/activity
            reps: 5
              alice: team dach, weight 2, capacity 40, manager carol, away 2026-12-24..2027-01-02
              bob: team dach, manager carol
              dave: team emea, manager carol
              erin: team emea, manager carol
              carol: no team
            teams: 2
              dach (round_robin): alice, bob
              emea (least_loaded): dave, erin
            routing rules: 2, account ownership on
              if country in ["DE", "AT", "CH"] -> team dach
              always -> team emea
            scoring rules: 3
              if job_title ~ /(?i)\\b(head|director|vp|chief)\\b/: 20 fit
              event webinar_attended: 10 engagement, max 30
              event demo_request: 40 intent
              mql when score >= 50
            sla: first touch 24h, warning 4h before, business hours, 2 escalation steps
            automations: 3
              every new lead gets its first-touch task (on assigned, 1 action)
              demo requests jump the queue (on lead_created, 2 actions)
              webinar guests get a follow-up mail (on event webinar_attended, 1 action)
            outboxes: 1
              crm: /var/spool/smarketd/outbox/crm

            """
        #expect(ConfigurationSummary(configuration).text == expected)
    }
}
