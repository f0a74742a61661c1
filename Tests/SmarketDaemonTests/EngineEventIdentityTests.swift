import Foundation
import SmarketIngest
import SmarketStore
import Testing

/// An event repeats an earlier one only when all its fields match, so events sent in the same second
/// that differ in stage or value each count.
struct EngineEventIdentityTests {
    @Test func stageChangesInOneSecondAllApply() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("lead@contoso.example")
        let at = harness.now

        #expect(try harness.event("lead@contoso.example", .stageChange, at: at, stage: "mql") == nil)
        #expect(try harness.event("lead@contoso.example", .stageChange, at: at, stage: "sql") == nil)

        #expect(try harness.lead(id).stage == .sql)
        #expect(try harness.count("SELECT COUNT(*) FROM events WHERE lead_id = \(id)") == 2)
    }

    @Test func repeatedEventAppliesOnce() throws {
        let harness = try EngineHarness(EngineSLATests.rules)
        let id = try harness.ingest("lead@contoso.example")
        let at = harness.now

        for _ in 0..<2 {
            #expect(try harness.event("lead@contoso.example", .call, at: at, rep: "ann") == nil)
            #expect(try harness.event("lead@contoso.example", .stageChange, at: at, stage: "mql") == nil)
        }

        #expect(try harness.count("SELECT COUNT(*) FROM events WHERE lead_id = \(id)") == 2)
        #expect(try harness.count("SELECT COUNT(*) FROM events WHERE lead_id = \(id) AND type = 'call'") == 1)
    }
}
