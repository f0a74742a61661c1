import Glibc

/// The statement cache's key: the SQL text, hashed from its length and a sample of its bytes.
///
/// The engine looks up about 25 statements per ingested row, and hashing each whole SQL text
/// cost more than running some of them. Texts that share length and sample still compare in
/// full, so a collision costs one comparison and never returns the wrong statement.
struct StatementKey: Hashable {
    let sql: String
    /// The number of bytes sampled, spread evenly over the text from its end, where similar statements differ most.
    static let sampleCount = 24

    /// Compares the UTF-8 bytes, as SQLite reads them and as `hash(into:)` hashes them. `String`'s `==`
    /// calls canonically equivalent texts equal, although SQLite prepares different statements from them.
    static func == (left: StatementKey, right: StatementKey) -> Bool {
        // memcmp on the contiguous bytes, because a comparison byte by byte through the UTF-8 view
        // cost about as much as the hash.
        var left = left.sql
        var right = right.sql
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var sql = sql
        let digest = sql.withUTF8 { bytes -> UInt64 in
            // FNV-1a over the sample, then one value for the Hasher, because a Hasher round per
            // byte cost as much as hashing the whole text.
            var digest: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
            let step = max(1, bytes.count / Self.sampleCount)
            var index = bytes.count - 1
            while index >= 0 {
                digest = (digest ^ UInt64(bytes[index])) &* 0x100_0000_01b3
                index -= step
            }
            return digest
        }
        hasher.combine(digest)
    }
}
