import Foundation
import SmarketStore

/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no network.
struct HTMLReport {
    let rendering: ReportRendering
    /// The same window grouped by rep, for the SLA chart.
    let byRep: Report
    /// The same window grouped by source, for the first-touch chart.
    let bySource: Report

    var report: Report { rendering.report }

    func render() -> String {
        let total = report.total
        let funnel = [
            ("leads", total.leads), ("mql", total.mql), ("sql", total.sql), ("won", total.won),
        ].map {
            SVGChart.Bar(
                label: $0.0, value: Double($0.1),
                caption: "\($0.1)"
                    + (total.leads > 0
                        ? " (\(ReportFormatting.percent(Double($0.1) / Double(total.leads))))" : "")
            )
        }

        let sla = byRep.rows.filter { $0.counts.slaMet + $0.counts.slaBreached > 0 }.map {
            (
                label: $0.key, met: $0.counts.slaMet, breached: $0.counts.slaBreached,
                caption:
                    "\(ReportFormatting.percent($0.counts.slaCompliance)) of \($0.counts.slaMet + $0.counts.slaBreached)"
            )
        }
        let firstTouch = bySource.rows.compactMap { row -> SVGChart.Bar? in
            guard let median = row.counts.medianFirstTouchSeconds else { return nil }
            return SVGChart.Bar(
                label: row.key, value: median / 3600,
                caption:
                    "median \(ReportFormatting.duration(median)), p90 \(ReportFormatting.duration(row.counts.p90FirstTouchSeconds))",
                marker: row.counts.p90FirstTouchSeconds.map { $0 / 3600 })
        }

        var body = "<h1>smarketd closed-loop report</h1>\n"
        body += "<p class=\"meta\">\(HTMLText.escape(rendering.title())). Generated "
        body += "\(HTMLText.escape(rendering.formatting.timestamp(report.generatedAt))).</p>\n"
        body += summary()
        body +=
            "<h2>Funnel</h2>\n"
            + SVGChart.bars(funnel, title: "Funnel: leads, mql, sql, won", color: "#1565c0") + "\n"
        body +=
            "<h2>SLA compliance per rep</h2>\n"
            + SVGChart.stacked(sla, title: "SLA met (green) and breached (red) per rep") + "\n"
        body +=
            "<h2>Time to first touch per source</h2>\n<p class=\"meta\">Bars show the median in hours, the tick the 90th percentile.</p>\n"
        body +=
            SVGChart.bars(
                firstTouch, title: "Median time to first touch per source, in hours",
                color: "#ef6c00") + "\n"
        body += groupTable()
        body += "<p class=\"meta\">\(HTMLText.escape(rendering.marketingLine()))</p>\n"
        return Self.page(title: "smarketd report", body: body)
    }

    private func summary() -> String {
        let total = report.total
        let cells: [(String, String)] = [
            ("Leads", String(total.leads)), ("MQL", String(total.mql)), ("SQL", String(total.sql)),
            ("Won", String(total.won)), ("Lost", String(total.lost)),
            ("SLA compliance", ReportFormatting.percent(total.slaCompliance)),
            ("Median first touch", ReportFormatting.duration(total.medianFirstTouchSeconds)),
            ("Overdue tasks", String(total.overdueOpenTasks)),
        ]
        return "<div class=\"tiles\">"
            + cells.map {
                "<div class=\"tile\"><span>\(HTMLText.escape($0.0))</span><b>\(HTMLText.escape($0.1))</b></div>"
            }
            .joined() + "</div>\n"
    }

    private func groupTable() -> String {
        guard let grouping = report.grouping else { return "" }
        let header = [
            grouping.rawValue, "leads", "mql", "sql", "won", "lost", "sla met", "breached",
            "compliance",
            "median first touch", "overdue tasks",
        ]
        var html = "<h2>By \(grouping.rawValue)</h2>\n<table><thead><tr>"
        html += header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        let entries =
            report.rows.map { ($0.key, $0.counts) } + [(ReportRendering.totalKey, report.total)]
        for (key, counts) in entries {
            let cells = [
                key, String(counts.leads), String(counts.mql), String(counts.sql),
                String(counts.won), String(counts.lost),
                String(counts.slaMet), String(counts.slaBreached),
                ReportFormatting.percent(counts.slaCompliance),
                ReportFormatting.duration(counts.medianFirstTouchSeconds),
                String(counts.overdueOpenTasks),
            ]
            html += "<tr>" + cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(HTMLText.escape(title))</title>
        <style>
        body { font-family: sans-serif; color: #222; background: #fff; margin: 2em; max-width: 60em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
        .meta { color: #555; }
        .tiles { display: flex; flex-wrap: wrap; gap: 0.6em; }
        .tile { border: 1px solid #ccc; border-radius: 4px; padding: 0.5em 0.8em; min-width: 7em; }
        .tile span { display: block; color: #555; font-size: 0.85em; } .tile b { font-size: 1.4em; }
        svg text { font-family: sans-serif; font-size: 13px; fill: #222; } svg .empty { fill: #777; }
        table { border-collapse: collapse; margin-top: 0.5em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        @media print {
          body { margin: 0; max-width: none; }
          h2, svg, table { break-inside: avoid; }
          .tile { border-color: #999; }
        }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
