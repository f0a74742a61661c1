import Foundation
import Glibc
import Testing

/// Journal entries of the running binary, read from standard error (`SMARKETD_LOG=stderr`).
@Suite struct JournalEntryTests {
    /// Returns every email address in a corpus file, in lower case.
    static func emails(in relativePath: String) throws -> Set<String> {
        let text = try String(contentsOf: Fixtures.url(relativePath), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]+")
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { text[$0].lowercased() } })
    }

    @Test func journalStartHasVersionAndConfig() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted(), "\(daemon.log)")
        let line = daemon.log.split(separator: "\n").first { $0.contains("smarketd started") } ?? ""
        #expect(line.contains("MESSAGE_ID=d9ba7a789d7e437c99dff2509bdb1f7d"), "\(line)")
        #expect(line.contains("VERSION="), "\(line)")
        #expect(line.contains("CONFIG_FILE=\(workspace.configPath)"), "\(line)")
    }

    @Test func journalStopEntry() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        #expect(daemon.stop() == 0)
        #expect(daemon.log.contains("MESSAGE_ID=d0a389ef747d4a719335850a13a5fbbf"), "\(daemon.log)")
        #expect(daemon.log.contains("SIGNAL=SIGTERM"), "\(daemon.log)")
    }

    @Test func journalInvalidConfigurationExits78() throws {
        let workspace = try TestWorkspace(extraYAML: "sla: {first_touch: soon}")
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitForExit())
        #expect(daemon.process.terminationStatus == 78, "\(daemon.log)")
        #expect(daemon.log.contains("MESSAGE_ID=0474bd77e8114c449bc77d13b134e72b"), "\(daemon.log)")
    }

    @Test func journalKeepsEmailsOut() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.dropFixture("corpus/hubspot-contacts.csv")
        try workspace.dropFixture("corpus/bad/mixed-rows.csv")
        #expect(eventually { workspace.processed().contains("hubspot-contacts.csv") }, "\(daemon.log)")
        #expect(eventually { workspace.processed().contains("mixed-rows.csv") }, "\(daemon.log)")
        #expect(daemon.stop() == 0)
        let log = daemon.log.lowercased()
        let emails = try Self.emails(in: "corpus/hubspot-contacts.csv").union(Self.emails(in: "corpus/bad/mixed-rows.csv"))
        #expect(emails.count > 5)
        for email in emails.sorted() {
            #expect(!log.contains(email), "\(email) reached the journal")
        }
        #expect(log.contains("hubspot-contacts.csv"))
    }
}
