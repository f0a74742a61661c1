import Foundation
import Glibc
import SmarketIngest
import TestSupport
import Testing

@testable import SmarketDaemon

/// Chunks read in the background arrive whole and in file order, and an error ends the file after them.
@Suite struct ChunkReaderTests {
    /// Writes a CSV of `rows` leads, then `tail`, and returns its path.
    func feed(rows: Int, tail: String = "") throws -> String {
        let folder = ScratchFolder.make("smarketd-chunks")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = "email,first_name\n"
        for index in 0..<rows { text += "lead\(index)@example.org,Name\(index)\n" }
        let path = folder + "/leads.csv"
        try (text + tail).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Opens the file and returns a reader over it with chunks of `size`. The caller closes `descriptor`.
    func reader(_ path: String, size: Int) throws -> (reader: ChunkReader, descriptor: Int32) {
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        let feed = try FeedFile.open(descriptor: descriptor, fileName: "leads.csv", limits: ReadLimits())
        var records = RecordCursor(feed: feed)
        let sample = try records.prefetch(10)
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: feed.header ?? [], sample: sample)
        let preparer = LeadRowPreparer(
            normalizer: LeadNormalizer(defaultSource: nil, locale: nil, timeZone: TimeZone(identifier: "UTC")!),
            mapper: mapper)
        return (ChunkReader(records: records, preparer: preparer, size: size), descriptor)
    }

    /// Returns the emails of the accepted rows of a chunk.
    func emails(_ chunk: PreparedChunk) -> [String] {
        chunk.rows.compactMap { if case .lead(let lead) = $0.row { lead.email } else { nil } }
    }

    @Test func prefetchedChunksKeepFileOrder() throws {
        let (reader, descriptor) = try reader(try feed(rows: 2_500), size: 1_000)
        defer { close(descriptor) }
        var lines: [Int] = []
        var chunkSizes: [Int] = []
        while true {
            let chunk = reader.next()
            #expect(chunk.failure == nil)
            chunkSizes.append(chunk.rows.count)
            lines += chunk.rows.map(\.record.line)
            if chunk.rows.count < 1_000 { break }
            reader.prefetch()
        }
        reader.finish()

        #expect(chunkSizes == [1_000, 1_000, 500])
        #expect(lines == Array(2...2_501))
    }

    @Test func prefetchedRowsArePrepared() throws {
        let (reader, descriptor) = try reader(try feed(rows: 30), size: 10)
        defer { close(descriptor) }
        _ = reader.next()
        reader.prefetch()
        let second = reader.next()

        #expect(emails(second) == (10..<20).map { "lead\($0)@example.org" })
    }

    @Test func errorEndsTheChunkAfterItsRows() throws {
        let (reader, descriptor) = try reader(
            try feed(rows: 15, tail: "\"broken@example.org,Unclosed quote\n"), size: 10)
        defer { close(descriptor) }
        let first = reader.next()
        reader.prefetch()
        let second = reader.next()

        #expect(first.failure == nil)
        #expect(second.rows.count == 5)
        #expect(second.failure != nil)
    }

    @Test func stoppingWaitsForTheBackgroundRead() throws {
        let (reader, descriptor) = try reader(try feed(rows: 3_000), size: 1_000)
        _ = reader.next()
        reader.prefetch()
        reader.finish()
        close(descriptor)

        // The read finished before the file closed, so its chunk is whole.
        #expect(reader.next().rows.count == 1_000)
    }
}
