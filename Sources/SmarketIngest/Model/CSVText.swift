/// Writing CSV cells (RFC 4180).
public enum CSVText {
    /// Quotes a cell when it contains a comma, a quote or a line break, doubling its quotes.
    public static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
