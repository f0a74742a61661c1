/// Decisions taken from the first bytes of a feed's text: JSON or delimited text, and the delimiter.
enum ContentSniffer {
    /// The delimiters a CSV file may use, in the order that breaks a tie.
    static let delimiterCandidates: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
    ]

    /// Returns the format of the text in `sample`, using the file name where the content leaves a choice.
    ///
    /// Content that starts like JSON (`[` then `{` or `]`, or `{` then `"` or `}`) is JSON
    /// whatever the extension. Other content is CSV unless the extension names a JSON format,
    /// so that a broken `.json` file fails as malformed JSON rather than being read as CSV.
    static func format(of sample: [UInt8], hint: FileNameHint) -> FeedFormat {
        guard let first = firstNonSpace(in: sample, from: 0) else {
            return hint.format ?? .csv
        }
        let next = firstNonSpace(in: sample, from: first + 1).map { sample[$0] }
        let isArray =
            sample[first] == UInt8(ascii: "[")
            && (next == nil || next == UInt8(ascii: "{") || next == UInt8(ascii: "]"))
        let isObject =
            sample[first] == UInt8(ascii: "{")
            && (next == nil || next == UInt8(ascii: "\"") || next == UInt8(ascii: "}"))
        if isArray {
            return hint.format == .ndjson ? .ndjson : .json
        }
        if isObject {
            if hint.format == .json || hint.format == .ndjson { return hint.format! }
            return looksLikeNDJSON(sample) ? .ndjson : .json
        }
        if hint.format == .json || hint.format == .ndjson { return hint.format! }
        return .csv
    }

    /// Returns whether the first two non-blank lines each start with `{` and end with `}`.
    private static func looksLikeNDJSON(_ sample: [UInt8]) -> Bool {
        var objectLines = 0
        for line in sample.split(separator: UInt8(ascii: "\n")) {
            let trimmed = line.drop { isSpace($0) }.reversed().drop { isSpace($0) }
            guard let last = trimmed.first, let first = trimmed.last else { continue }
            guard first == UInt8(ascii: "{") && last == UInt8(ascii: "}") else { return false }
            objectLines += 1
            if objectLines == 2 { return true }
        }
        return false
    }

    /// Chooses the delimiter of a CSV sample by counting each candidate outside quotes in the
    /// first 20 records.
    ///
    /// A candidate must occur in the header. The one whose header count recurs in the most
    /// data records wins. On a tie the one with more columns wins, and after that a `.tsv`
    /// file prefers a tab while other files take the order comma, semicolon, tab, pipe.
    /// With no candidate in the header, the file has one column and the delimiter is the
    /// extension's default.
    /// - Parameter isWholeFile: Whether the sample is the whole file; when not, its last
    ///   record may be cut and is left out.
    static func delimiter(of sample: [UInt8], isWholeFile: Bool, prefersTab: Bool) -> UInt8 {
        var records = countDelimiters(in: sample, maxRecords: 21)
        if !isWholeFile && records.count > 1 { records.removeLast() }
        let fallback = prefersTab ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        guard let header = records.first else { return fallback }
        let dataRecords = records.dropFirst()

        var best: (delimiter: UInt8, consistent: Int, columns: Int, preference: Int)?
        for (index, candidate) in delimiterCandidates.enumerated() {
            let headerCount = header[index]
            guard headerCount > 0 else { continue }
            let consistent = dataRecords.filter { $0[index] == headerCount }.count
            let preference = prefersTab && candidate == UInt8(ascii: "\t") ? -1 : index
            if let current = best {
                if consistent < current.consistent { continue }
                if consistent == current.consistent && headerCount < current.columns { continue }
                if consistent == current.consistent && headerCount == current.columns
                    && preference > current.preference
                {
                    continue
                }
            }
            best = (candidate, consistent, headerCount, preference)
        }
        return best?.delimiter ?? fallback
    }

    /// Counts each candidate delimiter outside quotes, per non-blank record.
    private static func countDelimiters(in sample: [UInt8], maxRecords: Int) -> [[Int]] {
        var records: [[Int]] = []
        var counts = [Int](repeating: 0, count: delimiterCandidates.count)
        var inQuotes = false
        var recordHasBytes = false
        for byte in sample {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                recordHasBytes = true
                continue
            }
            if !inQuotes && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
                if recordHasBytes {
                    records.append(counts)
                    if records.count == maxRecords { return records }
                }
                counts = [Int](repeating: 0, count: delimiterCandidates.count)
                recordHasBytes = false
                continue
            }
            recordHasBytes = true
            if !inQuotes, let index = delimiterCandidates.firstIndex(of: byte) {
                counts[index] += 1
            }
        }
        if recordHasBytes { records.append(counts) }
        return records
    }

    private static func firstNonSpace(in sample: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < sample.count {
            if !isSpace(sample[index]) { return index }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
