import Testing

@testable import SmarketRules

/// The routing strategies on rosters with durable rotation state.
@Suite struct RepSelectionTests {
    /// Routes `count` leads in a row, storing the rotation state as the engine does, and returns the owners.
    func route(_ count: Int, _ strategy: RoutingStrategy, _ roster: [RoutingCandidate], available: (Int, String) -> Bool = { _, _ in true })
        -> [String]
    {
        var reps = roster
        var sequence: Int64 = reps.map(\.lastSequence).max() ?? 0
        var owners: [String] = []
        for lead in 0..<count {
            let candidates = reps.filter { available(lead, $0.id) }
            guard let selection = RepSelection.choose(strategy, among: candidates) else {
                owners.append("-")
                continue
            }
            sequence += 1
            for index in reps.indices {
                if let weight = selection.currentWeights[reps[index].id] { reps[index].currentWeight = weight }
                if reps[index].id == selection.chosen {
                    reps[index].lastSequence = sequence
                    reps[index].openLeads += 1
                }
            }
            owners.append(selection.chosen)
        }
        return owners
    }

    @Test func roundRobinCycles() {
        let roster = ["alice", "bob", "carol"].map { RoutingCandidate(id: $0) }
        #expect(route(6, .roundRobin, roster) == ["alice", "bob", "carol", "alice", "bob", "carol"])
    }

    @Test func roundRobinResumesFromStoredState() {
        let roster = [
            RoutingCandidate(id: "alice", lastSequence: 7), RoutingCandidate(id: "bob", lastSequence: 8),
            RoutingCandidate(id: "carol", lastSequence: 6),
        ]
        #expect(route(3, .roundRobin, roster) == ["carol", "alice", "bob"])
    }

    @Test func returningRepGetsNoBurst() {
        let roster = ["alice", "bob", "carol"].map { RoutingCandidate(id: $0) }
        // Bob is away for leads 0 to 5 and back from lead 6 on.
        let owners = route(12, .roundRobin, roster) { lead, rep in rep != "bob" || lead >= 6 }
        #expect(Array(owners.prefix(6)) == ["alice", "carol", "alice", "carol", "alice", "carol"])
        #expect(Array(owners.suffix(6)) == ["bob", "alice", "carol", "bob", "alice", "carol"])
    }

    @Test func weightedFollowsWeights() {
        let roster = [RoutingCandidate(id: "alice", weight: 2), RoutingCandidate(id: "bob", weight: 1)]
        let owners = route(9, .weighted, roster)
        #expect(owners.filter { $0 == "alice" }.count == 6)
        #expect(owners.filter { $0 == "bob" }.count == 3)
        #expect(owners.prefix(3).sorted() == ["alice", "alice", "bob"])
    }

    @Test func weightedAbsenceBuildsNoCredit() {
        let roster = [RoutingCandidate(id: "alice", weight: 1), RoutingCandidate(id: "bob", weight: 1)]
        let owners = route(8, .weighted, roster) { lead, rep in rep != "bob" || lead >= 4 }
        #expect(Array(owners.suffix(4)).filter { $0 == "bob" }.count == 2)
    }

    @Test func leastLoadedPicksFewestOpen() {
        let roster = [
            RoutingCandidate(id: "dave", openLeads: 3), RoutingCandidate(id: "erin", openLeads: 1),
            RoutingCandidate(id: "frank", openLeads: 2),
        ]
        #expect(route(4, .leastLoaded, roster) == ["erin", "frank", "erin", "dave"])
    }

    @Test func noCandidateGivesNil() {
        #expect(RepSelection.choose(.roundRobin, among: []) == nil)
    }
}
