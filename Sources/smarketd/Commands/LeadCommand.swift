import Foundation
import SmarketIngest
import SmarketStore

/// `smarketd lead EMAIL|PHONE|ID`: one lead's fields and timeline, from the database opened read-only.
enum LeadCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["format"])
        let format = try parsed.format(allowed: ["table", "json"])
        guard parsed.operands.count == 1, let reference = parsed.operands.first else {
            throw UsageError(description: "lead needs exactly one EMAIL, PHONE or lead ID")
        }
        let configuration = try Command.loadConfiguration(configurationPath)
        guard let database = try ReadOnlyStore.open(configuration.databasePath) else {
            return ExitCode.noInput
        }
        let query = TimelineQuery(database: database)
        guard let id = try query.findLead(reference), let timeline = try query.timeline(leadID: id)
        else {
            printError(
                "smarketd: no lead matches \(reference); give an email address, a phone number or a lead id "
                    + "as `smarketd leads` lists them")
            return ExitCode.noInput
        }
        let formatting = ReportFormatting(timeZone: configuration.timeZone)
        print(
            format == "json" ? json(timeline, formatting) : table(timeline, formatting),
            terminator: "")
        return ExitCode.success
    }

    /// Formats a stored UTC time in the configured zone and returns other values unchanged.
    static func display(_ name: String, _ value: String, _ formatting: ReportFormatting) -> String {
        if name.hasSuffix("score"), let number = Double(value) {
            return LeadsCommand.formatScore(number)
        }
        guard name.hasSuffix("_at"), let date = Timestamp.date(value) else { return value }
        return formatting.timestamp(date)
    }

    static func json(_ timeline: LeadTimeline, _ formatting: ReportFormatting) -> String {
        let fields = JSONValue.object(
            timeline.fields.map { ($0.name, .string(display($0.name, $0.value, formatting))) })
        let entries = timeline.entries.map { entry in
            JSONValue.object([
                ("at", .string(Timestamp.date(entry.at).map(formatting.timestamp) ?? entry.at)),
                ("kind", .string(entry.kind.rawValue)), ("summary", .string(entry.summary)),
            ])
        }
        return JSONValue.object([
            ("id", .integer(timeline.leadID)), ("lead", fields), ("timeline", .array(entries)),
        ])
        .rendered() + "\n"
    }

    static func table(_ timeline: LeadTimeline, _ formatting: ReportFormatting) -> String {
        let width = timeline.fields.map(\.name.count).max() ?? 0
        var text = "Lead \(timeline.leadID)\n"
        for field in timeline.fields {
            text +=
                "  " + field.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + TableOutput.flatteningLineBreaks(display(field.name, field.value, formatting)) + "\n"
        }
        text += "\nTimeline (\(formatting.timeZone.identifier))\n"
        text += TableOutput.text(
            header: ["at", "kind", "what"],
            rows: timeline.entries.map { entry in
                [
                    Timestamp.date(entry.at).map(formatting.timestamp) ?? entry.at,
                    entry.kind.rawValue,
                    entry.summary,
                ]
            }, maxWidth: 200)
        return text
    }
}
