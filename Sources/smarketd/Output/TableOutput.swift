import SmarketIngest

/// Renders rows as CSV (formulas neutralized) or as an aligned text table.
enum TableOutput {
    /// RFC 4180 CSV. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    /// so opening the export in a spreadsheet runs no formula.
    static func csv(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(csvCell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func csvCell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        return CSVText.quote(value)
    }

    /// Columns padded to their widest cell; cells longer than `maxWidth` are cut with an ellipsis.
    static func text(header: [String], rows: [[String]], maxWidth: Int = 32) -> String {
        let cut = { (cell: String) -> String in
            let flat = cell.replacingOccurrences(of: "\n", with: " ")
            return flat.count > maxWidth ? String(flat.prefix(maxWidth - 1)) + "…" : flat
        }
        let table = ([header] + rows).map { $0.map(cut) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in table {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return table.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
