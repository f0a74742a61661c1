import Foundation

/// Removes a person's records from an outbox file of NDJSON records.
public enum OutboxFileRewriter {
    /// Returns the file without the lines whose record belongs to the person, and how many went;
    /// nil when no line does. Lines that are not JSON are kept as they are.
    public static func rewrite(_ bytes: [UInt8], matcher: PersonMatcher) -> (
        bytes: [UInt8], removed: Int
    )? {
        var output: [UInt8] = []
        var removed = 0
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for line in lines.enumerated() {
            let isLast = line.offset == lines.count - 1
            if let object = try? JSONSerialization.jsonObject(with: Data(line.element)),
                matcher.matches(json: object)
            {
                removed += 1
                continue
            }
            output.append(contentsOf: line.element)
            if !isLast { output.append(0x0A) }
        }
        return removed > 0 ? (output, removed) : nil
    }
}
