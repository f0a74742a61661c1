/// Records of a JSON or NDJSON file, streamed one object at a time.
///
/// The file is a sequence of top-level values, which covers JSON (one value) and NDJSON (one
/// object per line) alike. A top-level array yields each element as a record. A top-level
/// object yields the rows of every array under `leads`, `data` or `records`. An object
/// without such an array, such as a Google Ads lead form webhook, is one record.
final class JSONRecordReader {
    /// The keys under which an object carries its array of records.
    static let rowArrayKeys: Set<String> = ["leads", "data", "records"]

    private enum State {
        case topLevel
        case topArray(expectsComma: Bool)
        case topObject(ObjectFrame)
        case rowArray(ObjectFrame, expectsComma: Bool)
        case finished
    }

    /// A top-level object being read: its line and the members kept in case it is one record.
    private struct ObjectFrame {
        var line: Int
        /// The byte offset of the object's `{`, for the record size limit.
        var startOffset: Int
        var members: [JSONMember] = []
        var hasRowArray = false
        var expectsComma = false
    }

    private var parser: JSONParser
    private var state = State.topLevel
    private var recordCount = 0
    private let fileName: String

    init(stream: FeedByteStream, fileName: String, limits: ReadLimits, decoding: TextDecoding) {
        parser = JSONParser(stream: stream, fileName: fileName, limits: limits, decoding: decoding)
        self.fileName = fileName
    }

    /// Returns the next record, or nil at the end.
    /// - Throws: `noRecords` when the file ends without any record, `malformedJSON` with
    ///   the line of the problem, and the limit errors of `JSONParser`.
    func next() throws(FeedError) -> RawRecord? {
        while true {
            switch state {
            case .finished:
                return nil
            case .topLevel:
                let byte = try parser.cursor.skipWhitespace()
                switch byte {
                case nil:
                    state = .finished
                    if recordCount == 0 {
                        throw FeedError(
                            .noRecords,
                            "\(fileName) contains no lead records. Export the data again, with the leads."
                        )
                    }
                    return nil
                case UInt8(ascii: "["):
                    parser.cursor.advance()
                    state = .topArray(expectsComma: false)
                case UInt8(ascii: "{"):
                    let line = parser.cursor.line
                    parser.cursor.advance()
                    state = .topObject(ObjectFrame(line: line, startOffset: parser.cursor.offset))
                default:
                    throw parser.unexpected(byte, expecting: "'[' or '{' to start the leads")
                }
            case .topArray(let expectsComma):
                if let record = try nextRow(expectsComma: expectsComma, onEnd: .topLevel) {
                    state = .topArray(expectsComma: true)
                    return record
                }
            case .rowArray(var frame, let expectsComma):
                frame.expectsComma = true
                if let record = try nextRow(expectsComma: expectsComma, onEnd: .topObject(frame)) {
                    state = .rowArray(frame, expectsComma: true)
                    return record
                }
            case .topObject(var frame):
                do {
                    if let record = try nextMember(of: &frame) {
                        return record
                    }
                } catch {
                    throw Self.locating(error, inRecordFrom: frame.line)
                }
            }
        }
    }

    /// Reads the next element of a row array; returns nil after moving to `onEnd` at its `]`.
    private func nextRow(expectsComma: Bool, onEnd: State) throws(FeedError) -> RawRecord? {
        var byte = try parser.cursor.skipWhitespace()
        if byte == UInt8(ascii: "]") {
            parser.cursor.advance()
            state = onEnd
            return nil
        }
        if expectsComma {
            guard byte == UInt8(ascii: ",") else {
                throw parser.unexpected(byte, expecting: "',' or ']' between leads")
            }
            parser.cursor.advance()
            byte = try parser.cursor.skipWhitespace()
        }
        guard byte == UInt8(ascii: "{") else {
            throw parser.unexpected(byte, expecting: "'{' to start a lead object")
        }
        let line = parser.cursor.line
        let value: JSONValue
        do {
            value = try parser.parseValue()
        } catch {
            throw Self.locating(error, inRecordFrom: line)
        }
        guard case .object(let members) = value else {
            throw parser.unexpected(byte, expecting: "a lead object")
        }
        return try record(members, line: line)
    }

    /// Adds to a JSON error found after the first line of a record the line where that record
    /// starts. In NDJSON, a record cut short is only noticed on the next line, where the next
    /// record begins.
    static func locating(_ error: FeedError, inRecordFrom start: Int) -> FeedError {
        guard error.code == .malformedJSON, let line = error.line, line > start else { return error }
        var located = error
        located.message += " The record that contains it starts on line \(start)."
        return located
    }

    /// Reads the next member of a top-level object; returns a record only at the end of an
    /// object that is itself one record.
    private func nextMember(of frame: inout ObjectFrame) throws(FeedError) -> RawRecord? {
        let byte = try parser.cursor.skipWhitespace()
        if byte == UInt8(ascii: "}") {
            parser.cursor.advance()
            state = .topLevel
            // An object that carried rows is a wrapper, so its other members (such as paging)
            // are not leads.
            guard !frame.hasRowArray, !frame.members.isEmpty else { return nil }
            return try record(frame.members, line: frame.line)
        }

        if frame.expectsComma {
            guard byte == UInt8(ascii: ",") else {
                throw parser.unexpected(byte, expecting: "',' or '}' in an object")
            }
            parser.cursor.advance()
        }
        let key = try parser.parseKey()
        try parser.expect(UInt8(ascii: ":"), context: "after the key \"\(key)\"")
        frame.expectsComma = true

        if Self.rowArrayKeys.contains(key), try parser.cursor.skipWhitespace() == UInt8(ascii: "[")
        {
            parser.cursor.advance()
            frame.hasRowArray = true
            state = .rowArray(frame, expectsComma: false)
            return nil
        }

        let value = try parser.parseValue()
        // Members beside a row array are metadata such as paging, so only a possible
        // single-record object is kept, and it is bounded like any other record.
        if !frame.hasRowArray {
            frame.members.append(JSONMember(key: key, value: value))
            let length = parser.cursor.offset - frame.startOffset
            if length > parser.limits.maxLineLength {
                let setting = LimitSetting.maxLineLength(parser.limits.maxLineLength)
                throw FeedError(
                    .lineTooLong, line: frame.line,
                    "\(fileName) has a JSON object starting on line \(frame.line) longer than "
                        + "\(setting.limitPhrase). Split the record or \(setting.raiseAdvice).")
            }
        }
        state = .topObject(frame)
        return nil
    }

    private func record(_ members: [JSONMember], line: Int) throws(FeedError) -> RawRecord {
        let fields = JSONFlattening.fields(of: members)
        if fields.count > parser.limits.maxColumns {
            let setting = LimitSetting.maxColumns(parser.limits.maxColumns)
            throw FeedError(
                .tooManyColumns, line: line,
                "\(fileName) has more fields in the record on line \(line) than \(setting.limitPhrase). "
                    + "Remove unused keys or \(setting.raiseAdvice).")
        }
        recordCount += 1
        return RawRecord(line: line, fields: fields)
    }
}
