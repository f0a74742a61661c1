import CCrypto

/// An incremental SHA-256 digest with libcrypto.
final class SHA256Hasher {
    private let context: OpaquePointer

    /// - Throws: `FeedError` with code `io` when libcrypto cannot allocate or start the digest.
    init() throws(FeedError) {
        guard let context = EVP_MD_CTX_new() else {
            throw FeedError(
                .io, "allocating a SHA-256 context failed. Retry when the daemon has memory.")
        }
        self.context = context
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw FeedError(
                .io,
                "starting a SHA-256 digest failed in libcrypto. Check the OpenSSL installation.")
        }
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    func update(_ bytes: [UInt8]) throws(FeedError) {
        let status = bytes.withUnsafeBytes { buffer in
            EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
        guard status == 1 else {
            throw FeedError(
                .io, "updating a SHA-256 digest failed in libcrypto. Check the OpenSSL installation.")
        }
    }

    /// Finishes the digest and returns it as 64 lower-case hexadecimal digits.
    func finish() throws(FeedError) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else {
            throw FeedError(
                .io,
                "finishing a SHA-256 digest failed in libcrypto. Check the OpenSSL installation.")
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
