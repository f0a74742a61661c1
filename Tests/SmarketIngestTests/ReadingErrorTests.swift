import Foundation
import Testing

@testable import SmarketIngest

@Suite struct ReadingErrorTests {
    typealias Support = ReadingTestSupport

    @Test func emptyFile() {
        let error = Support.readError(Support.corpus("bad/empty.csv"))
        #expect(error?.code == .empty)
    }

    @Test func binaryFile() {
        let error = Support.readError(Support.corpus("bad/binary.csv"))
        #expect(error?.code == .binary)
    }

    @Test func controlCharactersAreBinary() throws {
        let bytes: [UInt8] =
            Array("email,name\n".utf8) + [UInt8](repeating: 0x01, count: 40) + Array("\n".utf8)
        let error = Support.readError(try Support.write(bytes, named: "leads.csv"))
        #expect(error?.code == .binary)
    }

    @Test func headerOnly() {
        let error = Support.readError(Support.corpus("bad/header-only.csv"))
        #expect(error?.code == .noRecords)
    }

    @Test func truncatedJSON() throws {
        var (file, descriptor) = try Support.open(Support.corpus("bad/truncated.json"))
        defer { close(descriptor) }
        let first = try file.next()
        #expect(first?.value(named: "email") == "a@contoso.example")
        #expect(throws: FeedError.self) { try file.next() }
        let error = Support.readError(Support.corpus("bad/truncated.json"))
        #expect(error?.code == .malformedJSON)
        #expect(error?.line == 1)
    }

    @Test func malformedJSONNamesLine() throws {
        let url = try Support.write("[\n{\"a\": 1},\n{\"a\": 2,,}\n]", named: "leads.json")
        let error = Support.readError(url)
        #expect(error?.code == .malformedJSON)
        #expect(error?.line == 3)
    }

    @Test func ndjsonRecordCutShortNamesItsStart() throws {
        let text = "{\"email\": \"a@x.example\"}\n{\"email\": \"b@x.example\",\n{\"email\": \"c@x.example\"}\n"
        let error = Support.readError(try Support.write(text, named: "leads.ndjson"))
        #expect(error?.code == .malformedJSON)
        #expect(error?.line == 3)
        #expect(error?.message.contains("starts on line 2") == true)
    }

    @Test func ndjsonStringCutAtLineEndNamesItsLine() throws {
        for ending in ["\n", "\r\n"] {
            let text = "{\"email\": \"a@x.example\"}" + ending + "{\"email\": \"b@x.example" + ending
                + "{\"email\": \"c@x.example\"}" + ending
            let error = Support.readError(try Support.write(text, named: "leads.ndjson"))
            #expect(error?.code == .malformedJSON)
            #expect(error?.line == 2)
            #expect(error?.message.contains("without its closing quote") == true)
        }
    }

    @Test func arrayElementErrorNamesElementStart() throws {
        let url = try Support.write("[\n{\"a\": 1},\n{\n\"a\": 2\n\"b\": 3\n}\n]", named: "leads.json")
        let error = Support.readError(url)
        #expect(error?.line == 5)
        #expect(error?.message.contains("starts on line 3") == true)
    }

    @Test func unbalancedQuoteNamesLine() {
        let error = Support.readError(Support.corpus("bad/unbalanced-quote.csv"))
        #expect(error?.code == .unbalancedQuote)
        #expect(error?.line == 2)
        #expect(error?.message.contains("unbalanced-quote.csv") == true)
    }

    @Test func fileTooLarge() {
        let limits = ReadLimits(maxFileSize: 100)
        let error = Support.readError(Support.corpus("hubspot-contacts.csv"), limits: limits)
        #expect(error?.code == .fileTooLarge)
    }

    @Test func tooManyColumnsInRow() throws {
        let url = try Support.write("a,b\n1,2\n1,2,3,4\n", named: "leads.csv")
        let error = Support.readError(url, limits: ReadLimits(maxColumns: 3))
        #expect(error?.code == .tooManyColumns)
        #expect(error?.line == 3)
    }

    @Test func emptyJSONArrayHasNoRecords() throws {
        let error = Support.readError(try Support.write("{\"data\": []}", named: "leads.json"))
        #expect(error?.code == .noRecords)
    }

    @Test func brokenJSONExtensionIsMalformed() throws {
        let error = Support.readError(try Support.write("<html>oops</html>", named: "leads.json"))
        #expect(error?.code == .malformedJSON)
        #expect(error?.line == 1)
    }
}
