import Foundation
import TestSupport
import SmarketIngest
import SmarketRules
import SmarketStore

@testable import SmarketDaemon

/// A real SQLite file and an engine on a configuration written inline.
final class EngineHarness {
    let folder: String
    let database: Database
    var configuration: Configuration
    var engine: LeadEngine
    var now: Date

    /// `rules` is YAML appended to a configuration with one leads inbox and the Europe/Berlin time zone.
    init(_ rules: String, now: Date = Date(timeIntervalSince1970: 1_796_371_200)) throws {
        folder = ScratchFolder.make("smarketd-engine")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let yaml = """
            state_dir: state
            timezone: Europe/Berlin
            inboxes:
              - {name: web, path: web, kind: leads}
            \(rules)
            """
        configuration = try ConfigurationLoader.load(yaml: yaml, path: folder + "/config.yaml").configuration
        database = try Database(path: folder + "/smarketd.db")
        try database.prepareForWriting()
        engine = LeadEngine(configuration: configuration, database: database)
        self.now = now
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Replaces the configuration, as a reload does; stored state stays.
    func reload(_ rules: String) throws {
        let yaml = """
            state_dir: state
            timezone: Europe/Berlin
            inboxes:
              - {name: web, path: web, kind: leads}
            \(rules)
            """
        configuration = try ConfigurationLoader.load(yaml: yaml, path: folder + "/config.yaml").configuration
        engine = LeadEngine(configuration: configuration, database: database)
    }

    /// Ingests one lead row the way the pipeline does and returns its id.
    @discardableResult
    func ingest(_ email: String, _ fields: [LeadField: String] = [:], custom: [String: String] = [:]) throws -> Int64 {
        try database.transaction {
            let fileID = try FileLedger(database: database)
                .begin(digest: UUID().uuidString, inbox: "web", name: "t.csv", size: 1, format: "csv", at: now).id
            let change = try LeadStore(database: database)
                .apply(NormalizedLead(email: email, fields: fields, custom: custom), origin: RowOrigin(fileID: fileID, line: 2), at: now)
            try engine.leadChanged(change, at: now)
            return change.leadID
        }
    }

    /// Applies one event; returns the rejection reason, if any.
    @discardableResult
    func event(_ email: String, _ type: EventType, at: Date? = nil, rep: String? = nil, stage: String? = nil, value: String? = nil)
        throws -> String?
    {
        try database.transaction {
            let fileID = try FileLedger(database: database)
                .begin(digest: UUID().uuidString, inbox: "activity", name: "e.csv", size: 1, format: "csv", at: now).id
            let event = LeadEvent(lead: .email(email), type: type, at: at ?? now, rep: rep, stage: stage, value: value, campaign: nil)
            return try engine.apply(event, origin: RowOrigin(fileID: fileID, line: 2), at: now)
        }
    }

    /// Fires due steps until none is due, as the daemon's alarm does.
    func fireDue() throws {
        for _ in 0..<20 {
            let pending = try SLAStore(database: database).pendingTimers().timers.sorted { $0.fireAt < $1.fireAt }
            let due = pending.filter { $0.fireAt <= now }
            guard !due.isEmpty else { return }
            try database.transaction {
                for timer in due { try engine.fireDeadline(timer.id, at: now, late: false) }
            }
        }
    }

    func lead(_ id: Int64) throws -> LeadSnapshot { try LeadStore(database: database).snapshot(id)! }
    func owner(_ id: Int64) throws -> String? { try lead(id).owner }

    func text(_ sql: String) throws -> String? { try database.statement(sql).scalarText() }
    func count(_ sql: String) throws -> Int64 { try database.statement(sql).scalarInt() ?? 0 }
    var notes: [EngineNote] { engine.takeNotes() }
}
