import Foundation
import Testing

/// `journal.per_file_limit`: the first entries of a file are journaled one by one, and one summary counts
/// the rest, also when the limit falls inside a chunk and the engine stops building entries there.
@Suite struct JournalLimitTests {
    /// Returns a feed of `count` new leads, one per row.
    static func feed(_ count: Int) -> String {
        "email,first_name,company\n"
            + (1...count).map { "lead\($0)@contoso.example,Lead\($0),Contoso" }.joined(separator: "\n") + "\n"
    }

    /// Imports the feed in chunks of 7 rows with the given limit and returns the journal lines.
    static func importJournal(limit: Int, feed: String) throws -> [Substring] {
        let workspace = try TestWorkspace(
            extraYAML: TestWorkspace.salesTeam + "\njournal: {per_file_limit: \(limit)}")
        let path = workspace.root.path + "/feed.csv"
        try feed.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try workspace.command(
            ["import", "--inbox", "web", path], environment: ["SMARKETD_FAULT": "chunk-rows=7"])
        #expect(result.status == 0, "\(result.errorOutput)")
        return result.errorOutput.split(separator: "\n")
    }

    /// Returns the lines of the engine's entries: every line but the summary and the file's own entry.
    static func leadEntries(_ lines: [Substring]) -> [Substring] {
        lines.filter { !$0.contains("ENTRIES_SUMMARIZED=") && !$0.contains("rows accepted") }
    }

    @Test func limitInsideChunkSummarizesRest() throws {
        let feed = Self.feed(30)
        let all = Self.leadEntries(try Self.importJournal(limit: 100_000, feed: feed))
        let limited = try Self.importJournal(limit: 10, feed: feed)

        // Each new lead gives more than one entry, so the limit of 10 ends inside the first chunk.
        #expect(all.count > 30)
        #expect(Self.leadEntries(limited) == Array(all.prefix(10)))
        let summary = limited.filter { $0.contains("ENTRIES_SUMMARIZED=") }
        #expect(summary.count == 1)
        #expect(summary.first?.contains("ENTRIES_SUMMARIZED=\(all.count - 10) ") == true, "\(summary)")
    }

    @Test func limitAboveEntriesHasNoSummary() throws {
        let lines = try Self.importJournal(limit: 100_000, feed: Self.feed(12))

        #expect(Self.leadEntries(lines).count > 12)
        #expect(!lines.contains { $0.contains("ENTRIES_SUMMARIZED=") })
    }

    @Test func limitOfOneKeepsFirstEntry() throws {
        let feed = Self.feed(12)
        let all = Self.leadEntries(try Self.importJournal(limit: 100_000, feed: feed))
        let limited = try Self.importJournal(limit: 1, feed: feed)

        #expect(Self.leadEntries(limited) == Array(all.prefix(1)))
        #expect(limited.contains { $0.contains("ENTRIES_SUMMARIZED=\(all.count - 1) ") })
    }
}
