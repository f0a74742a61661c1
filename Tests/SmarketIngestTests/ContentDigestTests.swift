import Foundation
import Testing

@testable import SmarketIngest

@Suite struct ContentDigestTests {
    typealias Support = ReadingTestSupport

    private func sha256sum(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
            ?? ""
    }

    @Test func matchesSha256sum() throws {
        let url = Support.corpus("meta-lead-ads.tsv")
        let digest = try Support.withDescriptor(url) { try ContentDigest.sha256(descriptor: $0) }
        #expect(digest == (try sha256sum(url)))
    }

    @Test func emptyFileDigest() throws {
        let url = Support.corpus("bad/empty.csv")
        let digest = try Support.withDescriptor(url) { try ContentDigest.sha256(descriptor: $0) }
        #expect(digest == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func multiChunkFileDigest() throws {
        let bytes = (0..<200_000).map { UInt8($0 % 251) }
        let url = try Support.write(bytes, named: "chunks.bin")
        let digest = try Support.withDescriptor(url) { try ContentDigest.sha256(descriptor: $0) }
        #expect(digest == (try sha256sum(url)))
    }

    private func unpackedDigest(_ url: URL, maxUnpackedSize: Int64 = 4 << 30) throws -> String? {
        try Support.withDescriptor(url) {
            try ContentDigest.unpackedSHA256(
                descriptor: $0, fileName: url.lastPathComponent, maxUnpackedSize: maxUnpackedSize)
        }
    }

    @Test func gzipDigestIsContentDigest() throws {
        let plain = Support.corpus("hubspot-contacts.csv")
        let compressed = try Support.temporaryFolder().appendingPathComponent("hubspot.csv.gz")
        try Support.gzip(plain, to: compressed)
        let digest = try unpackedDigest(compressed)
        #expect(digest == (try sha256sum(plain)))
        #expect(digest != (try sha256sum(compressed)))
    }

    @Test func gzipDigestSpansManyChunks() throws {
        let bytes = (0..<300_000).map { UInt8($0 % 251) }
        let plain = try Support.write(bytes, named: "chunks.bin")
        let compressed = plain.deletingLastPathComponent().appendingPathComponent("chunks.bin.gz")
        try Support.gzip(plain, to: compressed)
        #expect(try unpackedDigest(compressed) == (try sha256sum(plain)))
    }

    @Test func gzipDigestCoversEveryMember() throws {
        let folder = try Support.temporaryFolder()
        let first = folder.appendingPathComponent("first.gz")
        let second = folder.appendingPathComponent("second.gz")
        try Support.gzip(try Support.write("email,name\na@x.example,Ann\n", named: "a.csv"), to: first)
        try Support.gzip(try Support.write("b@x.example,Bob\n", named: "b.csv"), to: second)
        let joined = try Support.write(
            Array(try Data(contentsOf: first)) + Array(try Data(contentsOf: second)), named: "joined.csv.gz")
        let plain = try Support.write("email,name\na@x.example,Ann\nb@x.example,Bob\n", named: "joined.csv")
        #expect(try unpackedDigest(joined) == (try sha256sum(plain)))
    }

    @Test func plainFileHasNoUnpackedDigest() throws {
        #expect(try unpackedDigest(Support.corpus("hubspot-contacts.csv")) == nil)
    }

    @Test func plainNamedGzHasNoUnpackedDigest() throws {
        let url = try Support.write("email\na@x.example\n", named: "plain.csv.gz")
        #expect(try unpackedDigest(url) == nil)
    }

    @Test func truncatedGzipHasNoUnpackedDigest() throws {
        let whole = try Support.temporaryFolder().appendingPathComponent("whole.csv.gz")
        try Support.gzip(Support.corpus("hubspot-contacts.csv"), to: whole)
        let bytes = try Data(contentsOf: whole)
        let cut = try Support.write(Array(bytes.prefix(bytes.count - 20)), named: "cut.csv.gz")
        #expect(try unpackedDigest(cut) == nil)
    }

    @Test func oversizedGzipHasNoUnpackedDigest() throws {
        let compressed = try Support.temporaryFolder().appendingPathComponent("hubspot.csv.gz")
        try Support.gzip(Support.corpus("hubspot-contacts.csv"), to: compressed)
        #expect(try unpackedDigest(compressed, maxUnpackedSize: 100) == nil)
    }
}
