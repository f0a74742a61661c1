import Foundation
import Testing

@testable import SmarketStore

/// A file that is not a database gets an error naming the file and what to do, not SQLite's bare words.
struct DatabaseDamageTests {
    static func garbageDatabase() throws -> String {
        let path = try DatabaseTests.databasePath()
        let bytes = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7_919 &+ 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readerNamesDamagedFile() throws {
        let path = try Self.garbageDatabase()
        let database = try Database(path: path, readOnly: true)
        let error = #expect(throws: StoreError.self) { try database.checkReadable() }
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("restore it from a backup") == true)
    }

    @Test func writerNamesDamagedFile() throws {
        let path = try Self.garbageDatabase()
        let database = try Database(path: path)
        let error = #expect(throws: StoreError.self) { try database.prepareForWriting() }
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("is not an SQLite database or is damaged") == true)
    }
}
