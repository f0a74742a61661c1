/// One CSV record as parsed, before decoding: the raw bytes of each value.
struct ParsedRecord {
    /// The 1-based physical line where the record starts.
    var line: Int
    var values: [[UInt8]]
}

/// An incremental RFC 4180 parser that takes chunks of bytes and returns complete records.
///
/// Quoted values may contain delimiters, doubled quotes and line breaks. Records end at LF,
/// CRLF or a lone CR, in any mix, and the last record needs no line break. Empty lines
/// are skipped but counted. Outside the RFC, a quote inside an unquoted value and text after
/// a closing quote are kept as written instead of failing the file.
struct CSVParser {
    private enum State {
        case recordStart
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted value: the next byte decides whether it was doubled.
        case quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    let delimiter: UInt8
    let fileName: String
    let maxLineLength: Int
    let maxColumns: Int

    private var state = State.recordStart
    /// The physical line of the byte being parsed.
    private var line = 1
    private var previousWasCarriageReturn = false
    private var lineLength = 0
    private var recordLength = 0
    private var recordLine = 1
    private var quoteLine = 1
    private var values: [[UInt8]] = []
    private var field: [UInt8] = []

    init(delimiter: UInt8, fileName: String, limits: ReadLimits) {
        self.delimiter = delimiter
        self.fileName = fileName
        self.maxLineLength = limits.maxLineLength
        self.maxColumns = limits.maxColumns
    }

    /// Parses one chunk and appends the records it completes.
    mutating func consume(_ chunk: [UInt8], into records: inout [ParsedRecord]) throws(FeedError) {
        var index = 0
        while index < chunk.count {
            let end = plainRunEnd(in: chunk, from: index)
            if end > index {
                try appendPlainRun(chunk[index..<end])
                index = end
                continue
            }
            let byte = chunk[index]
            if byte == 0 {
                throw FeedError(
                    .binary, line: line,
                    "\(fileName) contains a NUL byte on line \(line), so it is not a text export. "
                        + "Export the data again as CSV.")
            }
            try parse(byte, into: &records)
            try countLine(byte)
            index += 1
        }
    }

    /// Returns the end of the bytes from `start` on that the current state only appends to the value:
    /// inside a value, up to the next delimiter, quote (when quoted), line break or NUL. Taking them
    /// as one run instead of byte by byte cut the parser's instructions by a third.
    private func plainRunEnd(in chunk: [UInt8], from start: Int) -> Int {
        // The byte that ends a value's run besides line breaks and NUL: the delimiter, or in quotes the quote.
        let end: UInt8
        switch state {
        case .unquoted: end = delimiter
        case .quoted: end = Self.quote
        case .recordStart, .fieldStart, .quoteInQuoted: return start
        }
        var index = start
        while index < chunk.count {
            let byte = chunk[index]
            if byte == end || byte == Self.lineFeed || byte == Self.carriageReturn || byte == 0 { break }
            index += 1
        }
        return index
    }

    /// Appends a run from `plainRunEnd(in:from:)` as `parse` and `countLine` would byte by byte. The run
    /// has no line break, so the line is part of the record and the record's limit is reached first.
    private mutating func appendPlainRun(_ run: ArraySlice<UInt8>) throws(FeedError) {
        if recordLength + run.count > maxLineLength {
            if state == .quoted && line > quoteLine {
                throw unbalancedQuoteError(reason: "is still open after \(maxLineLength) bytes")
            }
            throw lineTooLongError(line: recordLine)
        }
        recordLength += run.count
        lineLength += run.count
        previousWasCarriageReturn = false
        field.append(contentsOf: run)
    }

    /// Completes the last record at the end of the file.
    /// - Throws: `unbalancedQuote` when a quoted value is still open.
    mutating func finish(into records: inout [ParsedRecord]) throws(FeedError) {
        switch state {
        case .recordStart:
            return
        case .quoted:
            throw unbalancedQuoteError(reason: "never closes before the end of the file")
        case .fieldStart, .unquoted, .quoteInQuoted:
            try endField()
            endRecord(into: &records)
        }
    }

    private mutating func parse(_ byte: UInt8, into records: inout [ParsedRecord]) throws(FeedError)
    {
        let isLineBreak = byte == Self.lineFeed || byte == Self.carriageReturn
        if state == .recordStart {
            if isLineBreak { return }
            recordLine = line
            recordLength = 0
            state = .fieldStart
        }
        recordLength += 1
        if recordLength > maxLineLength {
            if state == .quoted && line > quoteLine {
                throw unbalancedQuoteError(reason: "is still open after \(maxLineLength) bytes")
            }
            throw lineTooLongError(line: recordLine)
        }
        switch state {
        case .recordStart, .fieldStart:
            if byte == Self.quote {
                state = .quoted
                quoteLine = line
            } else if byte == delimiter {
                try endField()
            } else if isLineBreak {
                try endField()
                endRecord(into: &records)
            } else {
                field.append(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == delimiter {
                try endField()
                state = .fieldStart
            } else if isLineBreak {
                try endField()
                endRecord(into: &records)
            } else {
                field.append(byte)
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                field.append(byte)
            }
        case .quoteInQuoted:
            if byte == Self.quote {
                field.append(byte)
                state = .quoted
            } else if byte == delimiter {
                try endField()
                state = .fieldStart
            } else if isLineBreak {
                try endField()
                endRecord(into: &records)
            } else {
                field.append(byte)
                state = .unquoted
            }
        }
    }

    /// Advances the physical line count; CRLF counts as one line break.
    private mutating func countLine(_ byte: UInt8) throws(FeedError) {
        if byte == Self.lineFeed {
            if !previousWasCarriageReturn { line += 1 }
            lineLength = 0
        } else if byte == Self.carriageReturn {
            line += 1
            lineLength = 0
        } else {
            lineLength += 1
            if lineLength > maxLineLength {
                throw lineTooLongError(line: line)
            }
        }
        previousWasCarriageReturn = byte == Self.carriageReturn
    }

    private mutating func endField() throws(FeedError) {
        values.append(field)
        field = []
        state = .fieldStart
        if values.count > maxColumns {
            let setting = LimitSetting.maxColumns(maxColumns)
            throw FeedError(
                .tooManyColumns, line: recordLine,
                "\(fileName) has more columns in the record on line \(recordLine) than \(setting.limitPhrase). "
                    + "Remove unused columns or \(setting.raiseAdvice).")
        }
    }

    private mutating func endRecord(into records: inout [ParsedRecord]) {
        records.append(ParsedRecord(line: recordLine, values: values))
        values = []
        state = .recordStart
    }

    private func lineTooLongError(line: Int) -> FeedError {
        let setting = LimitSetting.maxLineLength(maxLineLength)
        return FeedError(
            .lineTooLong, line: line,
            "\(fileName) has a line or record on line \(line) longer than \(setting.limitPhrase). "
                + "Check that the file is a CSV export, or \(setting.raiseAdvice).")
    }

    private func unbalancedQuoteError(reason: String) -> FeedError {
        FeedError(
            .unbalancedQuote, line: quoteLine,
            "\(fileName) has a quoted value on line \(quoteLine) that \(reason). "
                + "Close or remove the opening quote on that line and drop the file again.")
    }
}
