import CZlib
import Foundation
import Testing

@testable import SmarketIngest

@Suite struct ReadingGzipTests {
    typealias Support = ReadingTestSupport

    @Test func gzipCorpusFile() throws {
        let folder = try Support.temporaryFolder()
        let url = folder.appendingPathComponent("salesforce.csv.gz")
        try Support.gzip(Support.corpus("salesforce-leads-excel-de.csv"), to: url)
        let (file, records) = try Support.readAll(url)
        #expect(file.isCompressed)
        #expect(file.encodingName == "Windows-1252")
        #expect(records.count == 12)
        #expect(records[2].value(named: "Last Name") == "Müller")
    }

    @Test func gzipDetectedWithoutExtension() throws {
        let folder = try Support.temporaryFolder()
        let url = folder.appendingPathComponent("partner-leads.txt")
        try Support.gzip(Support.corpus("partner-leads.json"), to: url)
        let (file, records) = try Support.readAll(url)
        #expect(file.isCompressed)
        #expect(file.format == .json)
        #expect(records.count == 6)
    }

    @Test func gzipBombStopsAtLimit() throws {
        // 64 MiB of the same byte compresses to about 64 KiB.
        let url = try Support.gzipBomb(unpackedBytes: 64 << 20)
        let limits = ReadLimits(maxUnpackedSize: 1 << 20, maxLineLength: 128 << 20)
        let error = Support.readError(url, limits: limits)
        #expect(error?.code == .unpackedTooLarge)
    }

    @Test func truncatedGzip() throws {
        let folder = try Support.temporaryFolder()
        let whole = folder.appendingPathComponent("whole.csv.gz")
        try Support.gzip(Support.corpus("hubspot-contacts.csv"), to: whole)
        let bytes = try Data(contentsOf: whole)
        let url = try Support.write(Array(bytes.prefix(bytes.count - 20)), named: "cut.csv.gz")
        let error = Support.readError(url)
        #expect(error?.code == .malformedGzip)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("cut.csv.gz ends early, after "), "\(message)")
        #expect(message.contains("so its gzip data is truncated. "), "\(message)")
        #expect(message.hasSuffix("Compress the original file again and drop the complete file."), "\(message)")
    }

    @Test func corruptGzip() throws {
        let folder = try Support.temporaryFolder()
        let whole = folder.appendingPathComponent("whole.csv.gz")
        try Support.gzip(Support.corpus("hubspot-contacts.csv"), to: whole)
        var bytes = Array(try Data(contentsOf: whole))
        for index in 20..<60 { bytes[index] ^= 0x5A }
        let error = Support.readError(try Support.write(bytes, named: "corrupt.csv.gz"))
        #expect(error?.code == .malformedGzip)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("corrupt.csv.gz has corrupt gzip data after "), "\(message)")
        #expect(message.hasSuffix("Compress the original file again and drop the new one."), "\(message)")
    }

    @Test func concatenatedMembers() throws {
        let folder = try Support.temporaryFolder()
        let first = folder.appendingPathComponent("first.gz")
        let second = folder.appendingPathComponent("second.gz")
        try Support.gzip(
            try Support.write("email,name\na@x.example,Ann\n", named: "a.csv"), to: first)
        try Support.gzip(try Support.write("b@x.example,Bob\n", named: "b.csv"), to: second)
        let joined = Array(try Data(contentsOf: first)) + Array(try Data(contentsOf: second))
        let (_, records) = try Support.readAll(try Support.write(joined, named: "joined.csv.gz"))
        #expect(records.count == 2)
        #expect(records[1].value(named: "name") == "Bob")
    }
}
