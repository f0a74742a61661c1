/// A JSON value of one record, parsed in full; the file as a whole is never held in memory.
enum JSONValue {
    case string(String)
    /// A number as written in the file, so that `1.50` or `1e3` keep their form.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in file order; JSON allows repeated keys, and all of them are kept.
    case object([JSONMember])
}

/// One key and value of a JSON object.
struct JSONMember {
    var key: String
    var value: JSONValue
}

/// A buffered reader of a byte stream that tracks the physical line.
struct ByteCursor {
    private let stream: FeedByteStream
    private var buffer: [UInt8] = []
    private var index = 0
    private var isAtEnd = false
    /// The 1-based line of the next byte.
    private(set) var line = 1
    /// The number of bytes consumed so far.
    private(set) var offset = 0

    init(stream: FeedByteStream) {
        self.stream = stream
    }

    /// Returns the next byte without consuming it, or nil at the end of the file.
    mutating func peek() throws(FeedError) -> UInt8? {
        if index < buffer.count { return buffer[index] }
        while !isAtEnd {
            if let chunk = try stream.nextChunk() {
                buffer = chunk
                index = 0
                return buffer[0]
            }
            isAtEnd = true
        }
        return nil
    }

    /// Consumes the byte that `peek()` returned.
    mutating func advance() {
        if buffer[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
        offset += 1
    }

    /// Consumes spaces, tabs and line breaks; returns the next byte or nil at the end.
    mutating func skipWhitespace() throws(FeedError) -> UInt8? {
        while let byte = try peek() {
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return byte }
            advance()
        }
        return nil
    }
}
