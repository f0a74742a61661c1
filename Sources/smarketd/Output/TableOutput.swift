import SmarketIngest

/// Renders rows as CSV (formulas neutralized) or as an aligned text table.
enum TableOutput {
    /// RFC 4180 CSV. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    /// so opening the export in a spreadsheet runs no formula.
    static func csv(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row in
            row.map(CSVText.spreadsheetCell).joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// Replaces each line break (CRLF, CR or LF) with one space, so a cell stays on its row.
    static func flatteningLineBreaks(_ cell: String) -> String {
        var result = ""
        var previousWasCarriageReturn = false
        for scalar in cell.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            if scalar == "\n" && previousWasCarriageReturn { continue }
            if scalar == "\n" || scalar == "\r" {
                result.unicodeScalars.append(" ")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Columns padded to their widest cell; cells longer than `maxWidth` are cut with an ellipsis.
    static func text(header: [String], rows: [[String]], maxWidth: Int = 32) -> String {
        let cut = { (cell: String) -> String in
            let flat = flatteningLineBreaks(cell)
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
