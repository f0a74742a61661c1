import SmarketIngest
import SmarketStore

/// The digests that tell whether a file's content was ingested before, whatever its name or
/// compression.
struct FileIdentity {
    /// The digest that new ledger records get: the SHA-256 of a gzip file's decompressed content,
    /// or of the bytes as stored for any other file.
    ///
    /// Plain files keep the digest that earlier versions stored, so existing ledgers still match them.
    var digest: String
    /// The SHA-256 of a gzip file's compressed bytes, or nil for other files. Ledgers written before
    /// gzip files were keyed by their decompressed content contain this digest.
    var storedDigest: String?

    /// Reads the file from offset 0 to its end, decompressing gzip within the unpacked size limit.
    init(descriptor: Int32, fileName: String, limits: ReadLimits) throws {
        let stored = try ContentDigest.sha256(descriptor: descriptor)
        let unpacked = try ContentDigest.unpackedSHA256(
            descriptor: descriptor, fileName: fileName, maxUnpackedSize: limits.maxUnpackedSize)
        digest = unpacked ?? stored
        storedDigest = unpacked == nil ? nil : stored
    }

    /// Returns the ledger's record of this content, if any.
    ///
    /// A gzip file whose content has no record is also looked up by its compressed bytes, so that a
    /// file that an earlier version started or finished is resumed or recognized, not applied again.
    func earlierRecord(in ledger: FileLedger) throws -> FileRecord? {
        if let record = try ledger.record(digest: digest) { return record }
        guard let storedDigest else { return nil }
        return try ledger.record(digest: storedDigest)
    }
}
