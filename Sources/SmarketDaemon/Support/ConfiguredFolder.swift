import Foundation
import Glibc

/// A folder that the configuration names, created at start-up with an error that names its setting.
enum ConfiguredFolder {
    /// The reason a configured folder cannot be used, with what to do about it.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates `path` and its missing parents, as `mkdir -p` does.
    /// - Parameter setting: the configuration key that names the folder, for the error.
    static func create(_ path: String, setting: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Failure(
                    description: "\(setting) is \(path), which is a file, not a folder: move the file away or "
                        + "set \(setting) to a folder")
            }
            return
        }
        // Made by hand as `mkdir -p` does, because Foundation's error names neither the folder nor the cause.
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            // 0o777 lets the umask decide, as Foundation's createDirectory did.
            guard mkdir(prefix, 0o777) != 0 else { continue }
            let code = errno
            var componentIsFolder: ObjCBool = false
            if code == EEXIST, FileManager.default.fileExists(atPath: prefix, isDirectory: &componentIsFolder),
                componentIsFolder.boolValue
            {
                continue
            }
            let cause = code == EEXIST ? "\(prefix) is a file, not a folder" : String(cString: strerror(code))
            throw Failure(
                description: "cannot create \(path), the folder of \(setting): \(cause). Create it, or set "
                    + "\(setting) to a folder that this user may write")
        }
    }
}
