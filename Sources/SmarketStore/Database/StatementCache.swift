import Glibc

/// The prepared statements of one connection, found by their SQL text.
///
/// The engine looks up about 25 statements per ingested row. A `Dictionary` keyed by the text cost
/// about 1,500 instructions per lookup in callgrind, much of it in `Hasher`, so this table hashes a
/// sample of the text itself and probes open slots. Texts that share a hash still compare in full, so a
/// collision costs one comparison and never returns the wrong statement.
struct StatementCache {
    /// The number of statements kept. SQL built from data (erasure's conditions) would otherwise
    /// grow the cache without bound.
    static let capacity = 256
    /// The number of bytes sampled, spread evenly over the text from its end, where similar
    /// statements differ most.
    static let sampleCount = 24

    private struct Entry {
        let digest: UInt64
        let sql: String
        let statement: Statement
    }

    /// Twice the capacity, a power of two, so a probe ends at an empty slot soon.
    private var slots = [Entry?](repeating: nil, count: 2 * capacity)
    private(set) var count = 0

    /// Returns the statement prepared from exactly these UTF-8 bytes, if it is cached.
    func statement(for sql: String) -> Statement? {
        let digest = Self.digest(sql)
        var index = slot(of: digest)
        while let entry = slots[index] {
            if entry.digest == digest && Self.sameBytes(entry.sql, sql) { return entry.statement }
            index = (index + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Caches `statement` under `sql`, emptying the cache first when it is full. A statement in use
    /// stays alive with its caller.
    mutating func insert(_ statement: Statement, for sql: String) {
        if count >= Self.capacity { removeAll() }
        let digest = Self.digest(sql)
        var index = slot(of: digest)
        while slots[index] != nil { index = (index + 1) & (slots.count - 1) }
        slots[index] = Entry(digest: digest, sql: sql, statement: statement)
        count += 1
    }

    mutating func removeAll() {
        for index in slots.indices { slots[index] = nil }
        count = 0
    }

    /// Takes the slot from the digest's top bits, which the final multiply of `digest(_:)` mixes from all of them.
    private func slot(of digest: UInt64) -> Int {
        Int(truncatingIfNeeded: digest >> UInt64(64 - slots.count.trailingZeroBitCount))
    }

    /// Hashes the length and a sample of the UTF-8 bytes with FNV-1a, then multiplies by the golden
    /// ratio's 64-bit constant, so the top bits that pick a slot depend on every sampled byte.
    static func digest(_ sql: String) -> UInt64 {
        var sql = sql
        let digest = sql.withUTF8 { bytes -> UInt64 in
            var digest: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
            let step = max(1, bytes.count / sampleCount)
            var index = bytes.count - 1
            while index >= 0 {
                digest = (digest ^ UInt64(bytes[index])) &* 0x100_0000_01b3
                index -= step
            }
            return digest
        }
        return digest &* 0x9e37_79b9_7f4a_7c15
    }

    /// Compares the UTF-8 bytes, as SQLite reads them. `String`'s `==` calls canonically equivalent
    /// texts equal, although SQLite prepares different statements from them.
    static func sameBytes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
            }
        }
    }
}
