import Foundation
import SmarketIngest
import Testing

@testable import SmarketStore

/// Erasing a person from a real database file: no byte of them left, counts unchanged.
@Suite struct ErasureStoreTests {
    let history: ReportTestHistory
    let leadID: Int64
    static let email = "zebulon.quark@example.com"

    init() throws {
        history = try ReportTestHistory()
        let database = history.database
        let fileID = try FileLedger(database: database)
            .begin(digest: "d1", inbox: "web", name: "a.csv", size: 1, format: "csv", at: Date()).id
        let store = LeadStore(database: database)
        let first = NormalizedLead(
            email: Self.email, phone: "+4930555123",
            fields: [
                .firstName: "Zebulon", .lastName: "Quarkwright", .company: "Acme", .source: "ads",
                .notes: "prefers mornings",
            ],
            custom: ["hobby": "zebulon-style gliding"])
        leadID = try store.apply(first, origin: RowOrigin(fileID: fileID, line: 2), at: Date())
            .leadID
        let second = NormalizedLead(
            email: Self.email, fields: [.firstName: "Zeb", .jobTitle: "Head of Quarks"])
        _ = try store.apply(second, origin: RowOrigin(fileID: fileID, line: 3), at: Date())
        try database.statement(
            "INSERT INTO tasks (lead_id, owner, title, type, due_at, state, created_at) VALUES (?1, 'alice', 'Call Zebulon at Acme', 'call', '2026-11-03T10:00:00Z', 'open', '2026-11-02T10:00:00Z')"
        ).bind(.integer(leadID)).run()
        _ = try OutboxStore(database: database).enqueue(
            outbox: "crm",
            payload: [
                "type": "lead.mql", "lead_id": leadID, "stage": "mql",
                "fields": [
                    "email": Self.email, "first_name": "Zebulon", "company": "Acme",
                    "custom.hobby": "zebulon-style gliding",
                ],
            ],
            at: Date())
        _ = try OutboxStore(database: database).enqueue(
            outbox: "crm", payload: ["lead_id": 1, "email": "ann@example.com"], at: Date())
        try FileLedger(database: database).addReject(
            RejectedRow(
                line: 4, reason: "Meta test lead",
                fields: [("email", Self.email), ("name", "Zebulon Quarkwright")]),
            fileID: fileID)
    }

    func erase() throws -> ErasureSummary {
        let store = ErasureStore(database: history.database)
        let person = try store.findPerson(PersonMatcher(reference: Self.email)!)
        return try store.erase(person, filesRewritten: 0, at: Date())
    }

    func databaseBytes() throws -> [UInt8] {
        var bytes = try [UInt8](
            Data(contentsOf: URL(fileURLWithPath: history.folder + "/smarketd.db")))
        if let wal = FileManager.default.contents(atPath: history.folder + "/smarketd.db-wal") {
            bytes += wal
        }
        return bytes
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.lowercased().utf8)
        let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        guard lowered.count >= pattern.count else { return false }
        return (0...(lowered.count - pattern.count)).contains {
            lowered[$0..<($0 + pattern.count)].elementsEqual(pattern)
        }
    }

    @Test func eraseLeavesNoTraceInFiles() throws {
        #expect(Self.contains(try databaseBytes(), "zebulon"))
        let summary = try erase()
        #expect(summary.leadIDs == [leadID])
        #expect(summary.walTruncated)
        let bytes = try databaseBytes()
        for needle in [Self.email, "zebulon", "quarkwright", "4930555123", "prefers mornings"] {
            #expect(!Self.contains(bytes, needle), "\(needle) is still in the database file")
        }
        #expect(Self.contains(bytes, "ann@example.com"))
    }

    @Test func eraseKeepsReportCounts() throws {
        let before = try history.november(by: .source)
        _ = try erase()
        let after = try history.november(by: .source)
        #expect(before.total == after.total)
        #expect(before.rows == after.rows)
    }

    @Test func eraseAnonymizesLeadRow() throws {
        _ = try erase()
        let row = try history.database.statement(
            "SELECT identity, email, first_name, company, custom FROM leads WHERE id = ?1"
        )
        .bind(.integer(leadID)).rows {
            [$0.text(0), $0.text(1), $0.text(2), $0.text(3), $0.text(4)]
        }.first
        #expect(row?[0] == "erased:\(leadID)")
        #expect(row?[1] == nil)
        #expect(row?[2] == nil)
        #expect(row?[3] == "Acme")
        #expect(row?[4] == "{}")
    }

    @Test func eraseScrubsTasksOutboxAndRejects() throws {
        let summary = try erase()
        #expect(summary.rejectsDeleted == 1)
        #expect(summary.outboxRecordsScrubbed == 1)
        let title = try history.database.statement("SELECT title FROM tasks WHERE lead_id = ?1")
            .bind(.integer(leadID))
            .scalarText()
        #expect(title == "Call (erased) at Acme")
        let payloads = try history.database.statement(
            "SELECT payload FROM outbox_records ORDER BY rowid"
        ).bind([])
            .rows { $0.text(0) ?? "" }
        #expect(payloads.count == 2)
        #expect(payloads[0].contains("\"lead_id\":\(leadID)"))
        #expect(payloads[0].contains("\"fields\":{\"company\":\"Acme\"}"))
        #expect(payloads[1].contains("ann@example.com"))
    }

    @Test func erasureRecordsOnlyHash() throws {
        _ = try erase()
        let row = try history.database.statement("SELECT person_hash, leads_erased FROM erasures")
            .bind([])
            .rows { ($0.text(0) ?? "", $0.int(1)) }
        #expect(row.count == 1)
        #expect(row.first?.0.count == 64)
        #expect(row.first?.1 == 1)
        #expect(history.database.wasErased(email: " Zebulon.Quark@Example.com"))
        #expect(!history.database.wasErased(email: "ann@example.com"))
    }

    @Test func wasErasedFalseBeforeAnyErasure() {
        #expect(!history.database.wasErased(email: Self.email))
    }

    @Test func laterRowCreatesNewLead() throws {
        _ = try erase()
        let change = try LeadStore(database: history.database).apply(
            NormalizedLead(email: Self.email, fields: [.firstName: "Zebulon"]),
            origin: RowOrigin(fileID: 1, line: 2),
            at: Date())
        guard case .created(let newID) = change else {
            Issue.record("expected a new lead, got \(change)")
            return
        }
        #expect(newID != leadID)
    }
}
