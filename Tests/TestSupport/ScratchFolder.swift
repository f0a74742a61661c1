import Foundation

/// Temporary folders for tests, all under one folder per test process that is removed when the process
/// exits, so that repeated test runs do not fill `/tmp`.
public enum ScratchFolder {
    /// `smarketd-test-PID` in the system's temporary folder, created on first use.
    public static let root: String = {
        let path = NSTemporaryDirectory() + "smarketd-test-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ScratchFolder.root) }
        return path
    }()

    /// Returns the path of a new, empty folder named `prefix` plus a unique suffix.
    public static func make(_ prefix: String) -> String {
        let path = root + "/\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
