import Foundation
import Glibc
import TestSupport
import Testing

@testable import SmarketStore

/// Removing a person's rows from archived feed files while keeping their format.
@Suite struct ErasureFeedRewriterTests {
    let folder: String
    let matcher = PersonMatcher(reference: "zeb@example.com")!

    init() throws {
        folder = ScratchFolder.make("smarketd-rewrite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func rewrite(_ bytes: [UInt8], name: String, matcher: PersonMatcher? = nil) throws
        -> FeedRewriter.Outcome
    {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        return try FeedRewriter(matcher: matcher ?? self.matcher).rewrite(
            descriptor: descriptor, fileName: name, bytes: bytes)
    }

    func rewritten(_ outcome: FeedRewriter.Outcome) -> [UInt8]? {
        guard case .rewritten(let bytes, _) = outcome else { return nil }
        return bytes
    }

    @Test func csvDropsQuotedMultilineRecord() throws {
        let input =
            "email,name,notes\r\nann@example.com,Ann,hi\r\nZEB@example.com,Zeb,\"two\r\nlines\"\r\nbob@example.com,Bob,\r\n"
        let outcome = try rewrite(Array(input.utf8), name: "leads.csv")
        #expect(
            outcome
                == .rewritten(
                    bytes: Array(
                        "email,name,notes\r\nann@example.com,Ann,hi\r\nbob@example.com,Bob,\r\n"
                            .utf8), removed: 1))
    }

    @Test func csvLastRecordWithoutNewline() throws {
        let input = "email;name\nann@example.com;Ann\nzeb@example.com;Zeb"
        let outcome = try rewrite(Array(input.utf8), name: "leads.csv")
        #expect(rewritten(outcome) == Array("email;name\nann@example.com;Ann\n".utf8))
    }

    @Test func csvWithoutPersonUnchanged() throws {
        let outcome = try rewrite(Array("email\nann@example.com\n".utf8), name: "leads.csv")
        #expect(outcome == .unchanged)
    }

    @Test func utf16KeepsByteOrderMark() throws {
        let text = "email\tname\r\nzeb@example.com\tZeb\r\nann@example.com\tÄnn\r\n"
        let input = [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)
        let bytes = try #require(rewritten(try rewrite(input, name: "meta.csv")))
        let expected =
            [0xFF, 0xFE]
            + Array("email\tname\r\nann@example.com\tÄnn\r\n".data(using: .utf16LittleEndian)!)
        #expect(bytes == expected)
    }

    @Test func windows1252BytesKept() throws {
        let input: [UInt8] =
            Array("email,name\n".utf8) + Array("ann@example.com,J".utf8) + [0xFC]
            + Array("rgen\n".utf8)
            + Array("zeb@example.com,Zeb\n".utf8)
        let bytes = try #require(rewritten(try rewrite(input, name: "excel.csv")))
        #expect(bytes == Array(input.prefix(input.count - "zeb@example.com,Zeb\n".utf8.count)))
    }

    @Test func gzipIsCompressedAgain() throws {
        let plain = Array("email\nzeb@example.com\nann@example.com\n".utf8)
        let bytes = try #require(
            rewritten(try rewrite(try GzipData.compress(plain), name: "leads.csv.gz")))
        #expect(GzipData.isCompressed(bytes))
        #expect(
            try GzipData.decompress(bytes, limit: 1 << 20) == Array("email\nann@example.com\n".utf8)
        )
    }

    @Test func ndjsonDropsLine() throws {
        let input =
            "{\"email\":\"ann@example.com\"}\n{\"email\":\"zeb@example.com\",\"name\":\"Zeb\"}\n{\"email\":\"bob@example.com\"}\n"
        let bytes = try #require(rewritten(try rewrite(Array(input.utf8), name: "web.ndjson")))
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "{\"email\":\"ann@example.com\"}\n{\"email\":\"bob@example.com\"}\n")
    }

    @Test func jsonKeepsWrapper() throws {
        let input =
            "{\"source\":\"partner\",\"leads\":[{\"email\":\"zeb@example.com\"},{\"email\":\"ann@example.com\"}]}"
        let bytes = try #require(rewritten(try rewrite(Array(input.utf8), name: "partner.json")))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["source"] as? String == "partner")
        let leads = try #require(object["leads"] as? [[String: String]])
        #expect(leads == [["email": "ann@example.com"]])
    }

    @Test func jsonSingleRecordDeletes() throws {
        let input =
            "{\"user_column_data\":[{\"column_id\":\"EMAIL\",\"string_value\":\"zeb@example.com\"}]}"
        #expect(try rewrite(Array(input.utf8), name: "webhook.json") == .delete)
    }

    @Test func phoneMatchesNationalFormat() throws {
        let byPhone = try #require(PersonMatcher(reference: "+49 30 5551234"))
        let input = "phone,name\n030 5551234,Zeb\n030 5559999,Ann\n"
        let bytes = try #require(
            rewritten(try rewrite(Array(input.utf8), name: "calls.csv", matcher: byPhone)))
        #expect(String(decoding: bytes, as: UTF8.self) == "phone,name\n030 5559999,Ann\n")
    }

    @Test func outboxDropsPersonAndLead() {
        var person = matcher
        person.leadIDs = [7]
        let input =
            "{\"id\":\"a\",\"lead_id\":7}\n{\"id\":\"b\",\"email\":\"zeb@example.com\"}\n{\"id\":\"c\",\"lead_id\":8}\n"
        let result = OutboxFileRewriter.rewrite(Array(input.utf8), matcher: person)
        #expect(result?.removed == 2)
        #expect(
            result.map { String(decoding: $0.bytes, as: UTF8.self) }
                == "{\"id\":\"c\",\"lead_id\":8}\n")
    }
}
