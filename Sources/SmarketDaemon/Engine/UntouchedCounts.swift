import SmarketStore

/// Untouched leads per rep for one routing decision, read from `rep_load` when the first rep with a
/// capacity is checked. Reps without a capacity need no count, and reading the counts for every route
/// took 2% of the instructions of an import whose leads mostly went to such reps.
final class UntouchedCounts {
    private let routing: RoutingStore
    private var counts: [String: Int]?

    init(_ routing: RoutingStore) {
        self.routing = routing
    }

    /// Returns the number of the rep's leads whose current first-touch deadline is still open.
    func count(of rep: String) throws -> Int {
        if let counts { return counts[rep, default: 0] }
        let read = try routing.untouchedCounts()
        counts = read
        return read[rep, default: 0]
    }
}
