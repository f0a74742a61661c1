/// The record layout of a feed file.
public enum FeedFormat: String, Sendable {
    /// Delimited text with a header row: comma, semicolon, tab or pipe separated.
    case csv
    /// A JSON array of objects, an object holding such an array, or a single object.
    case json
    /// One JSON object per line.
    case ndjson
}

/// The hints that a file name's extensions give about its content.
struct FileNameHint: Equatable {
    /// The format the extension names, or nil when the extension names none.
    var format: FeedFormat?
    /// Whether the name ends in `.gz`.
    var isCompressed: Bool
    /// Whether the extension is `.tsv`, so that a tab wins a tie when sniffing the delimiter.
    var prefersTab: Bool

    /// Reads the extensions of a name such as `leads.csv.gz`, without case.
    init(fileName: String) {
        var name = fileName.lowercased()
        isCompressed = name.hasSuffix(".gz")
        if isCompressed { name.removeLast(3) }
        let extensionName = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) }
        prefersTab = extensionName == "tsv"
        // A `.txt` extension marks text but not its layout, so the content decides the format.
        switch extensionName {
        case "csv", "tsv": format = .csv
        case "json": format = .json
        case "ndjson", "jsonl": format = .ndjson
        default: format = nil
        }
    }
}
