import Foundation
import SmarketDaemon
import Testing

@Suite struct JournalCatalogTests {
    /// Parses `systemd/smarketd.catalog` into entries: each `-- ID` line and the lines up to the next one.
    static func catalogEntries() throws -> [(id: String, body: [String])] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("systemd/smarketd.catalog")
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [(id: String, body: [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- ") {
                entries.append((String(line.dropFirst(3)), []))
            } else if !entries.isEmpty {
                entries[entries.count - 1].body.append(String(line))
            }
        }
        return entries
    }

    @Test func everyKindInCatalogOnce() throws {
        let ids = try Self.catalogEntries().map(\.id)
        for kind in MessageKind.all {
            #expect(ids.filter { $0 == kind.id }.count == 1, "\(kind.name) \(kind.id)")
        }
    }

    @Test func everyCatalogIdIsKind() throws {
        let known = Set(MessageKind.all.map(\.id))
        for entry in try Self.catalogEntries() {
            #expect(known.contains(entry.id), "catalog id \(entry.id) has no MessageKind")
        }
    }

    @Test func kindIdsAreDistinctHex() {
        let ids = MessageKind.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 32, "\(id)")
            #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(id)")
        }
    }

    @Test func catalogEntriesHaveSubjectAndDefiner() throws {
        for entry in try Self.catalogEntries() {
            #expect(entry.body.contains { $0.hasPrefix("Subject: ") }, "\(entry.id)")
            #expect(entry.body.contains("Defined-By: smarketd"), "\(entry.id)")
        }
    }
}
