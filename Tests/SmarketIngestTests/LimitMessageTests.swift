import Foundation
import Testing

@testable import SmarketIngest

/// Every limit error names the configuration key that sets the limit, its value and its unit.
@Suite struct LimitMessageTests {
    typealias Support = ReadingTestSupport

    /// Checks that `error` names `key` and `value` and no setting that does not exist.
    private func expectNames(_ error: FeedError?, key: String, value: String) {
        let message = error?.message ?? ""
        #expect(message.contains("raise \(key) in the configuration"), "\(message)")
        #expect(message.contains("the limit of \(value) set by \(key)"), "\(message)")
        #expect(!message.contains("inbox's"), "\(message)")
    }

    @Test func csvLongLineNamesMaxLineLength() throws {
        let line = String(repeating: "x", count: 2 << 20)
        let url = try Support.write("email,notes\na@contoso.example,short\nb@contoso.example,\(line)\n", named: "long.csv")
        let error = Support.readError(url)
        #expect(error?.code == .lineTooLong)
        #expect(error?.line == 3)
        expectNames(error, key: "limits.max_line_length", value: "1048576 bytes (1MiB)")
    }

    @Test func csvWideRowNamesMaxColumns() throws {
        let header = (1...1500).map { "c\($0)" }.joined(separator: ",")
        let url = try Support.write("email," + header + "\n", named: "wide.csv")
        let error = Support.readError(url)
        #expect(error?.code == .tooManyColumns)
        expectNames(error, key: "limits.max_columns", value: "1000 columns")
    }

    @Test func largeFileNamesMaxFileSize() {
        let error = Support.readError(Support.corpus("hubspot-contacts.csv"), limits: ReadLimits(maxFileSize: 100))
        #expect(error?.code == .fileTooLarge)
        expectNames(error, key: "limits.max_file_size", value: "100 bytes")
    }

    @Test func gzipBombNamesMaxUnpackedSize() throws {
        let url = try Support.gzipBomb(unpackedBytes: 4 << 20)
        let error = Support.readError(url, limits: ReadLimits(maxUnpackedSize: 1 << 20, maxLineLength: 128 << 20))
        #expect(error?.code == .unpackedTooLarge)
        #expect(error?.message.hasPrefix("bomb.csv.gz unpacks to more than") == true, "\(error?.message ?? "")")
        expectNames(error, key: "limits.max_unpacked_size", value: "1048576 bytes (1MiB)")
    }

    @Test func jsonLongRecordNamesMaxLineLength() throws {
        let notes = String(repeating: "y", count: 100)
        let url = try Support.write("[{\"email\": \"a@contoso.example\", \"notes\": \"\(notes)\"}]", named: "long.json")
        let error = Support.readError(url, limits: ReadLimits(maxLineLength: 64))
        #expect(error?.code == .lineTooLong)
        expectNames(error, key: "limits.max_line_length", value: "64 bytes")
    }

    @Test func jsonLongSingleObjectNamesMaxLineLength() throws {
        let notes = String(repeating: "y", count: 100)
        let url = try Support.write("{\"email\": \"a@contoso.example\", \"notes\": \"\(notes)\"}", named: "one.json")
        let error = Support.readError(url, limits: ReadLimits(maxLineLength: 64))
        #expect(error?.code == .lineTooLong)
        expectNames(error, key: "limits.max_line_length", value: "64 bytes")
    }

    @Test func jsonWideObjectNamesMaxColumns() throws {
        let url = try Support.write("[{\"email\": \"a@contoso.example\", \"b\": 1, \"c\": 2, \"d\": 3}]", named: "wide.json")
        let error = Support.readError(url, limits: ReadLimits(maxColumns: 3))
        #expect(error?.code == .tooManyColumns)
        expectNames(error, key: "limits.max_columns", value: "3 columns")
    }

    @Test func jsonFlattenedFieldsNameMaxColumns() throws {
        let url = try Support.write(
            "[{\"email\": \"a@contoso.example\", \"address\": {\"city\": \"Berlin\", \"zip\": \"10115\"}}]",
            named: "nested.json")
        let error = Support.readError(url, limits: ReadLimits(maxColumns: 2))
        #expect(error?.code == .tooManyColumns)
        expectNames(error, key: "limits.max_columns", value: "2 columns")
    }

    @Test func jsonNestingNamesFixedLimit() throws {
        let depth = JSONParser.maxDepth + 1
        let text = "[" + String(repeating: "{\"a\": ", count: depth) + "1" + String(repeating: "}", count: depth) + "]"
        let error = Support.readError(try Support.write(text, named: "deep.json"))
        #expect(error?.code == .malformedJSON)
        #expect(error?.message.contains("deeper than \(JSONParser.maxDepth) levels") == true)
        #expect(error?.message.contains("a fixed limit that no configuration key changes") == true)
    }

    @Test(arguments: [
        (Int64(1), "1 byte"),
        (64, "64 bytes"),
        (1024, "1024 bytes (1KiB)"),
        (1536, "1536 bytes"),
        (1 << 20, "1048576 bytes (1MiB)"),
        (3 << 29, "1610612736 bytes (1536MiB)"),
        (4 << 30, "4294967296 bytes (4GiB)"),
    ])
    func sizeTextAddsExactUnit(bytes: Int64, expected: String) {
        #expect(LimitSetting.sizeText(bytes) == expected)
    }
}
