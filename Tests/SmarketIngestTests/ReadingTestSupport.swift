import Foundation
import TestSupport
import Testing

@testable import SmarketIngest

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers shared by the feed reader tests: fixture paths, temporary files and reading a whole feed.
enum ReadingTestSupport {
    /// The `Tests/Fixtures` folder of the package.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func corpus(_ name: String) -> URL {
        fixtures.appendingPathComponent("corpus").appendingPathComponent(name)
    }

    /// Creates a fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        URL(fileURLWithPath: ScratchFolder.make("smarketd-reading"))
    }

    /// Writes bytes to a new file in a fresh temporary folder and returns its URL.
    static func write(_ bytes: [UInt8], named name: String) throws -> URL {
        let url = try temporaryFolder().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func write(_ text: String, named name: String) throws -> URL {
        try write(Array(text.utf8), named: name)
    }

    /// Opens a file read-only and passes its descriptor, closing it afterwards.
    static func withDescriptor<T>(_ url: URL, _ body: (Int32) throws -> T) throws -> T {
        let descriptor = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FeedError(.io, "Opening \(url.path) failed in the test.")
        }
        defer { close(descriptor) }
        return try body(descriptor)
    }

    /// Opens a feed file.
    static func open(_ url: URL, limits: ReadLimits = ReadLimits()) throws -> (FeedFile, Int32) {
        let descriptor = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FeedError(.io, "Opening \(url.path) failed in the test.")
        }
        do {
            return (
                try FeedFile.open(
                    descriptor: descriptor, fileName: url.lastPathComponent, limits: limits),
                descriptor
            )
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Reads every record of a feed file.
    static func readAll(_ url: URL, limits: ReadLimits = ReadLimits()) throws -> (
        FeedFile, [RawRecord]
    ) {
        var (file, descriptor) = try open(url, limits: limits)
        defer { close(descriptor) }
        var records: [RawRecord] = []
        while let record = try file.next() {
            records.append(record)
        }
        return (file, records)
    }

    /// Reads a feed file to its end and returns the error it throws, or nil.
    static func readError(_ url: URL, limits: ReadLimits = ReadLimits()) -> FeedError? {
        do {
            _ = try readAll(url, limits: limits)
            return nil
        } catch let error as FeedError {
            return error
        } catch {
            return FeedError(.io, "unexpected error \(error)")
        }
    }

    /// Writes `bomb.csv.gz`: an `email` header and one line of `unpackedBytes` letters, which
    /// compresses to about a thousandth of its size.
    static func gzipBomb(unpackedBytes: Int) throws -> URL {
        let folder = try temporaryFolder()
        let plain = folder.appendingPathComponent("bomb.csv")
        var text = Data("email\n".utf8)
        text.append(Data(repeating: UInt8(ascii: "a"), count: unpackedBytes))
        try text.write(to: plain)
        let url = folder.appendingPathComponent("bomb.csv.gz")
        try gzip(plain, to: url)
        return url
    }

    /// Compresses a file with the `gzip` binary into `destination`.
    static func gzip(_ source: URL, to destination: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n", source.path]
        FileManager.default.createFile(atPath: destination.path, contents: nil)
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
