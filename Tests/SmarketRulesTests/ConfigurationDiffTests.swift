import Foundation
import Testing

@testable import SmarketRules

/// What a reload journals: the differences between the installed configuration and an edited copy.
@Suite struct ConfigurationDiffTests {
    static let installedYAML: String = {
        let path = repositoryDirectory.appendingPathComponent("config/smarketd.yaml").path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    /// Loads the installed configuration and a copy with each `(old, new)` text replaced.
    func diff(_ replacements: [(String, String)]) throws -> ConfigurationDiff {
        var edited = Self.installedYAML
        for (old, new) in replacements {
            #expect(edited.contains(old), "the installed configuration no longer contains \(old)")
            edited = edited.replacingOccurrences(of: old, with: new)
        }
        let before = try ConfigurationLoader.load(yaml: Self.installedYAML, path: fixturePath).configuration
        let after = try ConfigurationLoader.load(yaml: edited, path: fixturePath).configuration
        return ConfigurationDiff(from: before, to: after)
    }

    func change(_ diff: ConfigurationDiff, _ kind: ConfigurationChange.Kind) -> ConfigurationChange? {
        diff.changes.first { $0.kind == kind }
    }

    @Test func diffSameFileIsEmpty() throws {
        let diff = try diff([])
        #expect(diff.isEmpty)
        #expect(!diff.needsRestart)
    }

    @Test func diffMQLThreshold() throws {
        let diff = try diff([("stages: {mql: 'score >= 50'}", "stages: {mql: 'score >= 60'}")])
        #expect(diff.changes.map(\.kind) == [.thresholds])
        #expect(change(diff, .thresholds)?.detail == "stages.mql score >= 50 -> score >= 60")
        #expect(!diff.needsRestart)
    }

    @Test func diffSLADurations() throws {
        let diff = try diff([("first_touch: 24h", "first_touch: 8h"), ("warn_before: 4h", "warn_before: 1h")])
        let detail = change(diff, .thresholds)?.detail ?? ""
        #expect(detail.contains("sla.first_touch 24h -> 8h"))
        #expect(detail.contains("sla.warn_before 4h -> 1h"))
        #expect(diff.changes.count == 1)
    }

    @Test func diffRepsAddedRemovedModified() throws {
        let diff = try diff([
            ("capacity: 40", "capacity: 30"),
            (
                "  - {id: bob, name: Bob Stone, email: bob@example.com, team: dach, manager: carol}\n",
                "  - {id: frank, name: Frank Low, email: frank@example.com, team: dach, manager: carol}\n"
            ),
        ])
        let reps = change(diff, .reps)
        #expect(reps?.detail == "added frank; removed bob; modified alice (capacity)")
        #expect(reps?.needsRestart == false)
    }

    @Test func diffRepDetailHasNoPersonalData() throws {
        let diff = try diff([("Alice Meyer, email: alice@example.com", "Alice Smith, email: alice@example.org")])
        let detail = change(diff, .reps)?.detail ?? ""
        #expect(detail == "modified alice (email, name)")
        #expect(!detail.contains("example.org"))
    }

    @Test func diffTeamStrategy() throws {
        let diff = try diff([("{id: emea, strategy: least_loaded}", "{id: emea, strategy: round_robin}")])
        #expect(change(diff, .teams)?.detail == "modified emea (strategy)")
    }

    @Test func diffScoringRules() throws {
        let diff = try diff([("{event: demo_request, points: 40, category: intent}", "{event: demo_request, points: 45, category: intent}")])
        let detail = change(diff, .scoringRules)?.detail ?? ""
        #expect(detail == "added event demo_request 45 intent; removed event demo_request 40 intent")
    }

    @Test func diffRoutingOrder() throws {
        let diff = try diff([
            ("account_ownership: true", "account_ownership: false"),
            ("- {team: emea}                         # no condition: every other lead", "- {if: 'country == \"FR\"', team: emea}\n    - {team: emea}"),
        ])
        let detail = change(diff, .routing)?.detail ?? ""
        #expect(detail.contains("added if 'country == \"FR\"' -> team emea"))
        #expect(detail.contains("account_ownership true -> false"))
    }

    @Test func diffInboxAddedNeedsRestart() throws {
        let diff = try diff([
            ("    kind: events\n", "    kind: events\n  - {name: ads, path: /var/spool/smarketd/ads, kind: leads}\n")
        ])
        let inboxes = change(diff, .inboxes)
        #expect(inboxes?.detail == "added ads")
        #expect(inboxes?.needsRestart == true)
        #expect(diff.needsRestart)
        #expect(inboxes?.description.hasSuffix("(takes effect after a restart)") == true)
    }

    @Test func diffInboxSettingsApplyLive() throws {
        let diff = try diff([("source: website", "source: landing-page")])
        let inboxes = change(diff, .inboxes)
        #expect(inboxes?.detail == "modified web (source)")
        #expect(inboxes?.needsRestart == false)
    }

    @Test func diffStateDirectoryNeedsRestart() throws {
        let diff = try diff([("state_dir: /var/lib/smarketd", "state_dir: /srv/smarketd")])
        #expect(change(diff, .stateDirectory)?.needsRestart == true)
    }

    @Test func diffAutomationModified() throws {
        let diff = try diff([("due: 4h, type: call", "due: 2h, type: call")])
        #expect(change(diff, .automations)?.detail == "modified every new lead gets its first-touch task (do)")
    }

    @Test func diffSettingsAndTimeZone() throws {
        let diff = try diff([
            ("personal_data: false", "personal_data: true"), ("timezone: Europe/Berlin", "timezone: Europe/Vienna"),
        ])
        #expect(change(diff, .settings)?.detail == "changed journal")
        #expect(change(diff, .timeZone)?.detail == "Europe/Berlin -> Europe/Vienna")
        #expect(diff.changes.map(\.kind) == [.timeZone, .settings])
    }
}
