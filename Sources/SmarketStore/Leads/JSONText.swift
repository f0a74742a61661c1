import Foundation
import SmarketIngest

/// Encodes and decodes the small string dictionaries stored as JSON text (custom attributes, invalid
/// values).
enum JSONText {
    static func encode(_ dictionary: [String: String]) -> String {
        dictionary.isEmpty ? "{}" : JSONWriter.string(dictionary)
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, text != "{}" else { return [:] }
        if let flat = decodeFlat(text) { return flat }
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object.compactMapValues { $0 as? String }
    }
}

extension JSONText {
    /// Decodes the flat objects of strings that `encode` writes without Foundation's parser, which the
    /// engine would otherwise run several times per lead. Returns nil for anything else (escapes other than
    /// `\"` and `\\`, nested values), so the caller falls back to `JSONSerialization`.
    static func decodeFlat(_ text: String) -> [String: String]? {
        var bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var index = 1
        var result: [String: String] = [:]

        func readString() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: value, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    guard index + 1 < bytes.count else { return nil }
                    let escaped = bytes[index + 1]
                    guard escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else { return nil }
                    value.append(escaped)
                    index += 2
                    continue
                }
                value.append(byte)
                index += 1
            }
            return nil
        }

        while index < bytes.count - 1 {
            guard let key = readString(), index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let value = readString() else { return nil }
            result[key] = value
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if index != bytes.count - 1 {
                return nil
            }
        }
        bytes.removeAll()
        return result
    }
}
