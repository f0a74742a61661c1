import SmarketIngest
import SmarketStore

/// Renders rejected rows as CSV with their original columns, then `line` and `reason`.
enum RejectsFile {
    static func render(_ rows: [RejectedRow]) -> String {
        var columns: [String] = []
        var known: Set<String> = []
        for row in rows {
            for field in originalFields(of: row) where known.insert(field.name).inserted {
                columns.append(field.name)
            }
        }
        var text = (columns + ["line", "reason"]).map(CSVText.quote).joined(separator: ",") + "\r\n"
        for row in rows {
            var values: [String: String] = [:]
            for field in originalFields(of: row) where values[field.name] == nil {
                values[field.name] = field.value
            }
            let cells = columns.map { values[$0] ?? "" } + [String(row.line), row.reason]
            text += cells.map(CSVText.quote).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// Returns the row's fields without the `line` and `reason` columns that end a rejects file dropped
    /// into an inbox again, so the new ones replace them instead of repeating them.
    static func originalFields(of row: RejectedRow) -> ArraySlice<(name: String, value: String)> {
        let fields = row.fields[...]
        guard fields.count >= 2, fields[fields.endIndex - 2].name == "line", fields.last?.name == "reason" else {
            return fields
        }
        return fields.dropLast(2)
    }
}
