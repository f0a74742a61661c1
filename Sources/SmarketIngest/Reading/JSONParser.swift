/// A JSON tokenizer and value parser over a byte stream, parsing one value at a time.
///
/// The caller walks the outer structure (the top-level array or object) itself, so only one
/// record's value is in memory at a time.
struct JSONParser {
    /// The deepest nesting accepted, which keeps the recursive parser within the stack.
    static let maxDepth = 64

    var cursor: ByteCursor
    let fileName: String
    let limits: ReadLimits
    let decoding: TextDecoding
    /// The start of the value being parsed, for the record size limit.
    private var valueStartOffset = 0
    private var valueStartLine = 1

    init(stream: FeedByteStream, fileName: String, limits: ReadLimits, decoding: TextDecoding) {
        cursor = ByteCursor(stream: stream)
        self.fileName = fileName
        self.limits = limits
        self.decoding = decoding
    }

    /// Parses one complete value that starts at the next non-space byte.
    /// - Throws: `malformedJSON`, `lineTooLong` for a value longer than `maxLineLength`
    ///   bytes, or `tooManyColumns` for an object with more than `maxColumns` members.
    mutating func parseValue() throws(FeedError) -> JSONValue {
        _ = try cursor.skipWhitespace()
        valueStartOffset = cursor.offset
        valueStartLine = cursor.line
        return try parseValue(depth: 0)
    }

    /// Consumes `expected` after any whitespace.
    mutating func expect(_ expected: UInt8, context: String) throws(FeedError) {
        let byte = try cursor.skipWhitespace()
        guard byte == expected else {
            throw unexpected(byte, expecting: "'\(Character(Unicode.Scalar(expected)))' \(context)")
        }
        cursor.advance()
    }

    /// Parses a string that starts at the next non-space byte, for a member key.
    mutating func parseKey() throws(FeedError) -> String {
        let byte = try cursor.skipWhitespace()
        guard byte == UInt8(ascii: "\"") else { throw unexpected(byte, expecting: "a quoted key") }
        return try parseString()
    }

    /// Returns the error for an unexpected byte or end of file.
    func unexpected(_ byte: UInt8?, expecting expected: String) -> FeedError {
        guard let byte else {
            return FeedError(
                .malformedJSON, line: cursor.line,
                "\(fileName) ends on line \(cursor.line) where \(expected) should follow, so the file is truncated. "
                    + "Export the data again and drop the whole file.")
        }
        let byteDescription =
            byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return FeedError(
            .malformedJSON, line: cursor.line,
            "\(fileName) has \(byteDescription) on line \(cursor.line) where \(expected) should be. Fix the JSON or export it again."
        )
    }

    private mutating func parseValue(depth: Int) throws(FeedError) -> JSONValue {
        guard depth < Self.maxDepth else {
            throw FeedError(
                .malformedJSON, line: cursor.line,
                "\(fileName) nests JSON deeper than \(Self.maxDepth) levels on line \(cursor.line), "
                    + "a fixed limit that no configuration key changes. Flatten the export and drop it again."
            )
        }
        guard let byte = try cursor.skipWhitespace() else {
            throw unexpected(nil, expecting: "a value")
        }
        switch byte {
        case UInt8(ascii: "{"):
            cursor.advance()
            return try parseObject(depth: depth)
        case UInt8(ascii: "["):
            cursor.advance()
            return try parseArray(depth: depth)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw unexpected(byte, expecting: "a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(FeedError) -> JSONValue {
        var members: [JSONMember] = []
        if try cursor.skipWhitespace() == UInt8(ascii: "}") {
            cursor.advance()
            return .object(members)
        }
        while true {
            let key = try parseKey()
            try expect(UInt8(ascii: ":"), context: "after the key \"\(key)\"")
            members.append(JSONMember(key: key, value: try parseValue(depth: depth + 1)))
            if members.count > limits.maxColumns {
                let setting = LimitSetting.maxColumns(limits.maxColumns)
                throw FeedError(
                    .tooManyColumns, line: valueStartLine,
                    "\(fileName) has an object in the record on line \(valueStartLine) with more keys than "
                        + "\(setting.limitPhrase). Remove unused keys or \(setting.raiseAdvice)."
                )
            }
            let next = try cursor.skipWhitespace()
            if next == UInt8(ascii: "}") {
                cursor.advance()
                return .object(members)
            }
            guard next == UInt8(ascii: ",") else {
                throw unexpected(next, expecting: "',' or '}' in an object")
            }
            cursor.advance()
        }
    }

    private mutating func parseArray(depth: Int) throws(FeedError) -> JSONValue {
        var elements: [JSONValue] = []
        if try cursor.skipWhitespace() == UInt8(ascii: "]") {
            cursor.advance()
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            let next = try cursor.skipWhitespace()
            if next == UInt8(ascii: "]") {
                cursor.advance()
                return .array(elements)
            }
            guard next == UInt8(ascii: ",") else {
                throw unexpected(next, expecting: "',' or ']' in an array")
            }
            cursor.advance()
        }
    }

    /// Parses a string at the cursor's opening quote, decoding escapes.
    private mutating func parseString() throws(FeedError) -> String {
        let startLine = cursor.line
        cursor.advance()
        var bytes: [UInt8] = []
        while true {
            guard let byte = try cursor.peek() else {
                throw FeedError(
                    .malformedJSON, line: startLine,
                    "\(fileName) ends inside a string that starts on line \(startLine), so the file is truncated. "
                        + "Export the data again and drop the whole file.")
            }
            // Checked before the cursor moves past the byte, which counts a line break as the next line.
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                throw FeedError(
                    .malformedJSON, line: cursor.line,
                    "\(fileName) has a string on line \(cursor.line) that reaches the end of the line without its "
                        + "closing quote, so the record is cut short. Fix the line or export the data again.")
            }
            if byte < 0x20 {
                throw FeedError(
                    .malformedJSON, line: cursor.line,
                    "\(fileName) has an unescaped control character (0x\(String(byte, radix: 16))) in a string on line "
                        + "\(cursor.line). Escape it as \\u00XX or export the data again.")
            }
            cursor.advance()
            try checkLength()
            switch byte {
            case UInt8(ascii: "\""):
                return decoding.decode(bytes)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &bytes)
            default:
                bytes.append(byte)
            }
        }
    }

    private mutating func parseEscape(into bytes: inout [UInt8]) throws(FeedError) {
        let byte = try cursor.peek()
        guard let byte else { throw unexpected(nil, expecting: "an escape character") }
        cursor.advance()
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHexUnit())
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                if try cursor.peek() == UInt8(ascii: "\\") {
                    cursor.advance()
                    guard try cursor.peek() == UInt8(ascii: "u") else {
                        throw unexpected(try cursor.peek(), expecting: "'u'")
                    }
                    cursor.advance()
                    let low = UInt32(try parseHexUnit())
                    scalar =
                        (0xDC00...0xDFFF).contains(low)
                        ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(scalar) {
                scalar = 0xFFFD
            }
            bytes.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
            throw unexpected(byte, expecting: "an escape character (one of \" \\ / b f n r t u)")
        }
    }

    private mutating func parseHexUnit() throws(FeedError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = try cursor.peek()
            guard let byte, let digit = hexValue(byte) else {
                throw unexpected(byte, expecting: "a hex digit of \\u")
            }
            cursor.advance()
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(FeedError) {
        let expected = literal.withUTF8Buffer { Array($0) }
        for byte in expected {
            let actual = try cursor.peek()
            guard actual == byte else {
                throw unexpected(actual, expecting: "the literal \(literal)")
            }
            cursor.advance()
        }
    }

    /// Parses a number and returns it as written, checking the JSON number grammar.
    private mutating func parseNumber() throws(FeedError) -> String {
        var bytes: [UInt8] = []
        while let byte = try cursor.peek() {
            let isNumberByte =
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E")
            guard isNumberByte else { break }
            bytes.append(byte)
            cursor.advance()
            try checkLength()
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard Double(text) != nil, bytes.last.map({ (0x30...0x39).contains($0) }) == true else {
            throw FeedError(
                .malformedJSON, line: cursor.line,
                "\(fileName) has an invalid number \(text) on line \(cursor.line). Fix the JSON or export it again."
            )
        }
        return text
    }

    private func checkLength() throws(FeedError) {
        guard cursor.offset - valueStartOffset > limits.maxLineLength else { return }
        let setting = LimitSetting.maxLineLength(limits.maxLineLength)
        throw FeedError(
            .lineTooLong, line: valueStartLine,
            "\(fileName) has a JSON record starting on line \(valueStartLine) longer than "
                + "\(setting.limitPhrase). Split the record or \(setting.raiseAdvice).")
    }
}
