/// Bounds that a feed file must stay within; a file that crosses one fails with an error naming the limit.
public struct ReadLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes, as stored in the inbox.
    public var maxFileSize: Int64
    /// The largest decompressed size of a gzip file, in bytes.
    public var maxUnpackedSize: Int64
    /// The longest physical line or record, in bytes.
    public var maxLineLength: Int
    /// The most columns (or JSON keys) one record may have.
    public var maxColumns: Int

    public init(
        maxFileSize: Int64 = 1 << 30,
        maxUnpackedSize: Int64 = 4 << 30,
        maxLineLength: Int = 1 << 20,
        maxColumns: Int = 1000
    ) {
        self.maxFileSize = maxFileSize
        self.maxUnpackedSize = maxUnpackedSize
        self.maxLineLength = maxLineLength
        self.maxColumns = maxColumns
    }
}
