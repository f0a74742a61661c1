import Foundation
import SmarketIngest

import TestSupport
import Testing

@testable import SmarketStore

/// Creating and merging leads in a real SQLite file.
@Suite struct LeadStoreTests {
    let folder: String
    let database: Database
    let store: LeadStore
    let fileID: Int64

    init() throws {
        folder = ScratchFolder.make("smarketd-store")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        database = try Database(path: folder + "/smarketd.db")
        try database.prepareForWriting()
        store = LeadStore(database: database)
        fileID = try FileLedger(database: database)
            .begin(digest: "d1", inbox: "web", name: "a.csv", size: 1, format: "csv", at: Date()).id
    }

    func origin(_ line: Int) -> RowOrigin { RowOrigin(fileID: fileID, line: line) }

    func field(_ column: String, of id: Int64) throws -> String? {
        try database.statement("SELECT \(column) FROM leads WHERE id = ?1").bind(.integer(id)).scalarText()
    }

    @Test func newEmailCreatesLead() throws {
        let change = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.firstName: "Ann"]), origin: origin(2), at: Date())
        guard case .created(let id) = change else {
            Issue.record("expected a new lead, got \(change)")
            return
        }
        #expect(try field("first_name", of: id) == "Ann")
        #expect(try field("stage", of: id) == "lead")
    }

    @Test func repeatFillsEmptyFields() throws {
        let first = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.firstName: "Ann"]), origin: origin(2), at: Date())
        let second = try store.apply(
            NormalizedLead(email: "ann@contoso.example", fields: [.company: "Contoso"]), origin: origin(3), at: Date())
        #expect(second == .merged(leadID: first.leadID, changedFields: ["company"]))
        #expect(try field("first_name", of: first.leadID) == "Ann")
        #expect(try field("company", of: first.leadID) == "Contoso")
    }

    @Test func newerValueReplacesOlder() throws {
        let first = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.company: "Old"]), origin: origin(2), at: Date())
        _ = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.company: "New"]), origin: origin(3), at: Date())
        #expect(try field("company", of: first.leadID) == "New")
        let history = try database.statement(
            "SELECT old_value || '>' || new_value FROM lead_history WHERE lead_id = ?1 AND field = 'company'"
        ).bind(.integer(first.leadID)).scalarText()
        #expect(history == "Old>New")
    }

    @Test func defaultSourceOnlyFillsGaps() throws {
        let first = try store.apply(
            NormalizedLead(email: "ann@contoso.example", fields: [.source: "ig"]), origin: origin(2), at: Date())
        var repeated = NormalizedLead(email: "ann@contoso.example", fields: [.source: "website", .city: "Berlin"])
        repeated.defaulted = [.source]
        let change = try store.apply(repeated, origin: origin(3), at: Date())
        #expect(change == .merged(leadID: first.leadID, changedFields: ["city"]))
        #expect(try field("source", of: first.leadID) == "ig")

        var sourceless = NormalizedLead(email: "bob@contoso.example", fields: [.firstName: "Bob"])
        let bob = try store.apply(sourceless, origin: origin(4), at: Date())
        sourceless.fields[.source] = "website"
        sourceless.defaulted = [.source]
        _ = try store.apply(sourceless, origin: origin(5), at: Date())
        #expect(try field("source", of: bob.leadID) == "website")
    }

    @Test func mergesShareOneStatement() throws {
        _ = try store.apply(NormalizedLead(email: "ann@contoso.example"), origin: origin(2), at: Date())
        _ = try store.apply(
            NormalizedLead(email: "ann@contoso.example", fields: [.city: "Berlin"]), origin: origin(3), at: Date())
        let cached = database.cachedStatementCount
        let changes: [[LeadField: String]] = [
            [.company: "Contoso"], [.jobTitle: "CTO", .country: "DE"], [.website: "https://contoso.example"],
            [.city: "Hamburg", .company: "Contoso AG"], [.stage: "mql"],
        ]
        for (offset, fields) in changes.enumerated() {
            _ = try store.apply(
                NormalizedLead(email: "ann@contoso.example", fields: fields), origin: origin(4 + offset), at: Date())
        }
        #expect(database.cachedStatementCount <= cached + 1)
        #expect(try field("city", of: 1) == "Hamburg")
        #expect(try field("stage", of: 1) == "mql")
        #expect(try field("job_title", of: 1) == "CTO")
    }

    @Test func statementCacheStaysBounded() throws {
        let numbers = 0..<(Database.maximumCachedStatements + 20)
        for number in numbers {
            #expect(try database.statement("SELECT \(number)").scalarInt() == Int64(number))
        }
        #expect(database.cachedStatementCount <= Database.maximumCachedStatements)

        // A second pass finds the statements cached after the cache was emptied and prepares the others again.
        for number in numbers {
            #expect(try database.statement("SELECT \(number)").scalarInt() == Int64(number))
        }
    }

    @Test func olderRowOnlyFillsGaps() throws {
        let first = try store.apply(
            NormalizedLead(email: "ann@contoso.example", fields: [.company: "New", .createdAt: "2026-11-10T10:00:00Z"]),
            origin: origin(2), at: Date())
        _ = try store.apply(
            NormalizedLead(
                email: "ann@contoso.example", fields: [.company: "Old", .city: "Berlin", .createdAt: "2026-10-01T10:00:00Z"]),
            origin: origin(3), at: Date())
        #expect(try field("company", of: first.leadID) == "New")
        #expect(try field("city", of: first.leadID) == "Berlin")
    }

    @Test func identicalRowChangesNothing() throws {
        let lead = NormalizedLead(email: "ann@contoso.example", fields: [.firstName: "Ann"])
        let first = try store.apply(lead, origin: origin(2), at: Date())
        #expect(try store.apply(lead, origin: origin(3), at: Date()) == .unchanged(leadID: first.leadID))
    }

    @Test func phoneOnlyLeadTakesLaterEmail() throws {
        let first = try store.apply(NormalizedLead(phone: "+4930555000"), origin: origin(2), at: Date())
        let second = try store.apply(NormalizedLead(email: "ann@contoso.example", phone: "+4930555000"), origin: origin(3), at: Date())
        #expect(second.leadID == first.leadID)
        #expect(try field("identity", of: first.leadID) == "ann@contoso.example")
    }

    @Test func stageNeverMovesBackwards() throws {
        let first = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.stage: "sql"]), origin: origin(2), at: Date())
        _ = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.stage: "mql"]), origin: origin(3), at: Date())
        #expect(try field("stage", of: first.leadID) == "sql")
        _ = try store.apply(NormalizedLead(email: "ann@contoso.example", fields: [.stage: "won"]), origin: origin(4), at: Date())
        #expect(try field("stage", of: first.leadID) == "won")
    }

    @Test func customAttributesMerge() throws {
        let first = try store.apply(NormalizedLead(email: "ann@contoso.example", custom: ["budget": "10k"]), origin: origin(2), at: Date())
        _ = try store.apply(NormalizedLead(email: "ann@contoso.example", custom: ["team_size": "5"]), origin: origin(3), at: Date())
        let custom = try #require(try field("custom", of: first.leadID))
        #expect(custom.contains("\"budget\":\"10k\""))
        #expect(custom.contains("\"team_size\":\"5\""))
    }
}

/// The ledger of file contents and their progress.
@Suite struct FileLedgerTests {
    @Test func progressAndRejectsRoundTrip() throws {
        let folder = ScratchFolder.make("smarketd-ledger")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let database = try Database(path: folder + "/smarketd.db")
        try database.prepareForWriting()
        let ledger = FileLedger(database: database)
        let record = try ledger.begin(digest: "abc", inbox: "web", name: "a.csv", size: 10, format: "csv", at: Date())
        var progress = ChunkProgress()
        progress.records = 3
        progress.accepted = 2
        progress.rejected = 1
        try ledger.add(progress, to: record.id)
        try ledger.addReject(RejectedRow(line: 4, reason: "no email", fields: [("email", ""), ("name", "Cid")]), fileID: record.id)
        try ledger.finish(record.id, state: .done, at: Date())

        let stored = try #require(try ledger.record(digest: "abc"))
        #expect(stored.state == .done)
        #expect(stored.recordsDone == 3)
        #expect(stored.accepted == 2)
        let rejects = try ledger.rejects(fileID: record.id)
        #expect(rejects.count == 1)
        #expect(rejects.first?.fields.last?.value == "Cid")
        #expect(try ledger.record(digest: "other") == nil)
    }

    @Test func readOnlyOpenChecksSchema() throws {
        let folder = ScratchFolder.make("smarketd-ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let writer = try Database(path: folder + "/smarketd.db")
        try writer.prepareForWriting()
        let reader = try Database(path: folder + "/smarketd.db", readOnly: true)
        try reader.checkReadable()
        #expect(throws: StoreError.self) { try reader.execute("INSERT INTO files DEFAULT VALUES") }
    }
}

/// The stored time format.
@Suite struct StoredTimeTests {
    @Test(arguments: [0.0, 1_800_000_000, 951_782_400, -86_401, 4_102_444_799])
    func roundTrip(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Timestamp.string(date)
        #expect(text == date.formatted(.iso8601))
        #expect(Timestamp.date(text) == date)
    }

    @Test func fractionsRoundDown() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1.9)) == "1970-01-01T00:00:01Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test func otherFormsFallBack() {
        #expect(Timestamp.date("2026-12-01T10:00:00+01:00") == Date(timeIntervalSince1970: 1_796_115_600))
        #expect(Timestamp.date("not a time") == nil)
    }
}

/// The per-rep counts that triggers keep for routing.
@Suite struct RepLoadTests {
    @Test func triggersFollowOwnersStagesAndDeadlines() throws {
        let folder = ScratchFolder.make("smarketd-load")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let database = try Database(path: folder + "/smarketd.db")
        try database.prepareForWriting()
        let fileID = try FileLedger(database: database)
            .begin(digest: "d", inbox: "web", name: "a.csv", size: 1, format: "csv", at: Date()).id
        let leads = LeadStore(database: database)
        let routing = RoutingStore(database: database)
        let deadlines = SLAStore(database: database)
        let first = try leads.apply(NormalizedLead(email: "a@x.example"), origin: RowOrigin(fileID: fileID, line: 2), at: Date()).leadID
        let second = try leads.apply(NormalizedLead(email: "b@x.example"), origin: RowOrigin(fileID: fileID, line: 3), at: Date()).leadID
        try routing.assign(first, to: "ann", team: nil, at: Date())
        try routing.assign(second, to: "ann", team: nil, at: Date())
        #expect(try routing.openLeadCounts()["ann"] == 2)
        try routing.assign(second, to: "ben", team: nil, at: Date())
        #expect(try routing.openLeadCounts()["ann"] == 1)
        #expect(try routing.openLeadCounts()["ben"] == 1)
        try leads.setStage(first, from: .lead, to: .lost, reason: "test", at: Date())
        #expect(try routing.openLeadCounts()["ann"] == 0)

        var deadline = try deadlines.open(leadID: second, owner: "ben", team: nil, assignedAt: Date(), dueAt: Date(), warnAt: nil)
        #expect(try routing.untouchedCounts()["ben"] == 1)
        deadline.state = .met
        try deadlines.update(deadline, at: Date())
        #expect(try routing.untouchedCounts()["ben"] == 0)
    }
}

/// The stored JSON of custom attributes.
@Suite struct JSONTextTests {
    @Test(arguments: [
        [:], ["a": "1"], ["budget": "10k", "team_size": "5"], ["quote": "say \"hi\"", "slash": "a\\b", "ü": "Müller"],
        ["line": "a\nb", "tab": "a\tb"],
    ])
    func roundTrip(_ dictionary: [String: String]) {
        #expect(JSONText.decode(JSONText.encode(dictionary)) == dictionary)
    }

    @Test func nestedValueFallsBack() {
        #expect(JSONText.decodeFlat("{\"a\":{\"b\":\"c\"}}") == nil)
        #expect(JSONText.decode("{\"a\":\"x\",\"n\":1}") == ["a": "x"])
    }
}
