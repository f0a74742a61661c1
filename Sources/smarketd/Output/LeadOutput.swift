import Foundation
import SmarketIngest
import SmarketStore

/// The `lead` command's output formats of one lead and its timeline.
struct LeadOutput {
    let timeline: LeadTimeline
    let formatting: ReportFormatting

    /// Lead columns printed as JSON numbers when their value is a number, as `leads` prints them. An
    /// employee count stored as a band such as `51-200` stays a string.
    static let numericFields: Set<String> = [
        "id", "employees", "score", "fit_score", "engagement_score", "intent_score",
    ]

    /// A stored UTC time such as `2026-11-10T10:00:00Z`, inside a timeline summary.
    nonisolated(unsafe) static let storedTime = #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/#

    /// Formats a stored UTC time in the configured zone and returns other values unchanged.
    func display(_ name: String, _ value: String) -> String {
        if name.hasSuffix("score"), let number = Double(value) {
            return LeadsCommand.formatScore(number)
        }
        guard name.hasSuffix("_at"), let date = Timestamp.date(value) else { return value }
        return formatting.timestamp(date)
    }

    /// Lead columns stored as JSON text, printed as the objects they contain instead of as strings.
    static let objectFields: Set<String> = ["custom", "invalid"]

    func jsonField(_ name: String, _ value: String) -> JSONValue {
        if Self.objectFields.contains(name), let object = JSONValue(parsingObject: value) {
            return object
        }
        if Self.numericFields.contains(name) {
            if let integer = Int64(value) { return .integer(integer) }
            if let number = Double(value), number.isFinite { return .number(number) }
        }
        return .string(display(name, value))
    }

    /// Rewrites the stored UTC times inside a summary in the configured zone, so that they read like
    /// the `at` column beside them.
    func localTimes(in summary: String) -> String {
        summary.replacing(Self.storedTime) { match in
            let text = String(match.output)
            return Timestamp.date(text).map(formatting.timestamp) ?? text
        }
    }

    /// JSON: the fields, and the entries with `at` in the configured zone and summaries as stored.
    func json() -> String {
        let fields = JSONValue.object(timeline.fields.map { ($0.name, jsonField($0.name, $0.value)) })
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

    /// CSV: one row per timeline entry, with times as stored (RFC 3339 UTC) like `leads --format csv`.
    /// The lead's fields are left out because `leads --format csv` lists them.
    func csv() -> String {
        TableOutput.csv(
            header: ["lead_id", "at", "kind", "summary"],
            rows: timeline.entries.map { entry in
                [String(timeline.leadID), entry.at, entry.kind.rawValue, entry.summary]
            })
    }

    /// Text: the fields, then the timeline with every time in the configured zone.
    func table() -> String {
        let width = timeline.fields.map(\.name.count).max() ?? 0
        var text = "Lead \(timeline.leadID)\n"
        for field in timeline.fields {
            text +=
                "  " + field.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + TableOutput.flatteningLineBreaks(display(field.name, field.value)) + "\n"
        }
        text += "\nTimeline (\(formatting.timeZone.identifier))\n"
        text += TableOutput.text(
            header: ["at", "kind", "what"],
            rows: timeline.entries.map { entry in
                [
                    Timestamp.date(entry.at).map(formatting.timestamp) ?? entry.at,
                    entry.kind.rawValue,
                    localTimes(in: entry.summary),
                ]
            }, maxWidth: 200)
        return text
    }
}
