import Foundation
import SmarketIngest

/// The durable state of routing: rotation per rep, account owners, decisions and unassigned leads.
public struct RoutingStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The stored rotation state of each rep; reps never routed to are missing.
    public func rotation() throws -> [String: (lastSequence: Int64, currentWeight: Double)] {
        let rows = try database.statement("SELECT rep, last_sequence, current_weight FROM rep_rotation").rows {
            ($0.text(0) ?? "", ($0.int(1), $0.double(2)))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
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

    public func accountOwner(of domain: String) throws -> String? {
        try database.statement("SELECT rep FROM account_owners WHERE domain = ?1").bind(.text(domain)).scalarText()
    }

    /// Records the first owner of a company domain; later owners do not replace it.
    public func claimAccount(_ domain: String, for rep: String) throws {
        try database.statement("INSERT OR IGNORE INTO account_owners (domain, rep) VALUES (?1, ?2)")
            .bind(.text(domain), .text(rep)).run()
    }

    /// Takes the next number of a named counter.
    public func nextValue(of counter: String) throws -> Int64 {
        // Two statements, because SQLite runs a RETURNING clause through a temporary table, and one
        // statement with it cost more instructions than these two in callgrind.
        try database.statement(
            "INSERT INTO counters (name, value) VALUES (?1, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1"
        ).bind(.text(counter)).run()
        return try database.statement("SELECT value FROM counters WHERE name = ?1").bind(.text(counter)).scalarInt() ?? 1
    }

    /// Stores the rotation state after an assignment.
    public func recordAssignment(of rep: String, sequence: Int64, currentWeights: [String: Double]) throws {
        for (id, weight) in currentWeights {
            try database.statement(
                """
                INSERT INTO rep_rotation (rep, last_sequence, current_weight) VALUES (?1, 0, ?2)
                ON CONFLICT(rep) DO UPDATE SET current_weight = ?2
                """
            ).bind(.text(id), .real(weight)).run()
        }
        try database.statement(
            """
            INSERT INTO rep_rotation (rep, last_sequence, current_weight) VALUES (?1, ?2, 0)
            ON CONFLICT(rep) DO UPDATE SET last_sequence = ?2
            """
        ).bind(.text(rep), .integer(sequence)).run()
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
