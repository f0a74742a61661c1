import Foundation
import Glibc

/// Fault-injection points for tests, read from the test-only environment variable `SMARKETD_FAULT`.
///
/// The value is a comma-separated list: `chunk-rows=N` (records per chunk), `crash-after-chunk=N` (SIGKILL
/// right after the Nth chunk commits), `crash-before-move` (SIGKILL after a file's last commit, before it
/// leaves the inbox), `block-loop=SECONDS` (the work loop sleeps once after start-up, so the watchdog pings
/// stop), `block-before-ready=SECONDS` (work queued before READY=1 keeps the loop busy, as a file arriving
/// during start-up does). Never set it in production.
public struct FaultInjection: Sendable {
    public var chunkRows: Int?
    public var crashAfterChunk: Int?
    public var crashBeforeMove = false
    public var blockLoopSeconds: Double?
    public var blockBeforeReadySeconds: Double?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let value = environment["SMARKETD_FAULT"] else { return }
        for item in value.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "chunk-rows": chunkRows = parts.count > 1 ? Int(parts[1]) : nil
            case "crash-after-chunk": crashAfterChunk = parts.count > 1 ? Int(parts[1]) : nil
            case "crash-before-move": crashBeforeMove = true
            case "block-loop": blockLoopSeconds = parts.count > 1 ? Double(parts[1]) : nil
            case "block-before-ready": blockBeforeReadySeconds = parts.count > 1 ? Double(parts[1]) : nil
            default: continue
            }
        }
    }

    /// Kills this process at once, as a power loss or `kill -9` would.
    func crash() -> Never {
        kill(getpid(), SIGKILL)
        fatalError("SIGKILL did not end the process")
    }
}
