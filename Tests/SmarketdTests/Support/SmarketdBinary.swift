import Foundation
import Glibc

/// The output and exit status of one finished command.
struct CommandResult {
    var status: Int32
    var output: String
    var errorOutput: String
}

/// The `smarketd` executable built beside the tests.
enum SmarketdBinary {
    static let path: String = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let testBinaryFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            testBinaryFolder.appendingPathComponent("smarketd").path,
            packageRoot.appendingPathComponent(".build/debug/smarketd").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }()

    /// Runs the binary to its end with the journal going to standard error.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = testEnvironment(environment)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Standard error is read on another thread, because a command that fills one pipe while the other is
        // read to its end would wait forever (an import journals thousands of lines).
        nonisolated(unsafe) var errorData = Data()
        let errorsRead = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errorOutput: String(decoding: errorData, as: UTF8.self))
    }

    static func testEnvironment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SMARKETD_LOG"] = "stderr"
        environment["NOTIFY_SOCKET"] = nil
        environment["WATCHDOG_USEC"] = nil
        environment["WATCHDOG_PID"] = nil
        environment["SMARKETD_FAULT"] = nil
        environment["SMARKETD_CONFIG"] = nil
        return environment.merging(extra) { _, new in new }
    }
}

/// A daemon started as a child process, with its standard error kept in a file.
final class DaemonProcess {
    let process = Process()
    let logPath: String

    init(workspace: TestWorkspace, environment: [String: String] = [:]) throws {
        logPath = workspace.root.path + "/daemon-\(UUID().uuidString.prefix(8)).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: SmarketdBinary.path)
        process.arguments = ["--config", workspace.configPath, "run"]
        process.environment = SmarketdBinary.testEnvironment(environment)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until the daemon has written its start-up entry.
    func waitUntilStarted() -> Bool {
        eventually { log.contains("smarketd started") }
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(with signal: Int32 = SIGTERM) -> Int32 {
        kill(pid, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits for the process to end by itself within `timeout` seconds.
    func waitForExit(timeout: TimeInterval = 20) -> Bool {
        eventually(timeout: timeout) { !process.isRunning }
    }
}
