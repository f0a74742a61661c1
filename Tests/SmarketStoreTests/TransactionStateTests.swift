import Foundation
import Testing

@testable import SmarketStore

/// Counters and rotation that a transaction keeps in memory: another connection reads them after the
/// commit, and a rollback drops them.
@Suite struct TransactionStateTests {
    struct Abort: Error {}

    /// Opens a second connection to read what is committed.
    static func committed(_ path: String, _ sql: String) throws -> [String] {
        let reader = try Database(path: path, readOnly: true)
        return try reader.statement(sql).rows { "\($0.text(0) ?? "")=\($0.text(1) ?? "")" }
    }

    /// Opens a new database for writing, with its path and its routing store.
    static func openWriter() throws -> (path: String, database: Database, routing: RoutingStore) {
        let path = try DatabaseTests.databasePath()
        let database = try Database(path: path)
        try database.prepareForWriting()
        return (path, database, RoutingStore(database: database))
    }

    static let revisionSQL = "SELECT name, value FROM counters WHERE name = 'sla_revision'"

    @Test func countersReachTheFileAtCommit() throws {
        let (path, database, routing) = try Self.openWriter()
        _ = try routing.nextValue(of: "sla_revision")

        let numbers = try database.transaction {
            let inside = try (1...3).map { _ in try routing.nextValue(of: "sla_revision") }
            #expect(try Self.committed(path, Self.revisionSQL) == ["sla_revision=1"])
            return inside
        }

        #expect(numbers == [2, 3, 4])
        #expect(try Self.committed(path, Self.revisionSQL) == ["sla_revision=4"])
        #expect(try routing.nextValue(of: "sla_revision") == 5)
    }

    @Test func rollbackDropsCountersAndRotation() throws {
        let (_, database, routing) = try Self.openWriter()
        try routing.recordAssignment(of: "alice", sequence: 7, currentWeights: ["alice": -1, "bob": 1])

        #expect(throws: Abort.self) {
            try database.transaction {
                _ = try routing.nextValue(of: "assignment_sequence")
                try routing.recordAssignment(of: "bob", sequence: 8, currentWeights: ["alice": 0.5, "bob": -0.5])
                #expect(try routing.rotation()["bob"] == RotationState(lastSequence: 8, currentWeight: -0.5))
                throw Abort()
            }
        }

        #expect(try routing.rotation()["alice"] == RotationState(lastSequence: 7, currentWeight: -1))
        #expect(try routing.rotation()["bob"] == RotationState(lastSequence: 0, currentWeight: 1))
        #expect(try routing.nextValue(of: "assignment_sequence") == 1)
    }

    @Test func rotationChangesReachTheFileAtCommit() throws {
        let (path, database, routing) = try Self.openWriter()

        try database.transaction {
            try routing.recordAssignment(of: "alice", sequence: 1, currentWeights: ["alice": -2, "bob": 2])
            try routing.recordAssignment(of: "carol", sequence: 2, currentWeights: [:])
        }

        let rows = try Self.committed(
            path, "SELECT rep, last_sequence || '/' || current_weight FROM rep_rotation ORDER BY rep")
        #expect(rows == ["alice=1/-2.0", "bob=0/2.0", "carol=2/0.0"])
    }

    /// A claim that finds the domain owned already leaves the earlier owner in place and in memory.
    @Test func claimKeepsEarlierAccountOwner() throws {
        let (path, database, routing) = try Self.openWriter()
        try routing.claimAccount("contoso.example", for: "ann")

        let owner = try database.transaction {
            try routing.claimAccount("contoso.example", for: "ben")
            try routing.claimAccount("fabrikam.example", for: "ben")
            try routing.claimAccount("fabrikam.example", for: "ann")
            return [try routing.accountOwner(of: "contoso.example"), try routing.accountOwner(of: "fabrikam.example")]
        }

        #expect(owner == ["ann", "ben"])
        let rows = try Self.committed(path, "SELECT domain, rep FROM account_owners ORDER BY domain")
        #expect(rows == ["contoso.example=ann", "fabrikam.example=ben"])
    }

    /// SQLite compares domains byte by byte, so `café` with a composed and with a decomposed `é` are two
    /// accounts, although Swift compares the two strings as equal.
    @Test func accountOwnersKeepDomainBytes() throws {
        let (path, database, routing) = try Self.openWriter()
        let composed = "caf\u{E9}.example"
        let decomposed = "cafe\u{301}.example"

        let owners = try database.transaction {
            try routing.claimAccount(composed, for: "ann")
            let before = try routing.accountOwner(of: decomposed)
            try routing.claimAccount(decomposed, for: "ben")
            return [try routing.accountOwner(of: composed), before, try routing.accountOwner(of: decomposed)]
        }

        #expect(owners == ["ann", nil, "ben"])
        let rows = try Self.committed(path, "SELECT hex(domain), rep FROM account_owners ORDER BY rep")
        #expect(rows == ["636166C3A92E6578616D706C65=ann", "63616665CC812E6578616D706C65=ben"])
    }
}
