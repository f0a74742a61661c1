import Foundation
import Testing

@testable import SmarketStore

/// Parameters of cached statements, which SQLite keeps from one run to the next.
@Suite struct StatementBindingTests {
    /// A statement bound to fewer values, or run again without `bind`, must not see the values of its last run.
    @Test func runWithoutBindSeesNullParameters() throws {
        let database = try Database(path: try DatabaseTests.databasePath())
        try database.execute("CREATE TABLE pairs (a TEXT, b TEXT)")
        let insert = "INSERT INTO pairs (a, b) VALUES (?1, ?2)"

        try database.statement(insert).bind(.text("x"), .text("y")).run()
        try database.statement(insert).bind(.text("z")).run()
        try database.statement(insert).bind(.text("x"), .text("y")).run()
        try database.statement(insert).run()

        let rows = try database.statement("SELECT a, b FROM pairs ORDER BY rowid").rows {
            [$0.text(0) ?? "NULL", $0.text(1) ?? "NULL"]
        }
        #expect(rows == [["x", "y"], ["z", "NULL"], ["x", "y"], ["NULL", "NULL"]])
    }

    /// Text is kept in the statement's own memory up to a size, and copied by SQLite past it. Each row
    /// must read back what it was given, whichever way it went and however the memory grew between.
    @Test func textSurvivesGrowthAndLargeValues() throws {
        let database = try Database(path: try DatabaseTests.databasePath())
        try database.execute("CREATE TABLE pairs (a TEXT, b TEXT)")
        let insert = "INSERT INTO pairs (a, b) VALUES (?1, ?2)"
        let large = String(repeating: "x", count: ParameterText.largestKept + 1)
        let pairs = [
            ("short", "é"), (large, "after large"), (String(repeating: "a", count: 300), String(repeating: "b", count: 700)),
            ("", "empty before"), ("small again", "ü"),
        ]

        for (a, b) in pairs {
            try database.statement(insert).bind(.text(a), .text(b)).run()
        }

        let rows = try database.statement("SELECT a, b FROM pairs ORDER BY rowid").rows { [$0.text(0), $0.text(1)] }
        #expect(rows == pairs.map { [$0.0, $0.1] })
    }
}
