import Foundation
import SmarketIngest

import TestSupport
import Testing

@testable import SmarketStore

/// The snapshot cache returns, inside a transaction, exactly what a fresh read of the row returns.
extension LeadStoreTests {
    /// Returns the parts of a snapshot that rules, routing and automations read, as one line.
    func summary(_ lead: LeadSnapshot?) -> String {
        guard let lead else { return "none" }
        let fields = lead.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        return [
            "\(lead.id)", lead.email ?? "-", lead.phone ?? "-", fields, lead.stage.rawValue, "\(lead.score)",
            lead.owner ?? "-", lead.team ?? "-", lead.createdAt.map(Timestamp.string) ?? "-",
            lead.unassignedSince.map(Timestamp.string) ?? "-",
        ].joined(separator: "|")
    }

    /// Reads the lead again, past the cache.
    func fresh(_ id: Int64) throws -> String {
        database.snapshotCache = nil
        return summary(try store.snapshot(id))
    }

    @Test func insertedLeadMatchesItsRow() throws {
        let row = NormalizedLead(
            email: "ann@contoso.example", phone: "+4930123456",
            fields: [.firstName: "Ann", .company: "Contoso", .jobTitle: "", .stage: "mql", .notes: "cut\u{0}here"],
            custom: ["budget": "5000", "empty": "", "quote": "say \"hi\""])
        try database.transaction {
            let change = try store.apply(row, origin: origin(2), at: Date())
            let cached = summary(try store.snapshot(change.leadID))
            #expect(cached.contains("notes=cut;"))
            #expect(cached.contains("custom.quote=say \"hi\""))
            #expect(cached == (try fresh(change.leadID)))
        }
    }

    @Test func valueStartingWithNULMatchesItsRow() throws {
        // SQLite keeps bound text up to its first NUL, so these values are stored empty, and a read
        // of the row leaves empty fields out.
        let row = NormalizedLead(
            email: "di@northwind.example", fields: [.company: "\u{0}Northwind", .city: "\u{0}"])
        try database.transaction {
            let change = try store.apply(row, origin: origin(2), at: Date())
            let cached = try store.snapshot(change.leadID)
            #expect(cached?.fields["company"] == nil)
            #expect(cached?.fields["city"] == nil)
            #expect(summary(cached) == (try fresh(change.leadID)))
        }
    }

    @Test func leadWithoutEmailMatchesItsRow() throws {
        try database.transaction {
            let change = try store.apply(
                NormalizedLead(phone: "+4930123456", fields: [.lastName: "Berg"]), origin: origin(2),
                at: Date())
            let cached = summary(try store.snapshot(change.leadID))
            #expect(cached == (try fresh(change.leadID)))
        }
    }

    @Test func patchedWritesMatchTheRow() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        try database.transaction {
            let id = try store.apply(
                NormalizedLead(email: "bo@fabrikam.example"), origin: origin(2), at: now
            ).leadID
            _ = try store.snapshot(id)
            try ScoreStore(database: database).setTotals(of: id, fit: 20, engagement: 5, intent: 40)
            #expect(try store.snapshot(id)?.score == 65)
            try RoutingStore(database: database).assign(id, to: "alice", team: "dach", at: now)
            try store.setStage(id, from: .lead, to: .mql, reason: "test", at: now)
            let cached = summary(try store.snapshot(id))
            #expect(cached.contains("|alice|dach|"))
            #expect(cached == (try fresh(id)))
        }
    }

    @Test func writeBesideThePatchForcesARead() throws {
        let now = Date()
        try database.transaction {
            let id = try store.apply(
                NormalizedLead(email: "cy@tailspin.example"), origin: origin(2), at: now
            ).leadID
            _ = try store.snapshot(id)
            // Two writes to the row. The cache missed the first, so the second must not patch it.
            try database.statement("UPDATE leads SET company = 'Tailspin' WHERE id = ?1").bind(.integer(id)).run()
            try ScoreStore(database: database).setTotals(of: id, fit: 1, engagement: 0, intent: 0)
            let read = try store.snapshot(id)
            #expect(read?.fields["company"] == "Tailspin")
            #expect(read?.score == 1)
        }
    }
}
