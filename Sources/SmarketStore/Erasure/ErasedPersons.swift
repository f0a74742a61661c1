import Foundation
import SmarketIngest

/// The persons that `forget` erased, recognized by the salted hash that `erasures` keeps of their lead
/// identity, so that a copy of an erased file can lose their records before it is archived.
public struct ErasedPersons: Sendable {
    let salt: String
    let hashes: Set<String>

    /// Loads the hashes; nil when nobody was erased.
    public init?(database: Database) throws {
        guard let salt = try PersonHash.salt(in: database) else { return nil }
        let hashes = try database.statement("SELECT DISTINCT person_hash FROM erasures").bind([]).rows {
            $0.text(0) ?? ""
        }
        guard !hashes.isEmpty else { return nil }
        self.salt = salt
        self.hashes = Set(hashes)
    }

    /// Returns whether a value, as a feed wrote it, is the email or the international phone number of an
    /// erased person's identity.
    ///
    /// NOTE: a phone matches only in international form, and only for a person whose identity was the
    /// phone (leads without an email), because the hash covers the identity alone.
    public func matches(_ value: String) -> Bool {
        let identity: String
        if value.contains("@") {
            guard let email = EmailAddress.normalize(value) else { return false }
            identity = email
        } else {
            guard value.contains(where: \.isNumber),
                let phone = PhoneNumber.normalize(value, rowCountry: nil, localeCountry: nil)
            else { return false }
            identity = "tel:" + phone.e164
        }
        guard let hash = try? PersonHash.hash(identity: identity, salt: salt) else { return false }
        return hashes.contains(hash)
    }
}
