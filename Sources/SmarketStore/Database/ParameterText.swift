/// Memory for the text parameters of one statement. SQLite reads the text there (`SQLITE_STATIC`)
/// instead of copying every value into an allocation of its own and freeing it at the next bind.
///
/// The text of one bind stays valid until the next `start(needing:)`. The statement rebinds or clears
/// every parameter before it runs again, so SQLite never reads text that a later bind replaced.
final class ParameterText {
    /// The maximum number of bytes kept for one statement, at most 4 MiB over the 256 cached statements.
    /// A bind with more text lets SQLite copy it, so one large value (a lead's custom attributes can reach
    /// the 1 MiB line limit) keeps no memory afterwards.
    static let largestKept = 16 * 1024

    private var buffer: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    private var used = 0

    deinit { buffer?.deallocate() }

    /// Drops the text stored before and makes room for `count` bytes. Returns false when `count` is
    /// over `largestKept`, and the caller binds with a copy instead.
    func start(needing count: Int) -> Bool {
        used = 0
        guard count <= Self.largestKept else { return false }
        if count > capacity {
            buffer?.deallocate()
            capacity = min(Self.largestKept, max(count, capacity * 2, 256))
            buffer = .allocate(capacity: capacity)
        }
        return true
    }

    /// Copies `bytes` after the text stored since `start(needing:)` and returns where the copy begins.
    /// - Precondition: the bytes since `start(needing:)` fit in the count it was given.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8> {
        precondition(used + bytes.count <= capacity, "parameter text past the room made for it")
        let destination = buffer! + used
        if let source = bytes.baseAddress { destination.update(from: source, count: bytes.count) }
        used += bytes.count
        return UnsafePointer(destination)
    }
}
