import Foundation
import SmarketIngest
import Testing

@testable import SmarketDaemon

/// Routing through the engine on a real database: strategies, skipping, fallback and account ownership.
@Suite struct EngineRoutingTests {
    static let threeReps = """
        reps:
          - {id: ann, name: Ann, email: ann@corp.example, team: sales}
          - {id: ben, name: Ben, email: ben@corp.example, team: sales}
          - {id: cat, name: Cat, email: cat@corp.example, team: sales}
        teams:
          - {id: sales, strategy: round_robin}
        routing:
          rules:
            - {team: sales}
        """

    @Test func reasonNamesRuleOnce() throws {
        let harness = try EngineHarness(Self.threeReps)
        let id = try harness.ingest("zoe@zeta.example")
        let reason = try harness.text("SELECT reason FROM routing_decisions WHERE lead_id = \(id)")
        #expect(reason == "rule \"rule 1: always\" sent it to team sales; round_robin chose ann")
    }

    @Test func roundRobinSurvivesRestart() throws {
        let harness = try EngineHarness(Self.threeReps)
        var owners: [String?] = []
        for index in 0..<2 { owners.append(try harness.owner(try harness.ingest("l\(index)@a\(index).example"))) }
        // A restart: a new engine on the same database file.
        try harness.reload(Self.threeReps)
        for index in 2..<6 { owners.append(try harness.owner(try harness.ingest("l\(index)@a\(index).example"))) }
        #expect(owners == ["ann", "ben", "cat", "ann", "ben", "cat"])
    }

    @Test func rosterEditKeepsRotation() throws {
        let harness = try EngineHarness(Self.threeReps)
        for index in 0..<2 { try harness.ingest("l\(index)@a\(index).example") }
        // Cat leaves the roster, Dan joins at the top; the rotation continues with whoever waited longest.
        try harness.reload(
            Self.threeReps.replacingOccurrences(
                of: "  - {id: cat, name: Cat, email: cat@corp.example, team: sales}\n", with: ""
            ).replacingOccurrences(of: "reps:\n", with: "reps:\n  - {id: dan, name: Dan, email: dan@corp.example, team: sales}\n"))
        var owners: [String?] = []
        for index in 2..<5 { owners.append(try harness.owner(try harness.ingest("l\(index)@a\(index).example"))) }
        #expect(owners == ["dan", "ann", "ben"])
    }

    @Test(arguments: [
        ("weighted", ["ann", "ben", "ann", "ann", "ben", "ann"]),
        ("least_loaded", ["ann", "ben", "ann", "ben", "ann", "ben"]),
    ])
    func strategiesAssignInOrder(strategy: String, expected: [String]) throws {
        let harness = try EngineHarness(
            """
            reps:
              - {id: ann, name: Ann, email: ann@corp.example, team: sales, weight: 2}
              - {id: ben, name: Ben, email: ben@corp.example, team: sales, weight: 1}
            teams:
              - {id: sales, strategy: \(strategy)}
            routing:
              rules:
                - {team: sales}
            """)
        var owners: [String] = []
        for index in 0..<6 { owners.append(try harness.owner(try harness.ingest("l\(index)@a\(index).example")) ?? "-") }
        #expect(owners == expected)
    }

    @Test func awayAndCapacityAreSkipped() throws {
        let harness = try EngineHarness(
            """
            reps:
              - {id: ann, name: Ann, email: ann@corp.example, team: sales, away: ["2026-12-01..2026-12-10"]}
              - {id: ben, name: Ben, email: ben@corp.example, team: sales, capacity: 1}
              - {id: cat, name: Cat, email: cat@corp.example, team: sales}
            teams:
              - {id: sales, strategy: round_robin}
            routing:
              rules:
                - {team: sales}
            """)
        let owners = try (0..<3).map { try harness.owner(try harness.ingest("l\($0)@a\($0).example")) }
        #expect(owners == ["ben", "cat", "cat"])
        let reason = try harness.text("SELECT reason FROM routing_decisions ORDER BY id DESC LIMIT 1") ?? ""
        #expect(reason.contains("ann is away"))
        #expect(reason.contains("ben is at capacity (1 untouched lead)"))
    }

    /// One engine routes on both sides of an away range's last day: the day of each lead's time counts.
    @Test func awayEndsWithItsLastDay() throws {
        let harness = try EngineHarness(
            """
            reps:
              - {id: ann, name: Ann, email: ann@corp.example, team: sales, away: ["2026-12-01..2026-12-04"]}
            teams:
              - {id: sales, strategy: round_robin}
            routing:
              rules:
                - {team: sales}
            """)
        // 2026-12-04T22:30:00Z is 23:30 on the 4th in Berlin, the last away day; an hour later it is the 5th.
        harness.now = Date(timeIntervalSince1970: 1_796_423_400)
        let during = try harness.ingest("during@contoso.example")
        harness.now = harness.now.addingTimeInterval(3_600)
        let after = try harness.ingest("after@fabrikam.example")

        #expect(try harness.owner(during) == nil)
        #expect(try harness.owner(after) == "ann")
    }

    @Test func fallbackToNextRule() throws {
        let harness = try EngineHarness(
            """
            reps:
              - {id: ann, name: Ann, email: ann@corp.example, team: dach, away: ["2026-12-01..2026-12-31"]}
              - {id: dev, name: Dev, email: dev@corp.example, team: emea}
            teams:
              - {id: dach, strategy: round_robin}
              - {id: emea, strategy: round_robin}
            routing:
              rules:
                - {if: 'country == "DE"', team: dach}
                - {team: emea}
            """)
        let id = try harness.ingest("hans@firma.example", [.country: "DE"])
        #expect(try harness.owner(id) == "dev")
        let reason = try harness.text("SELECT reason FROM routing_decisions WHERE lead_id = \(id)") ?? ""
        #expect(reason.contains("team emea"))
        #expect(reason.contains("ann is away"))
    }

    @Test func nobodyAvailableMarksUnassignedAndRetries() throws {
        let away = """
            reps:
              - {id: ann, name: Ann, email: ann@corp.example, team: sales, away: ["2026-12-01..2026-12-31"]}
            teams:
              - {id: sales, strategy: round_robin}
            routing:
              rules:
                - {team: sales}
            """
        let harness = try EngineHarness(away)
        let id = try harness.ingest("hans@firma.example")
        #expect(try harness.owner(id) == nil)
        #expect(try harness.lead(id).unassignedSince != nil)
        #expect(harness.notes.contains { $0.kind == .leadUnassigned && $0.priority == .error })
        try harness.reload(away.replacingOccurrences(of: ", away: [\"2026-12-01..2026-12-31\"]", with: ""))
        try harness.database.transaction { try harness.engine.retryUnassigned(at: harness.now) }
        #expect(try harness.owner(id) == "ann")
        #expect(try harness.lead(id).unassignedSince == nil)
    }

    @Test func accountOwnerKeepsCompany() throws {
        let harness = try EngineHarness(Self.threeReps.replacingOccurrences(of: "routing:\n", with: "routing:\n  account_ownership: true\n"))
        let first = try harness.ingest("a@contoso.example")
        let second = try harness.ingest("b@contoso.example")
        let other = try harness.ingest("c@fabrikam.example")
        let freeMail = try harness.ingest("d@gmail.com")
        let freeMailToo = try harness.ingest("e@gmail.com")
        #expect(try harness.owner(first) == "ann")
        #expect(try harness.owner(second) == "ann")
        #expect(try harness.owner(other) == "ben")
        #expect(try harness.owner(freeMail) == "cat")
        #expect(try harness.owner(freeMailToo) == "ann")
        #expect(try harness.text("SELECT strategy FROM routing_decisions WHERE lead_id = \(second)") == "account")
    }
}
