/// A failure while erasing a person's data.
public enum ErasureError: Error, CustomStringConvertible {
    /// Packing or unpacking a gzip file failed.
    case gzip(String)
    /// A file could not be read as a feed, so its rows cannot be checked for the person.
    case unreadable(file: String, reason: String)
    /// Computing the SHA-256 digest failed in libcrypto.
    case digest

    public var description: String {
        switch self {
        case .gzip(let message): "gzip: \(message)"
        case .unreadable(let file, let reason):
            "\(file) cannot be read as a feed (\(reason)); check it by hand for the person's rows"
        case .digest:
            "computing a SHA-256 digest failed in libcrypto; check the OpenSSL installation"
        }
    }
}
