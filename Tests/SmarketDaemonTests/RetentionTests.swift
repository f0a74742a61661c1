import Foundation
import Glibc
import SmarketRules
import TestSupport
import Testing

@testable import SmarketDaemon

/// Deleting archived files by their age in the archive, judged by ctime with a clock far ahead.
@Suite struct RetentionTests {
    let inbox: String
    let retention: Retention
    static let day: TimeInterval = 86_400

    init() throws {
        inbox = ScratchFolder.make("smarketd-retention")
        for folder in ["processed", "failed", "processed/keep-me"] {
            try FileManager.default.createDirectory(
                atPath: inbox + "/" + folder, withIntermediateDirectories: true)
        }
        for name in [
            "processed/a.csv", "processed/a.csv.rejects.csv", "processed/.b.csv.123.tmp",
            "processed/orphan.csv.rejects.csv",
            "failed/c.json", "failed/c.json.error", "pending.csv",
        ] {
            try "x\n".write(toFile: inbox + "/" + name, atomically: false, encoding: .utf8)
        }
        let configuration = Configuration(
            stateDirectory: inbox, inboxes: [InboxConfiguration(name: "web", path: inbox)],
            retention: RetentionSettings(processed: 30 * Self.day, failed: 7 * Self.day))
        retention = Retention(configuration: configuration)
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: inbox + "/" + name)
    }

    @Test func freshFilesStay() {
        let result = retention.run(now: Date())
        #expect(result.deleted.isEmpty)
        #expect(exists("processed/a.csv"))
    }

    @Test func oldModificationTimeDoesNotCount() {
        // A writer's old mtime survives the archive rename; only the ctime shows when the file arrived.
        var times = [
            timespec(tv_sec: 946_684_800, tv_nsec: 0), timespec(tv_sec: 946_684_800, tv_nsec: 0),
        ]
        #expect(utimensat(AT_FDCWD, inbox + "/processed/a.csv", &times, 0) == 0)
        let result = retention.run(now: Date())
        #expect(result.deleted.isEmpty)
    }

    @Test func failedFolderUsesItsOwnAge() {
        let result = retention.run(now: Date().addingTimeInterval(8 * Self.day))
        #expect(Set(result.deleted) == [inbox + "/failed/c.json", inbox + "/failed/c.json.error"])
        #expect(exists("processed/a.csv"))
    }

    @Test func companionsGoWithFile() {
        let result = retention.run(now: Date().addingTimeInterval(31 * Self.day))
        #expect(result.deleted.count == 5)
        #expect(result.failures.isEmpty)
        #expect(!exists("processed/a.csv"))
        #expect(!exists("processed/a.csv.rejects.csv"))
        #expect(!exists("processed/orphan.csv.rejects.csv"))
    }

    @Test func leavesOtherEntriesAlone() {
        _ = retention.run(now: Date().addingTimeInterval(365 * Self.day))
        #expect(exists("processed/.b.csv.123.tmp"))
        #expect(exists("processed/keep-me"))
        #expect(exists("pending.csv"))
    }

    @Test func missingFoldersAreSkipped() {
        let configuration = Configuration(
            stateDirectory: inbox,
            inboxes: [InboxConfiguration(name: "gone", path: inbox + "/nothing-here")])
        #expect(Retention(configuration: configuration).run(now: Date()).deleted.isEmpty)
    }
}
