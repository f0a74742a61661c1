import Foundation
import TestSupport
import SmarketStore

/// A database in a temporary folder, filled with the scripted history of `Fixtures/reports/history.sql`.
struct ReportTestHistory {
    let folder: String
    let database: Database

    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    init(loadHistory: Bool = true) throws {
        folder = ScratchFolder.make("smarketd-report")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        database = try Database(path: folder + "/smarketd.db")
        try database.prepareForWriting()
        if loadHistory {
            try database.execute(
                try String(contentsOf: Self.fixture("reports/history.sql"), encoding: .utf8))
        }
    }

    static func fixture(_ relativePath: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    static func day(_ text: String) -> Date { ReportQuery.startOfDay(text, in: berlin)! }

    /// Computes the November 2026 report at 00:00 UTC on 16 November.
    func november(by grouping: ReportGrouping? = nil, target: Int? = 10) throws -> Report {
        try ReportQuery(database: database, timeZone: Self.berlin).run(
            since: Self.day("2026-11-01"), until: Self.day("2026-12-01"), grouping: grouping,
            mqlTarget: target,
            now: Date(timeIntervalSince1970: 1_794_787_200))
    }
}
