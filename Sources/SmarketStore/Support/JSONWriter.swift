import Foundation
import SmarketIngest

/// Writes the dictionaries that the store keeps as JSON text (outbox payloads, custom attributes) with
/// sorted keys and without escaping `/`, as `JSONSerialization` does with those options. It exists
/// because Foundation's writer casts every value through `Any` and cost a sixth of the time per lead.
enum JSONWriter {
    /// Returns the JSON text of a dictionary whose values are strings, numbers, booleans, `NSNull`, nil,
    /// or arrays and dictionaries of those. Any other value is written as its description in a string.
    static func string(_ object: [String: Any]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(object, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func string(_ object: [String: String]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        writeObject(object, to: &output, value: writeString)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: Any?, to output: inout [UInt8]) {
        // The common types come first, and `[String: String]` before `[String: Any]`: a cast to
        // `NSNull` or to `[String: Any]` converts the value first and cost 20,000 instructions each.
        switch value {
        case let text as String:
            writeString(text, to: &output)
        case let dictionary as [String: String]:
            writeObject(dictionary, to: &output, value: writeString)
        case let flag as Bool:
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let number as Int:
            output.append(contentsOf: String(number).utf8)
        case let number as Int64:
            output.append(contentsOf: String(number).utf8)
        case let number as Double:
            writeNumber(number, to: &output)
        case let dictionary as [String: Any]:
            write(dictionary, to: &output)
        case let array as [Any]:
            output.append(UInt8(ascii: "["))
            for (offset, element) in array.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case nil, is NSNull:
            output.append(contentsOf: "null".utf8)
        case let other?:
            writeString(String(describing: other), to: &output)
        }
    }

    private static func write(_ dictionary: [String: Any], to output: inout [UInt8]) {
        writeObject(dictionary, to: &output, value: write)
    }

    /// Writes an object with its keys sorted, each value through `writeValue`.
    private static func writeObject<Value>(
        _ dictionary: [String: Value], to output: inout [UInt8], value writeValue: (Value, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: "{"))
        // Sorting the entries instead of the keys spares a second hash lookup of every key.
        for (offset, entry) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            writeString(entry.key, to: &output)
            output.append(UInt8(ascii: ":"))
            writeValue(entry.value, &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Whole numbers without a fraction (`12`, not `12.0`), others in Swift's shortest form; JSON has no
    /// infinity or NaN, so those become null.
    private static func writeNumber(_ number: Double, to output: inout [UInt8]) {
        if !number.isFinite {
            output.append(contentsOf: "null".utf8)
        } else if number == number.rounded(), abs(number) < 1e15 {
            output.append(contentsOf: String(Int64(number)).utf8)
        } else {
            output.append(contentsOf: "\(number)".utf8)
        }
    }

    /// Writes a JSON string, appending each run of bytes that needs no escape at once.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(of: byte, to: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    private static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48])
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
    }
}
