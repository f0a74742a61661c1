import Foundation

/// The ids of outbox records: version 7 UUIDs (RFC 9562), the Unix time in milliseconds followed by
/// random bits.
///
/// Random version 4 ids put each record's entry in the id index at a random page, and every commit
/// then rewrote one page per record. Ids that start with the time are inserted at the end of the index.
enum OutboxID {
    /// Returns a new id for a record created at `date`.
    static func make(at date: Date) -> String {
        var bytes = UUID().uuid
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        withUnsafeMutableBytes(of: &bytes) { raw in
            for index in 0..<6 {
                raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
            }
            // The version nibble. The random UUID's variant bits already match RFC 9562.
            raw[6] = 0x70 | (raw[6] & 0x0F)
        }
        return UUID(uuid: bytes).uuidString.lowercased()
    }
}
