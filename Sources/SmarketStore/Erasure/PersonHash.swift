import CCrypto
import Foundation
import SmarketIngest

/// The salted SHA-256 that `erasures` keeps instead of the person's email or phone.
enum PersonHash {
    /// The `settings` row that contains the salt, created at the first erasure.
    static let saltSetting = "erasure_salt"

    /// Returns 64 lower-case hexadecimal digits of SHA-256(salt, newline, identity).
    static func hash(identity: String, salt: String) throws -> String {
        let bytes = Array((salt + "\n" + identity).utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        guard result == 1 else { throw ErasureError.digest }
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// Returns the stored salt, or nil before the first erasure.
    static func salt(in database: Database) throws -> String? {
        try database.statement("SELECT value FROM settings WHERE name = ?1").bind(
            .text(saltSetting)
        ).scalarText()
    }

    /// Returns the stored salt, creating 32 random bytes of it when missing.
    static func saltCreatingIfMissing(in database: Database) throws -> String {
        if let salt = try salt(in: database) { return salt }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in
            String(format: "%02x", UInt8.random(in: 0...255, using: &generator))
        }.joined()
        try database.statement("INSERT INTO settings (name, value) VALUES (?1, ?2)")
            .bind(.text(saltSetting), .text(salt)).run()
        return salt
    }
}

extension Database {
    /// Returns whether a person with this email was erased by `smarketd forget`, by the salted hash
    /// that `erasures` keeps. Returns false for an invalid address and when the lookup fails.
    public func wasErased(email: String) -> Bool {
        guard let normalized = EmailAddress.normalize(email) else { return false }
        return wasErased(identity: normalized)
    }

    /// Returns whether a person with this lead identity (an email, or `tel:` and an E.164 phone)
    /// was erased.
    public func wasErased(identity: String) -> Bool {
        guard let salt = try? PersonHash.salt(in: self),
            let hash = try? PersonHash.hash(identity: identity, salt: salt)
        else { return false }
        let count = try? statement("SELECT count(*) FROM erasures WHERE person_hash = ?1").bind(
            .text(hash)
        ).scalarInt()
        return (count ?? 0) > 0
    }
}
