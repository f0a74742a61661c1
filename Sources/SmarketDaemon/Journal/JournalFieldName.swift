/// Checks of journal field names against the rules journald applies before it stores a field.
enum JournalFieldName {
    /// journald's maximum length of a field name, in bytes.
    static let maximumLength = 64

    /// The fields that ``Journal`` writes itself, so an entry's own fields cannot replace them.
    static let reserved: Set<String> = [
        "MESSAGE", "PRIORITY", "MESSAGE_ID", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE",
        "CODE_FUNC",
    ]

    /// Returns whether journald accepts `name` as a field name.
    ///
    /// A valid name has 1 to 64 characters from `A`-`Z`, `0`-`9` and `_`, and starts with neither a
    /// digit nor an underscore (journald keeps names that start with `_` for fields it adds itself).
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength else {
            return false
        }
        if first == UInt8(ascii: "_") || isDigit(first) {
            return false
        }
        return bytes.allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isUpper(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
