/// A rep who could take a lead, with the durable rotation state that keeps routing fair.
public struct RoutingCandidate: Sendable, Hashable {
    public var id: String
    /// The rep's share under `weighted` (default 1).
    public var weight: Double
    /// The assignment sequence number of the rep's last lead; 0 when the rep never had one.
    public var lastSequence: Int64
    /// The running credit of smooth weighted round robin.
    public var currentWeight: Double
    /// Leads the rep owns that are not closed, for `least_loaded`.
    public var openLeads: Int

    public init(id: String, weight: Double = 1, lastSequence: Int64 = 0, currentWeight: Double = 0, openLeads: Int = 0) {
        self.id = id
        self.weight = weight
        self.lastSequence = lastSequence
        self.currentWeight = currentWeight
        self.openLeads = openLeads
    }
}

/// The choice among available reps, with the rotation state to store.
///
/// Round robin serves the rep who waited longest since their last lead. It keeps a "last served" order
/// rather than a position in the roster, so adding, removing or reordering reps never skews the rotation,
/// and a rep back from leave takes one turn and then queues behind the others instead of catching up.
/// Weighted is smooth weighted round robin: each available rep earns its weight per lead, the richest
/// takes it and pays the total; only available reps earn, so absence builds no backlog. Least loaded
/// takes the rep with the fewest open leads; ties go to the one who waited longest.
public struct RepSelection: Sendable, Hashable {
    public var chosen: String
    /// New `currentWeight` of every candidate (only `weighted` changes them).
    public var currentWeights: [String: Double]

    /// Chooses a rep, or returns nil when there is no candidate. Candidates come in roster order, which
    /// breaks remaining ties.
    public static func choose(_ strategy: RoutingStrategy, among candidates: [RoutingCandidate]) -> RepSelection? {
        guard !candidates.isEmpty else { return nil }
        var weights = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.currentWeight) })
        let chosen: RoutingCandidate
        switch strategy {
        case .roundRobin:
            chosen = candidates.min(by: waitedLonger)!
        case .leastLoaded:
            chosen = candidates.min { lhs, rhs in
                lhs.openLeads != rhs.openLeads ? lhs.openLeads < rhs.openLeads : waitedLonger(lhs, rhs)
            }!
        case .weighted:
            let total = candidates.reduce(0) { $0 + max($1.weight, 0) }
            var earned = candidates
            for index in earned.indices { earned[index].currentWeight += max(earned[index].weight, 0) }
            chosen = earned.min { lhs, rhs in
                lhs.currentWeight != rhs.currentWeight ? lhs.currentWeight > rhs.currentWeight : waitedLonger(lhs, rhs)
            }!
            for candidate in earned {
                weights[candidate.id] = candidate.currentWeight - (candidate.id == chosen.id ? total : 0)
            }
        }
        return RepSelection(chosen: chosen.id, currentWeights: weights)
    }

    /// Whether `lhs` had their last lead before `rhs`; reps who never had one come first.
    private static func waitedLonger(_ lhs: RoutingCandidate, _ rhs: RoutingCandidate) -> Bool {
        lhs.lastSequence < rhs.lastSequence
    }
}
