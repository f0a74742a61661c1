import Foundation
import Glibc
import Testing

/// How the daemon treats entries in its inboxes: complete files, writers, links and odd entries.
@Suite struct InboxBehaviourTests {
    static let twoLeads = "email,first_name\r\nann@contoso.example,Ann\r\nbob@contoso.example,Bob\r\n"

    @Test func filesPresentAtStartUpAreTaken() throws {
        let workspace = try TestWorkspace()
        try workspace.drop(Self.twoLeads, as: "early.csv")
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(eventually { workspace.processed().contains("early.csv") }, "\(daemon.log)")
        #expect(try workspace.leads().count == 2)
    }

    @Test func slowWriterIsReadAfterClose() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        let path = workspace.webInbox + "/slow.csv"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        let firstPart = "email,first_name\nann@contoso.example,Ann\n"
        #expect(write(descriptor, firstPart, firstPart.utf8.count) == firstPart.utf8.count)
        usleep(400_000)
        #expect(!workspace.processed().contains("slow.csv"))
        let secondPart = "bob@contoso.example,Bob\n"
        #expect(write(descriptor, secondPart, secondPart.utf8.count) == secondPart.utf8.count)
        close(descriptor)
        #expect(eventually { workspace.processed().contains("slow.csv") }, "\(daemon.log)")
        #expect(try workspace.leads().count == 2)
    }

    @Test func temporaryNamesAreIgnored() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        for name in [".hidden.csv", "partial.csv.part", "partial.csv.tmp"] {
            try Self.twoLeads.write(toFile: workspace.webInbox + "/" + name, atomically: false, encoding: .utf8)
        }
        try workspace.drop("email\ncid@contoso.example\n", as: "marker.csv")
        #expect(eventually { workspace.processed().contains("marker.csv") }, "\(daemon.log)")
        #expect(workspace.contents(of: workspace.webInbox).contains("partial.csv.part"))
        #expect(try workspace.leads().count == 1)
    }

    @Test func symlinkAndFIFOStayWithAnError() throws {
        let workspace = try TestWorkspace()
        let outside = workspace.root.path + "/outside.csv"
        try Self.twoLeads.write(toFile: outside, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        #expect(symlink(outside, workspace.webInbox + "/link.csv") == 0)
        #expect(mkfifo(workspace.webInbox + "/pipe.csv", 0o644) == 0)
        try workspace.drop("email\ncid@contoso.example\n", as: "marker.csv")
        #expect(eventually { workspace.processed().contains("marker.csv") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("link.csv is a symbolic link") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("pipe.csv is a FIFO") }, "\(daemon.log)")
        let remaining = workspace.contents(of: workspace.webInbox)
        #expect(remaining.contains("link.csv"))
        #expect(remaining.contains("pipe.csv"))
        #expect(try workspace.leads().count == 1)
        #expect(daemon.log.components(separatedBy: "link.csv is a symbolic link").count == 2)
        #expect(daemon.stop() == 0)
    }

    @Test func hardLinkMovesToFailed() throws {
        let workspace = try TestWorkspace()
        let original = workspace.root.path + "/original.csv"
        try Self.twoLeads.write(toFile: original, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        #expect(link(original, workspace.webInbox + "/linked.csv") == 0)
        #expect(eventually { workspace.failed().contains("linked.csv") }, "\(daemon.log)")
        #expect(workspace.failed().contains("linked.csv.error"))
        #expect(FileManager.default.fileExists(atPath: original))
        #expect(try workspace.leads().isEmpty)
    }

    @Test func sameContentTwiceAppliesOnce() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop(Self.twoLeads, as: "first.csv")
        #expect(eventually { workspace.processed().contains("first.csv") }, "\(daemon.log)")
        try workspace.drop(Self.twoLeads, as: "second.csv")
        #expect(eventually { workspace.processed().contains("second.csv") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("second.csv has the same content as web/first.csv") })
        let history = try workspace.command(["leads", "--format", "csv"])
        #expect(history.output.split(whereSeparator: \.isNewline).count == 3)
    }

    @Test func sameNameTwiceGetsSuffix() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop("email\nann@contoso.example\n", as: "feed.csv")
        #expect(eventually { workspace.processed().contains("feed.csv") }, "\(daemon.log)")
        try workspace.drop("email\nbob@contoso.example\n", as: "feed.csv")
        #expect(eventually { workspace.processed().contains("feed-1.csv") }, "\(daemon.log)")
        #expect(try workspace.leads().count == 2)
    }

    @Test func secondDaemonOnSameStateExits() throws {
        let workspace = try TestWorkspace()
        let first = try DaemonProcess(workspace: workspace)
        #expect(first.waitUntilStarted())
        let second = try DaemonProcess(workspace: workspace)
        #expect(second.waitForExit())
        #expect(second.process.terminationStatus == 75)
        #expect(second.log.contains("already runs on this state folder"))
        #expect(first.process.isRunning)
    }
}
