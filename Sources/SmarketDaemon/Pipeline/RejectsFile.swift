import SmarketIngest
import SmarketStore

/// Renders rejected rows as CSV with their original columns, then `line` and `reason`.
enum RejectsFile {
    static func render(_ rows: [RejectedRow]) -> String {
        var columns: [String] = []
        var known: Set<String> = []
        for row in rows {
            for field in row.fields where known.insert(field.name).inserted {
                columns.append(field.name)
            }
        }
        var text = (columns + ["line", "reason"]).map(CSVText.quote).joined(separator: ",") + "\r\n"
        for row in rows {
            var values: [String: String] = [:]
            for field in row.fields where values[field.name] == nil {
                values[field.name] = field.value
            }
            let cells = columns.map { values[$0] ?? "" } + [String(row.line), row.reason]
            text += cells.map(CSVText.quote).joined(separator: ",") + "\r\n"
        }
        return text
    }
}
