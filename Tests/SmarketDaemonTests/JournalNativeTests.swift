import Foundation
import SmarketDaemon
import Testing

/// Native entries read back from a running journald.
///
/// The suite runs only where journald's socket exists, such as inside the container that
/// `tests/system/run.sh` boots, which runs it from the test bundle.
@Suite(.enabled(if: JournalDestination.isJournalAvailable))
struct JournalNativeTests {
    /// Reads the entries with `TEST_MARKER=marker` through `journalctl`, polling for up to 5 s
    /// because journald stores entries asynchronously.
    static func readEntries(marker: String) throws -> [[String: Any]] {
        for _ in 0..<50 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
            process.arguments = ["--output=json", "--all", "TEST_MARKER=\(marker)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let entries = try String(decoding: data, as: UTF8.self)
                .split(separator: "\n")
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
            if !entries.isEmpty {
                return entries
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return []
    }

    /// Returns a field as text; journalctl writes a value with control characters as an array of
    /// bytes.
    static func text(_ value: Any?) -> String? {
        if let string = value as? String {
            return string
        }
        if let bytes = value as? [Int] {
            return String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        }
        return nil
    }

    @Test func nativeEntryReadsBack() throws {
        let marker = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let journal = Journal(destination: .journal, identifier: "smarketd-test")
        journal.log(
            .errorCaught, .warning, "native entry\nsecond line",
            fields: ["TEST_MARKER": marker, "REASON": "first\nsecond", "lower": "dropped"])
        #expect(journal.failedSendCount == 0)
        let entries = try Self.readEntries(marker: marker)
        #expect(entries.count == 1)
        let entry = entries.first ?? [:]
        #expect(Self.text(entry["MESSAGE"]) == "native entry\nsecond line")
        #expect(Self.text(entry["REASON"]) == "first\nsecond")
        #expect(Self.text(entry["MESSAGE_ID"]) == MessageKind.errorCaught.id)
        #expect(Self.text(entry["PRIORITY"]) == "4")
        #expect(Self.text(entry["SYSLOG_IDENTIFIER"]) == "smarketd-test")
        #expect(Self.text(entry["CODE_FILE"])?.hasSuffix("JournalNativeTests.swift") == true)
        #expect(Self.text(entry["CODE_FUNC"]) == "nativeEntryReadsBack()")
        #expect(entry["LOWER"] == nil)
        #expect(entry["lower"] == nil)
    }
}
