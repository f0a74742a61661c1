import Foundation
import Testing

/// Compression with the system's `gzip` binary, so tests feed the daemon files as other tools write them.
enum GzipFile {
    /// Returns `text` compressed as one gzip member without a name or time stamp.
    static func compress(_ text: String, in workspace: TestWorkspace) throws -> Data {
        let plain = workspace.root.path + "/gzip-input-\(UUID().uuidString.prefix(8))"
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n", plain]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return data
    }
}
