import Foundation
import SmarketIngest
import SmarketStore

/// Writes the daemon's gauges and counters in the Prometheus text format, for node_exporter's
/// textfile collector.
///
/// The collector may read the file at any moment, so each write replaces it atomically
/// (temporary file in the same folder, fsync, rename), so it never reads a half-written file.
public final class MetricsWriter {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Computes the metrics from the database and replaces the file.
    /// - Throws: `StoreError` when a query fails, `SystemError` when the file cannot be written.
    public func write(from database: Database, now: Date) throws {
        try AtomicFile.write(
            Array(try render(from: database, now: now).utf8), to: path, mode: 0o644)
    }

    /// Renders the file's content without writing it.
    public func render(from database: Database, now: Date) throws -> String {
        let nowText = Timestamp.string(now)
        var stages: [String: Int64] = [:]
        for stage in LeadStage.allCases { stages[stage.rawValue] = 0 }
        _ = try database.statement("SELECT stage, count(*) FROM leads GROUP BY stage").bind([]).rows
        {
            stages[$0.text(0) ?? "lead", default: 0] += $0.int(1)
        }
        let open = try count(database, "SELECT count(*) FROM sla_deadlines WHERE state = 'open'")
        let atRisk = try count(
            database,
            "SELECT count(*) FROM sla_deadlines WHERE state = 'open' AND warn_at IS NOT NULL AND warn_at <= ?1",
            .text(nowText))
        let breached = try count(
            database,
            // A deadline reassigned by escalation was breached first; a withdrawn breach ends in 'met'.
            "SELECT count(*) FROM sla_deadlines WHERE state = 'breached' OR (state = 'reassigned' AND breached_at IS NOT NULL)"
        )
        let processed = try count(database, "SELECT count(*) FROM files WHERE state = 'done'")
        let failed = try count(database, "SELECT COALESCE(MAX(value), 0) FROM counters WHERE name = 'files_failed'")
        let lastFinished = try database.statement(
            "SELECT max(finished_at) FROM files WHERE state = 'done'"
        ).bind([])
            .scalarText()
        let lastIngest = Timestamp.date(lastFinished).map { Int64($0.timeIntervalSince1970) } ?? 0

        var text = ""
        func metric(
            _ name: String, _ type: String, _ help: String,
            _ samples: [(labels: String, value: Int64)]
        ) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { text += "\(name)\(sample.labels) \(sample.value)\n" }
        }
        metric(
            "smarketd_leads", "gauge", "Leads in the database by current stage.",
            LeadStage.allCases.map { ("{stage=\"\($0.rawValue)\"}", stages[$0.rawValue] ?? 0) })
        metric("smarketd_sla_open", "gauge", "First-touch SLA deadlines still open.", [("", open)])
        metric(
            "smarketd_sla_at_risk", "gauge", "Open SLA deadlines whose warning time has passed.",
            [("", atRisk)])
        metric(
            "smarketd_sla_breached", "gauge", "SLA deadlines that were breached.", [("", breached)])
        metric(
            "smarketd_files_processed_total", "counter", "Feed files ingested completely.",
            [("", processed)])
        metric(
            "smarketd_files_failed_total", "counter",
            "Feed files that could not be read to their end, counted each time one fails.",
            [("", failed)])
        metric(
            "smarketd_last_ingest_timestamp_seconds", "gauge",
            "Unix time when the last feed file finished, 0 before the first.", [("", lastIngest)])
        return text
    }

    private func count(_ database: Database, _ sql: String, _ values: SQLValue...) throws -> Int64 {
        try database.statement(sql).bind(values).scalarInt() ?? 0
    }
}
