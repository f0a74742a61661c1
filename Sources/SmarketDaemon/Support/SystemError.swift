import Glibc

/// A failed system call, with the path involved and `errno`.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public init(_ operation: String, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        "\(operation) \(path) failed: \(String(cString: strerror(code)))"
    }

    /// Whether the failure may pass by itself (a full disk, a busy resource), so the file is retried.
    public var isTransient: Bool {
        [ENOSPC, EDQUOT, EAGAIN, EBUSY, EINTR, ENOMEM, EMFILE, ENFILE, EIO].contains(code)
    }
}

/// Retries a system call that failed with EINTR.
@discardableResult
func retryingOnInterrupt(_ call: () -> Int32) -> Int32 {
    while true {
        let result = call()
        if result == -1 && errno == EINTR { continue }
        return result
    }
}
