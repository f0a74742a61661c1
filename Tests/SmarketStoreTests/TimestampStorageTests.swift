import Foundation
import SmarketIngest
import Testing

@testable import SmarketStore

struct TimestampStorageTests {
    /// The last formatted second is kept, so a change of second, and a return to an earlier one, must
    /// still give each instant its own text.
    @Test func alternatingInstantsKeepTheirText() {
        let first = Date(timeIntervalSince1970: 1_796_376_600)
        let second = first.addingTimeInterval(1.5)
        for _ in 0..<3 {
            #expect(Timestamp.string(first) == "2026-12-04T09:30:00Z")
            #expect(Timestamp.string(second) == "2026-12-04T09:30:01Z")
        }
        #expect(Timestamp.string(first.addingTimeInterval(0.9)) == "2026-12-04T09:30:00Z")
    }
}
