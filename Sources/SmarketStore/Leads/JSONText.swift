import Foundation
import SmarketIngest

/// Encodes and decodes the small string dictionaries stored as JSON text (custom attributes, invalid
/// values).
enum JSONText {
    static func encode(_ dictionary: [String: String]) -> String {
        guard !dictionary.isEmpty,
            let data = try? JSONSerialization.data(withJSONObject: dictionary, options: [.sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, text != "{}", let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object.compactMapValues { $0 as? String }
    }
}

/// Stored times: RFC 3339 in UTC with whole seconds.
extension Timestamp {
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    public static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}
