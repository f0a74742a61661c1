import CCrypto

/// Digests that identify a feed file by its content, whatever its name.
public enum ContentDigest {
    /// Computes the SHA-256 of the file's bytes as stored (the compressed bytes for gzip).
    ///
    /// The file is read with `pread` from offset 0 to its end; the descriptor's position is
    /// untouched and the descriptor stays open.
    /// - Returns: 64 lower-case hexadecimal digits.
    /// - Throws: `FeedError` with code `io` when a read or the digest fails.
    public static func sha256(descriptor: Int32) throws -> String {
        guard let context = EVP_MD_CTX_new() else {
            throw FeedError(
                .io, "Allocating a SHA-256 context failed. Retry when the daemon has memory.")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw FeedError(
                .io,
                "Starting a SHA-256 digest failed in libcrypto. Check the OpenSSL installation.")
        }
        var reader = DescriptorReader(descriptor: descriptor, maxBytes: .max)
        while true {
            let chunk = try reader.read()
            if chunk.isEmpty { break }
            let status = chunk.withUnsafeBytes { buffer in
                EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
            }
            guard status == 1 else {
                throw FeedError(
                    .io,
                    "Updating a SHA-256 digest failed in libcrypto. Check the OpenSSL installation."
                )
            }
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else {
            throw FeedError(
                .io,
                "Finishing a SHA-256 digest failed in libcrypto. Check the OpenSSL installation.")
        }
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
