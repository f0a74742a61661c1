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
}
