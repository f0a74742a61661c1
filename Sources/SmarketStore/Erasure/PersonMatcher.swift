import Foundation
import SmarketIngest

/// Recognizes a person's records in files and JSON by their email addresses and phone numbers.
public struct PersonMatcher: Sendable {
    /// Normalized email addresses.
    public private(set) var emails: Set<String>
    /// Phone numbers in E.164.
    public private(set) var phones: Set<String>
    /// The ids of the person's leads, matched against `lead_id` keys of outbox records.
    public var leadIDs: Set<Int64> = []
    /// Persons erased earlier, matched by the hash of their identity.
    public var erased: ErasedPersons?

    /// The shortest digit string compared against a phone, so that short numbers such as
    /// postal codes do not match.
    static let minimumPhoneDigits = 7

    public init(emails: Set<String> = [], phones: Set<String> = []) {
        self.emails = emails
        self.phones = phones
    }

    /// Reads the `forget` operand: an email address, or a phone number in international form.
    /// - Returns: nil when the text is neither.
    public init?(reference: String) {
        if let email = EmailAddress.normalize(reference) {
            self.init(emails: [email])
        } else if let phone = PhoneNumber.normalize(reference, rowCountry: nil, localeCountry: nil)
        {
            self.init(phones: [phone.e164])
        } else {
            return nil
        }
    }

    public mutating func add(email: String?, phone: String?) {
        if let email, let normalized = EmailAddress.normalize(email) { emails.insert(normalized) }
        if let phone, !phone.isEmpty { phones.insert(phone) }
    }

    /// The identity that the lead table and the erasure hash use: the first email, else `tel:` and the phone.
    public var identity: String? {
        if let email = emails.sorted().first { return email }
        return phones.sorted().first.map { "tel:" + $0 }
    }

    /// Returns whether one value, as a feed wrote it, is one of the person's emails or phones.
    ///
    /// A phone matches when its digits, without leading zeros, end the E.164 digits, so that
    /// `030 555000` matches `+4930555000`.
    public func matches(_ value: String) -> Bool {
        if let erased, erased.matches(value) { return true }
        if value.contains("@") {
            return EmailAddress.normalize(value).map(emails.contains) ?? false
        }
        guard !phones.isEmpty else { return false }
        var digits = value.filter { $0.isASCII && $0.isNumber }
        while digits.hasPrefix("0") { digits.removeFirst() }
        guard digits.count >= Self.minimumPhoneDigits else { return false }
        return phones.contains { $0.filter(\.isNumber).hasSuffix(digits) }
    }

    /// Returns whether any string in a JSON value, at any depth, matches, or a `lead_id` key names one of the leads.
    func matches(json value: Any) -> Bool {
        switch value {
        case let text as String: return matches(text)
        case let array as [Any]: return array.contains { matches(json: $0) }
        case let object as [String: Any]:
            if let id = (object["lead_id"] as? NSNumber)?.int64Value, leadIDs.contains(id) {
                return true
            }
            return object.values.contains { matches(json: $0) }
        default: return false
        }
    }
}
