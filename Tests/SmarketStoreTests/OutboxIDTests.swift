import Foundation
import Testing

@testable import SmarketStore

/// Outbox record ids: version 7 UUIDs that sort by their time.
@Suite struct OutboxIDTests {
    static let instant = Date(timeIntervalSince1970: 1_796_380_200.123)

    @Test func idCarriesTimeAndVersion() throws {
        let id = OutboxID.make(at: Self.instant)
        let uuid = try #require(UUID(uuidString: id))
        #expect(id == id.lowercased())

        let hex = id.replacingOccurrences(of: "-", with: "")
        #expect(UInt64(hex.prefix(12), radix: 16) == 1_796_380_200_123)
        #expect(uuid.uuid.6 >> 4 == 7)
        #expect(uuid.uuid.8 >> 6 == 0b10)
    }

    @Test func laterIdsSortLater() {
        let ids = (0..<50).map { OutboxID.make(at: Self.instant.addingTimeInterval(Double($0))) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    /// Ids of the same millisecond differ in their random bits.
    @Test func sameMillisecondIdsDiffer() {
        let ids = (0..<1_000).map { _ in OutboxID.make(at: Self.instant) }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map { $0.prefix(13) }).count == 1)
    }
}
