import Foundation
import Glibc

/// A Unix datagram socket in a temporary folder that plays systemd's notification socket for a
/// daemon child process: pass ``environment`` to ``DaemonProcess``.
final class NotifyListener {
    /// One datagram and the monotonic time, in seconds, when the listener read it.
    struct Message {
        var text: String
        var receivedAt: Double
    }

    let directory: String
    let path: String
    private let descriptor: Int32
    private var received: [Message] = []

    init() throws {
        var template = Array("/tmp/smarketd-notify-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        directory = String(cString: made)
        path = directory + "/notify"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit {
        close(descriptor)
        unlink(path)
        rmdir(directory)
    }

    /// The environment that points a child's `sd_notify` at this socket.
    var environment: [String: String] { ["NOTIFY_SOCKET": path] }

    /// Every message so far, in arrival order.
    var messages: [Message] {
        readPending()
        return received
    }

    var texts: [String] { messages.map(\.text) }

    /// Waits until a message after index `start` matches, and returns its index.
    func waitFor(
        after start: Int = -1, timeout: TimeInterval = 20, _ matches: (String) -> Bool
    ) -> Int? {
        var found: Int?
        _ = eventually(timeout: timeout) {
            found = messages.indices.first { $0 > start && matches(received[$0].text) }
            return found != nil
        }
        return found
    }

    private func readPending() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count >= 0 else { return }
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
            received.append(Message(text: String(decoding: buffer[0..<count], as: UTF8.self), receivedAt: seconds))
        }
    }
}
