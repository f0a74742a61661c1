import Foundation
import Glibc
import TestSupport
import Testing

@testable import SmarketDaemon

/// A temporary file that a journal writes its standard error lines to.
final class JournalCapture {
    let url: URL
    let descriptor: Int32

    init() throws {
        url = URL(fileURLWithPath: ScratchFolder.make("smarketd-journal") + "/journal.log")
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(at: url)
    }

    /// Reads the lines written so far, without their line feeds.
    func lines() throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
            String.init)
    }
}

@Suite struct JournalOutputTests {
    let kind = MessageKind(id: "0123456789abcdef0123456789abcdef", name: "test")

    @Test func lineCarriesPriorityMessageAndFields() throws {
        let capture = try JournalCapture()
        let journal = Journal(destination: .fileDescriptor(capture.descriptor))
        journal.log(kind, .error, "disk full", fields: ["INBOX": "web", "FILE_NAME": "a.csv"])
        let lines = try capture.lines()
        #expect(lines == ["<3>disk full MESSAGE_ID=\(kind.id) FILE_NAME=a.csv INBOX=web"])
    }

    @Test func lineEscapesLineBreaks() throws {
        let capture = try JournalCapture()
        let journal = Journal(destination: .fileDescriptor(capture.descriptor))
        journal.log(kind, .info, "two\nlines", fields: ["NOTE": "a\r\nb\\c"])
        let lines = try capture.lines()
        #expect(lines.count == 1)
        #expect(lines.first == "<6>two\\nlines MESSAGE_ID=\(kind.id) NOTE=a\\r\\nb\\\\c")
    }

    @Test func invalidFieldNamesDropped() throws {
        let capture = try JournalCapture()
        let journal = Journal(destination: .fileDescriptor(capture.descriptor))
        let longest = String(repeating: "A", count: 64)
        let fields = [
            "lead_id": "1", "_PID": "2", "1ABC": "3", String(repeating: "B", count: 65): "4",
            "": "5", "MESSAGE": "6", "PRIORITY": "7", "LEAD-ID": "8", "LEAD_ID": "9", longest: "10",
        ]
        journal.log(kind, .info, "m", fields: fields)
        let lines = try capture.lines()
        #expect(lines == ["<6>m MESSAGE_ID=\(kind.id) \(longest)=10 LEAD_ID=9"])
        #expect(journal.rejectedFieldCount == 8)
    }

    @Test func fieldNameRules() {
        #expect(JournalFieldName.isValid("SLA_DUE"))
        #expect(JournalFieldName.isValid("A1"))
        #expect(!JournalFieldName.isValid("9LIVES"))
        #expect(!JournalFieldName.isValid("_SYSTEMD_UNIT"))
        #expect(!JournalFieldName.isValid("Lead"))
        #expect(!JournalFieldName.isValid("ÄRGER"))
        #expect(!JournalFieldName.isValid(""))
    }

    @Test func nativeFieldsKeepLineBreaks() {
        let entry = JournalEntry(
            kind: kind, priority: .warning, message: "first\nsecond",
            fields: [("REASON", "a\nb")], file: "SmarketDaemon/X.swift", line: 12, function: "f()")
        let fields = entry.nativeFields(identifier: "smarketd")
        #expect(
            fields == [
                "MESSAGE=first\nsecond", "PRIORITY=4", "MESSAGE_ID=\(kind.id)",
                "SYSLOG_IDENTIFIER=smarketd", "CODE_FILE=SmarketDaemon/X.swift", "CODE_LINE=12",
                "CODE_FUNC=f()", "REASON=a\nb",
            ])
    }

    @Test func destinationOverrideJournal() {
        let destination = JournalDestination.detect(environment: ["SMARKETD_LOG": "journal"])
        #expect(destination == .journal)
    }

    @Test func destinationOverrideStandardError() {
        let environment = ["SMARKETD_LOG": "stderr", "INVOCATION_ID": "0123"]
        #expect(JournalDestination.detect(environment: environment) == .standardError)
    }

    @Test func destinationWithoutSystemdIsStandardError() {
        #expect(JournalDestination.detect(environment: [:]) == .standardError)
    }

    @Test func journalStreamMatchesStandardError() {
        var info = stat()
        #expect(fstat(STDERR_FILENO, &info) == 0)
        let stream = "\(info.st_dev):\(info.st_ino)"
        #expect(JournalDestination.standardErrorMatches(journalStream: stream))
        #expect(!JournalDestination.standardErrorMatches(journalStream: "\(info.st_dev):0"))
        #expect(!JournalDestination.standardErrorMatches(journalStream: "garbage"))
    }

    @Test func socketCheckRejectsRegularFile() throws {
        let capture = try JournalCapture()
        #expect(!JournalDestination.isSocket(atPath: capture.url.path))
        #expect(!JournalDestination.isSocket(atPath: capture.url.path + ".missing"))
    }
}
