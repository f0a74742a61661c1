import Foundation
import Glibc
import TestSupport
import Testing

@testable import SmarketDaemon

/// Moving files out of an inbox and classifying its entries.
@Suite struct ArchiveTests {
    @Test(arguments: [
        ("leads.csv", 1, "leads-1.csv"), ("feed.csv.gz", 2, "feed-2.csv.gz"), ("README", 3, "README-3"),
        (".x", 1, ".x-1"),
    ])
    func suffixGoesBeforeExtension(name: String, number: Int, expected: String) {
        #expect(Archive.suffixed(name, number) == expected)
    }

    @Test func moveNeverOverwrites() throws {
        let inbox = ScratchFolder.make("smarketd-archive")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let archive = Archive(inboxPath: inbox)
        try archive.prepareFolders()
        try "one".write(toFile: inbox + "/a.csv", atomically: true, encoding: .utf8)
        #expect(try archive.move("a.csv", into: archive.processedPath) == "a.csv")
        try "two".write(toFile: inbox + "/a.csv", atomically: true, encoding: .utf8)
        #expect(try archive.move("a.csv", into: archive.processedPath) == "a-1.csv")
        #expect(try String(contentsOfFile: archive.processedPath + "/a.csv", encoding: .utf8) == "one")
        #expect(try String(contentsOfFile: archive.processedPath + "/a-1.csv", encoding: .utf8) == "two")
    }

    @Test func preparingRemovesTemporariesOfDeadWritersOnly() throws {
        let inbox = ScratchFolder.make("smarketd-archive")
        defer { try? FileManager.default.removeItem(atPath: inbox) }
        let archive = Archive(inboxPath: inbox)
        try FileManager.default.createDirectory(atPath: archive.processedPath, withIntermediateDirectories: true)
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let abandoned = ".a.csv.rejects.csv.\(exited.processIdentifier).tmp"
        let live = ".b.csv.rejects.csv.\(getpid()).tmp"
        for name in [abandoned, live, "c.csv"] {
            try "x".write(toFile: archive.processedPath + "/" + name, atomically: false, encoding: .utf8)
        }
        try archive.prepareFolders()
        let left = try FileManager.default.contentsOfDirectory(atPath: archive.processedPath).sorted()
        #expect(left == [live, "c.csv"])
    }

    @Test func entriesAreClassifiedWithoutFollowingLinks() throws {
        let inbox = ScratchFolder.make("smarketd-scan")
        try FileManager.default.createDirectory(atPath: inbox + "/processed", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: inbox + "/other", withIntermediateDirectories: true)
        try "x".write(toFile: inbox + "/a.csv", atomically: true, encoding: .utf8)
        try "x".write(toFile: inbox + "/b.csv.part", atomically: true, encoding: .utf8)
        #expect(symlink(inbox + "/a.csv", inbox + "/c.csv") == 0)
        #expect(mkfifo(inbox + "/d.csv", 0o600) == 0)
        #expect(link(inbox + "/a.csv", inbox + "/e.csv") == 0)
        let entries = try InboxEntry.scan(directoryPath: inbox)
        #expect(entries.contains(.hardLinked(name: "a.csv", links: 2)))
        #expect(entries.contains(.ignored(name: "b.csv.part")))
        #expect(entries.contains(.refused(name: "c.csv", kind: "a symbolic link")))
        #expect(entries.contains(.refused(name: "d.csv", kind: "a FIFO")))
        #expect(entries.contains(.refused(name: "other", kind: "a folder")))
        #expect(entries.contains(.ignored(name: "processed")))
    }

    @Test func openRefusesFIFOWithoutBlocking() throws {
        let folder = ScratchFolder.make("smarketd-open")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(throws: OpenedFile.Refusal.self) { try OpenedFile(path: folder + "/fifo", requireWriterDone: true) }
    }

    @Test func openRefusesFileStillWritten() throws {
        let folder = ScratchFolder.make("smarketd-lease")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/writing.csv"
        FileManager.default.createFile(atPath: path, contents: Data("email\n".utf8))
        let writer = try #require(FileHandle(forWritingAtPath: path))
        do {
            _ = try OpenedFile(path: path, requireWriterDone: true)
            Issue.record("a file open for writing was accepted")
        } catch .stillWritten {
        } catch {
            Issue.record("unexpected refusal \(error)")
        }
        try writer.close()
        let file = try OpenedFile(path: path, requireWriterDone: true)
        #expect(file.size == 6)
    }
}
