import Foundation
import SmarketStore

/// Renders a ``Report`` as an aligned table, JSON or CSV.
struct ReportRendering {
    let report: Report
    let formatting: ReportFormatting

    /// The label of the row that sums every group.
    static let totalKey = "total"

    // MARK: JSON

    func json() -> String {
        var pairs: [(String, JSONValue)] = [
            ("since", .optional(report.since.map(formatting.day))),
            ("until", .optional(report.until.map(formatting.day))),
            ("by", .optional(report.grouping?.rawValue)),
            ("time_zone", .string(formatting.timeZone.identifier)),
            ("generated_at", .string(formatting.timestamp(report.generatedAt))),
        ]
        pairs += Self.countPairs(report.total)
        let marketing = report.marketing
        pairs.append(
            (
                "marketing",
                .object([
                    ("month", .string(String(formatting.day(marketing.monthStart).prefix(7)))),
                    ("mql_target", marketing.mqlTarget.map { .integer(Int64($0)) } ?? .null),
                    ("mql_actual", .integer(Int64(marketing.mqlActual))),
                    ("pace", marketing.pace.map(JSONValue.number) ?? .null),
                ])
            ))
        let rows = report.rows.map { row in
            JSONValue.object([("key", .string(row.key))] + Self.countPairs(row.counts))
        }
        pairs.append(("rows", .array(rows)))
        return JSONValue.object(pairs).rendered() + "\n"
    }

    static func countPairs(_ counts: ReportCounts) -> [(String, JSONValue)] {
        func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        return [
            ("leads", .integer(Int64(counts.leads))), ("mql", .integer(Int64(counts.mql))),
            ("sql", .integer(Int64(counts.sql))), ("won", .integer(Int64(counts.won))),
            ("lost", .integer(Int64(counts.lost))),
            ("lead_to_mql", number(counts.leadToMQL)), ("mql_to_sql", number(counts.mqlToSQL)),
            ("sql_to_won", number(counts.sqlToWon)),
            ("sla_met", .integer(Int64(counts.slaMet))),
            ("sla_breached", .integer(Int64(counts.slaBreached))),
            ("sla_compliance", number(counts.slaCompliance)),
            ("median_first_touch_seconds", number(counts.medianFirstTouchSeconds)),
            ("p90_first_touch_seconds", number(counts.p90FirstTouchSeconds)),
            ("overdue_open_tasks", .integer(Int64(counts.overdueOpenTasks))),
        ]
    }

    // MARK: CSV

    static let csvHeader = [
        "key", "leads", "mql", "sql", "won", "lost", "lead_to_mql", "mql_to_sql", "sql_to_won",
        "sla_met",
        "sla_breached", "sla_compliance", "median_first_touch_seconds", "p90_first_touch_seconds",
        "overdue_open_tasks",
    ]

    /// Renders one row per group, then the total row.
    func csv() -> String {
        let rows =
            report.rows.map { Self.csvCells(key: $0.key, $0.counts) } + [
                Self.csvCells(key: Self.totalKey, report.total)
            ]
        return TableOutput.csv(header: Self.csvHeader, rows: rows)
    }

    static func csvCells(key: String, _ counts: ReportCounts) -> [String] {
        [
            key, String(counts.leads), String(counts.mql), String(counts.sql), String(counts.won),
            String(counts.lost),
            ReportFormatting.decimal(counts.leadToMQL), ReportFormatting.decimal(counts.mqlToSQL),
            ReportFormatting.decimal(counts.sqlToWon), String(counts.slaMet),
            String(counts.slaBreached),
            ReportFormatting.decimal(counts.slaCompliance),
            ReportFormatting.seconds(counts.medianFirstTouchSeconds),
            ReportFormatting.seconds(counts.p90FirstTouchSeconds), String(counts.overdueOpenTasks),
        ]
    }

    // MARK: Table

    /// Two tables under a title, the funnel and the SLA, each narrow enough for 100 columns.
    func table() -> String {
        var text = title() + "\n\n"
        let entries = report.rows.map { ($0.key, $0.counts) } + [(Self.totalKey, report.total)]
        let keyHeader = report.grouping?.rawValue ?? ""
        text += TableOutput.text(
            header: [
                keyHeader, "leads", "mql", "sql", "won", "lost", "lead→mql", "mql→sql", "sql→won",
            ],
            rows: entries.map { key, counts in
                [
                    key, String(counts.leads), String(counts.mql), String(counts.sql),
                    String(counts.won),
                    String(counts.lost), ReportFormatting.percent(counts.leadToMQL),
                    ReportFormatting.percent(counts.mqlToSQL),
                    ReportFormatting.percent(counts.sqlToWon),
                ]
            }, maxWidth: 24)
        text += "\n"
        text += TableOutput.text(
            header: [
                keyHeader, "sla met", "breached", "compliance", "first touch median", "p90",
                "overdue tasks",
            ],
            rows: entries.map { key, counts in
                [
                    key, String(counts.slaMet), String(counts.slaBreached),
                    ReportFormatting.percent(counts.slaCompliance),
                    ReportFormatting.duration(counts.medianFirstTouchSeconds),
                    ReportFormatting.duration(counts.p90FirstTouchSeconds),
                    String(counts.overdueOpenTasks),
                ]
            }, maxWidth: 24)
        return text + "\n" + marketingLine() + "\n"
    }

    /// Describes the window in words, with the last day shown inclusive: `--until 2026-12-01` ends on the 30th.
    func title() -> String {
        let first = report.since.map(formatting.day)
        let last = report.until.map { formatting.day($0.addingTimeInterval(-1)) }
        var title: String
        switch (first, last) {
        case (let first?, let last?): title = "Leads ingested \(first) to \(last)"
        case (let first?, nil): title = "Leads ingested since \(first)"
        case (nil, let last?): title = "Leads ingested up to \(last)"
        case (nil, nil): title = "All leads"
        }
        title += " (\(formatting.timeZone.identifier))"
        if let grouping = report.grouping { title += ", by \(grouping.rawValue)" }
        return title
    }

    func marketingLine() -> String {
        let marketing = report.marketing
        let month = String(formatting.day(marketing.monthStart).prefix(7))
        guard let target = marketing.mqlTarget else {
            return
                "Marketing \(month): \(marketing.mqlActual) MQLs (no mql_per_month target configured)"
        }
        let pace = marketing.pace.map { String(format: "%.2f", $0) } ?? "-"
        return
            "Marketing \(month): \(marketing.mqlActual) of \(target) MQLs, pace \(pace) (1.00 is on track)"
    }
}
