import Foundation
import Glibc

/// The lock that keeps one daemon per state folder: `flock` on `smarketd.lock`, held until the process ends.
public final class StateLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock or throws a message naming the process that holds it.
    public init(stateDirectory: String) throws {
        path = stateDirectory + "/smarketd.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard descriptor >= 0 else { throw SystemError("open", path: path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            let holder = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            if code == EWOULDBLOCK {
                throw LockHeld(path: path, holderPID: Int32(holder))
            }
            throw SystemError("flock", path: path, code: code)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit { close(descriptor) }

    /// Another daemon runs on the same state folder.
    public struct LockHeld: Error, CustomStringConvertible {
        public var path: String
        public var holderPID: Int32?

        public var description: String {
            let holder = holderPID.map { "process \($0)" } ?? "another process"
            return "another smarketd (\(holder)) already runs on this state folder (lock \(path)): "
                + "stop it first, or give this one another state_dir"
        }
    }
}
