import Foundation
import SmarketIngest

/// The durable state of routing: rotation per rep, account owners, decisions and unassigned leads.
public struct RoutingStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The stored rotation state of each rep; reps never routed to are missing.
    public func rotation() throws -> [String: RotationState] {
        try database.rotationStates()
    }

    /// Leads each rep owns that are not closed. Triggers on `leads` keep these counts in `rep_load`, so
    /// routing reads them in constant time however many leads there are.
    public func openLeadCounts() throws -> [String: Int] {
        let rows = try database.statement("SELECT rep, open_leads FROM rep_load").rows { ($0.text(0) ?? "", Int($0.int(1))) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// Untouched leads per rep: leads whose current first-touch deadline is still open. Triggers on
    /// `sla_deadlines` keep these counts in `rep_load`.
    public func untouchedCounts() throws -> [String: Int] {
        let rows = try database.statement("SELECT rep, untouched FROM rep_load").rows { ($0.text(0) ?? "", Int($0.int(1))) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// Returns the rep who owns a company domain. Inside a transaction an owner once read is kept in memory.
    public func accountOwner(of domain: String) throws -> String? {
        try database.accountOwner(of: domain)
    }

    /// Records the first owner of a company domain; later owners do not replace it.
    public func claimAccount(_ domain: String, for rep: String) throws {
        try database.claimAccount(domain, for: rep)
    }

    /// Takes the next number of a named counter.
    public func nextValue(of counter: String) throws -> Int64 {
        try database.nextCounterValue(counter)
    }

    /// Stores the rotation state after an assignment: the weights of the team's reps, and the sequence
    /// number of the chosen one.
    public func recordAssignment(of rep: String, sequence: Int64, currentWeights: [String: Double]) throws {
        let states = try database.rotationStates()
        var changes: [String: RotationState] = [:]
        for (id, weight) in currentWeights {
            changes[id] = RotationState(lastSequence: states[id]?.lastSequence ?? 0, currentWeight: weight)
        }
        changes[rep, default: RotationState(lastSequence: 0, currentWeight: states[rep]?.currentWeight ?? 0)]
            .lastSequence = sequence
        try database.setRotationStates(changes)
    }

    /// Gives the lead to `owner`.
    public func assign(_ leadID: Int64, to owner: String, team: String?, at now: Date) throws {
        try database.statement(
            "UPDATE leads SET owner = ?1, team = ?2, assigned_at = ?3, unassigned_since = NULL, updated_at = ?3 WHERE id = ?4"
        ).bind(.text(owner), .optional(team), .text(Timestamp.string(now)), .integer(leadID)).run()
        database.patchSnapshot(leadID) { lead in
            lead.owner = owner
            lead.team = team
            lead.unassignedSince = nil
        }
    }

    /// Marks the lead as waiting for an owner, keeping the time it first waited.
    public func markUnassigned(_ leadID: Int64, at now: Date) throws {
        try database.statement("UPDATE leads SET unassigned_since = COALESCE(unassigned_since, ?1) WHERE id = ?2")
            .bind(.text(Timestamp.string(now)), .integer(leadID)).run()
    }

    /// Takes a lead off the waiting list, because it closed and needs no owner any more.
    public func clearUnassigned(_ leadID: Int64) throws {
        try database.statement("UPDATE leads SET unassigned_since = NULL WHERE id = ?1 AND unassigned_since IS NOT NULL")
            .bind(.integer(leadID)).run()
        database.patchSnapshot(leadID) { lead in lead.unassignedSince = nil }
    }

    /// Built once from `LeadStage.isClosed`, so the list and routing agree on which stages are closed.
    static let unassignedSQL = """
        SELECT id FROM leads WHERE unassigned_since IS NOT NULL AND owner IS NULL AND \(
            LeadStage.allCases.filter(\.isClosed).map { "stage <> '\($0.rawValue)'" }.joined(separator: " AND "))
        ORDER BY unassigned_since, id LIMIT ?1
        """

    /// The leads waiting for an owner, longest first. A closed lead left on the list by an earlier version
    /// is skipped, because routing no longer takes it, and it would hold a place in the limit forever.
    public func unassignedLeads(limit: Int = 1000) throws -> [Int64] {
        try database.statement(Self.unassignedSQL).bind(.integer(Int64(limit))).rows { $0.int(0) }
    }

    /// Stores a routing decision with its reason, for the lead's timeline.
    public func recordDecision(
        leadID: Int64, owner: String?, team: String?, rule: String?, strategy: String?, reason: String, at now: Date
    ) throws {
        try database.statement(
            """
            INSERT INTO routing_decisions (lead_id, at, owner, team, rule, strategy, reason)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """
        ).bind(
            .integer(leadID), .text(Timestamp.string(now)), .optional(owner), .optional(team), .optional(rule),
            .optional(strategy), .text(reason)
        ).run()
    }
}
