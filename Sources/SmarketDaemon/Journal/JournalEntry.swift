/// One journal entry with validated fields, in the two forms that ``Journal`` writes.
struct JournalEntry {
    var kind: MessageKind
    var priority: Priority
    var message: String
    /// Fields with valid names, sorted by name.
    var fields: [(name: String, value: String)]
    var file: String
    var line: UInt
    var function: String

    /// Returns the `KEY=value` strings of a native entry, with line breaks in values kept.
    func nativeFields(identifier: String) -> [String] {
        var result = [
            "MESSAGE=\(message)",
            "PRIORITY=\(priority.rawValue)",
            "MESSAGE_ID=\(kind.id)",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(file)",
            "CODE_LINE=\(line)",
            "CODE_FUNC=\(function)",
        ]
        for field in fields {
            result.append("\(field.name)=\(field.value)")
        }
        return result
    }

    /// Formats the entry as one line for standard error: `<N>MESSAGE MESSAGE_ID=... KEY=value ...`.
    ///
    /// Backslashes, line feeds and carriage returns in the message and values are written as `\\`,
    /// `\n` and `\r`, so every entry is exactly one line.
    func standardErrorLine() -> String {
        var text = "<\(priority.rawValue)>\(Self.escape(message)) MESSAGE_ID=\(kind.id)"
        for field in fields {
            text += " \(field.name)=\(Self.escape(field.value))"
        }
        return text
    }

    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
