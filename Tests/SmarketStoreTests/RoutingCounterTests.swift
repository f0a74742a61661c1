import Foundation
import Testing

@testable import SmarketStore

/// The named counters that number assignments and deadline revisions.
@Suite struct RoutingCounterTests {
    @Test func countersCountSeparately() throws {
        let path = try DatabaseTests.databasePath()
        let database = try Database(path: path)
        try database.prepareForWriting()
        let routing = RoutingStore(database: database)

        #expect(try routing.nextValue(of: "assignment_sequence") == 1)
        #expect(try routing.nextValue(of: "assignment_sequence") == 2)
        #expect(try routing.nextValue(of: "sla_revision") == 1)
        #expect(try routing.nextValue(of: "assignment_sequence") == 3)

        let reopened = try Database(path: path)
        try reopened.prepareForWriting()
        #expect(try RoutingStore(database: reopened).nextValue(of: "sla_revision") == 2)
    }
}
