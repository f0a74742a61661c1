import Foundation
import Glibc
import SmarketRules

/// The outcome of one retention pass.
public struct RetentionResult: Sendable, Hashable {
    /// Paths of the deleted archived files, companions (`.rejects.csv`, `.error`) included.
    public var deleted: [String] = []
    /// Paths that could not be deleted, with the reason.
    public var failures: [String: String] = [:]

    public init() {}
}

/// Deletes archived files in each inbox's `processed/` and `failed/` once they are older than
/// `retention.processed` or `retention.failed`.
///
/// Age counts from the file's status change time (ctime). The archive move is a rename, which
/// keeps the modification time the writer gave the file but sets the ctime, so the ctime is the
/// time the file entered the archive. A file's `.rejects.csv` and `.error` companions go with it.
public final class Retention {
    let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs one pass. Missing folders are skipped; a file that cannot be deleted is listed in
    /// the result's failures and the pass continues.
    public func run(now: Date) -> RetentionResult {
        var result = RetentionResult()
        for inbox in configuration.inboxes {
            clean(
                inbox.path + "/processed", maximumAge: configuration.retention.processed, now: now,
                into: &result)
            clean(
                inbox.path + "/failed", maximumAge: configuration.retention.failed, now: now,
                into: &result)
        }
        return result
    }

    static let companionSuffixes = [".rejects.csv", ".error"]

    private func clean(
        _ folder: String, maximumAge: TimeInterval, now: Date, into result: inout RetentionResult
    ) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return
        }
        let present = Set(names)
        for name in names.sorted() where !name.hasPrefix(".") {
            let companionOf = Self.companionSuffixes.first { name.hasSuffix($0) }.map {
                String(name.dropLast($0.count))
            }
            // A companion follows its file; one whose file is gone ages on its own.
            if let owner = companionOf, present.contains(owner) { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let changed = Date(
                timeIntervalSince1970: TimeInterval(info.st_ctim.tv_sec) + TimeInterval(
                    info.st_ctim.tv_nsec) / 1e9)
            guard now.timeIntervalSince(changed) > maximumAge else { continue }
            let companions =
                companionOf == nil
                ? Self.companionSuffixes.map { name + $0 }.filter(present.contains) : []
            for target in [name] + companions {
                let targetPath = folder + "/" + target
                if unlink(targetPath) == 0 {
                    result.deleted.append(targetPath)
                } else {
                    result.failures[targetPath] = String(cString: strerror(errno))
                }
            }
        }
    }
}
