import Foundation
import SmarketStore

/// `smarketd report`: the closed-loop report, read from the database opened read-only.
enum ReportCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["since", "until", "by", "format"])
        try parsed.requireNoOperands(of: "report")
        let format = try parsed.format(allowed: ["table", "json", "csv", "html"])
        var grouping: ReportGrouping?
        if let by = parsed["by"] {
            guard let value = ReportGrouping(rawValue: by) else {
                throw UsageError(description: "--by \(by) is not one of source, campaign, rep")
            }
            grouping = value
        }

        let configuration = try Command.loadConfiguration(configurationPath)
        let timeZone = configuration.timeZone
        let since = try day(parsed, "since", timeZone)
        let until = try day(parsed, "until", timeZone)
        if let since, let until, until <= since {
            throw UsageError(
                description:
                    "--until \(parsed["until"]!) must be later than --since \(parsed["since"]!)")
        }

        guard let database = try ReadOnlyStore.open(configuration.databasePath) else {
            return ExitCode.noInput
        }
        let query = ReportQuery(database: database, timeZone: timeZone)
        let now = Date()
        let target = configuration.sla.mqlPerMonth
        // The HTML page runs three reports, and one read transaction around them makes its tables add up.
        let output: String = try database.reading {
            let report = try query.run(
                since: since, until: until, grouping: grouping, mqlTarget: target, now: now)
            let rendering = ReportRendering(
                report: report, formatting: ReportFormatting(timeZone: timeZone))
            switch format {
            case "json": return rendering.json()
            case "csv": return rendering.csv()
            case "html":
                let byRep = try query.run(
                    since: since, until: until, grouping: .rep, mqlTarget: target, now: now)
                let bySource = try query.run(
                    since: since, until: until, grouping: .source, mqlTarget: target, now: now)
                return HTMLReport(rendering: rendering, byRep: byRep, bySource: bySource).render()
            default: return rendering.table()
            }
        }
        print(output, terminator: "")
        return ExitCode.success
    }

    /// Reads a `YYYY-MM-DD` option as the first instant of that day in the configured zone.
    private static func day(_ parsed: Arguments, _ name: String, _ timeZone: TimeZone) throws
        -> Date?
    {
        guard let text = parsed[name] else { return nil }
        guard let date = ReportQuery.startOfDay(text, in: timeZone) else {
            throw UsageError(
                description:
                    "--\(name) \(text) is not a date; write it as YYYY-MM-DD, such as 2026-11-01")
        }
        return date
    }
}
