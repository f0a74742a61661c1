import Foundation
import SmarketIngest
import Testing

@testable import SmarketDaemon

/// Scoring rules, stage promotion and decay through the engine on a real database.
@Suite struct EngineScoringTests {
    static let rules = """
        scoring:
          rules:
            - {if: 'job_title ~ /(?i)\\b(vp|director)\\b/', points: 20, category: fit}
            - {if: 'custom.budget == "none"', points: -10, category: fit}
            - {event: webinar_attended, points: 10, max: 30, category: engagement}
            - {event: demo_request, points: 40, category: intent}
          decay: {half_life: 30d}
          stages: {mql: 'score >= 50'}
        """

    @Test func fieldRuleCountsOnceAcrossMerges() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example", [.jobTitle: "VP Sales"])
        #expect(try harness.lead(id).score == 20)
        try harness.ingest("ann@contoso.example", [.jobTitle: "VP Sales", .city: "Berlin"])
        #expect(try harness.lead(id).score == 20)
        try harness.ingest("ann@contoso.example", [.jobTitle: "Intern"])
        #expect(try harness.lead(id).score == 0)
        #expect(try harness.count("SELECT COUNT(*) FROM score_changes WHERE lead_id = \(id)") == 2)
    }

    @Test func negativePointsApply() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example", custom: ["budget": "none"])
        #expect(try harness.lead(id).score == -10)
    }

    @Test func eventRuleStopsAtMax() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example")
        for day in 0..<4 {
            try harness.event("ann@contoso.example", .webinarAttended, at: harness.now.addingTimeInterval(Double(-day) * 60))
        }
        #expect(try harness.lead(id).score == 30)
    }

    @Test func scoreThresholdPromotesToMQL() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example", [.jobTitle: "Director of IT"])
        #expect(try harness.lead(id).stage == .lead)
        try harness.event("ann@contoso.example", .demoRequest)
        #expect(try harness.lead(id).score == 60)
        #expect(try harness.lead(id).stage == .mql)
        #expect(try harness.text("SELECT detail FROM lead_history WHERE kind = 'stage'")?.contains("score >= 50") == true)
    }

    @Test func engagementDecaysByHalfLife() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example")
        try harness.event("ann@contoso.example", .webinarAttended, at: harness.now.addingTimeInterval(-30 * 86_400))
        #expect(try harness.lead(id).score == 5)
    }

    @Test func importNeverMovesStageBack() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example", [.stage: "sql"])
        try harness.ingest("ann@contoso.example", [.stage: "lead"])
        #expect(try harness.lead(id).stage == .sql)
    }

    @Test func stageChangeEventMovesLead() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example")
        #expect(try harness.event("ann@contoso.example", .stageChange, stage: "won") == nil)
        #expect(try harness.lead(id).stage == .won)
    }

    @Test func sameEventAppliesOnce() throws {
        let harness = try EngineHarness(Self.rules)
        let id = try harness.ingest("ann@contoso.example")
        try harness.event("ann@contoso.example", .demoRequest)
        try harness.event("ann@contoso.example", .demoRequest)
        #expect(try harness.lead(id).score == 40)
        #expect(try harness.count("SELECT COUNT(*) FROM events") == 1)
    }

    @Test func unknownLeadEventIsRejected() throws {
        let harness = try EngineHarness(Self.rules)
        let reason = try harness.event("nobody@contoso.example", .call)
        #expect(reason?.contains("no lead matches the email nobody@contoso.example") == true)
    }
}
