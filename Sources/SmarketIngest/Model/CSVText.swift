/// Writing CSV cells (RFC 4180).
///
/// Both helpers look at Unicode scalars, not Characters, because Swift treats "\r\n" as one
/// Character and a combining mark joins the quote before it into one Character.
public enum CSVText {
    /// Quotes a cell when it contains a comma, a quote, a carriage return or a line feed, doubling its quotes.
    public static func quote(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: needsQuotes) else { return value }
        var result = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { result.unicodeScalars.append(scalar) }
            result.unicodeScalars.append(scalar)
        }
        result.unicodeScalars.append("\"")
        return result
    }

    /// Quotes a cell for a file that people open in a spreadsheet.
    ///
    /// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    /// so that the spreadsheet shows it as text instead of running it as a formula.
    public static func spreadsheetCell(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else {
            return quote(value)
        }
        return quote("'" + value)
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\"" || scalar == "\n" || scalar == "\r"
    }
}
