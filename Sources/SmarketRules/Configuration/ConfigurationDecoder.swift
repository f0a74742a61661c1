import Foundation

/// The keys of one YAML mapping after duplicate and unknown keys have been reported.
struct DecodedMapping {
    /// The position of the mapping's first character, for "missing key" errors.
    var mark: YAMLMark
    /// The first value of each known key.
    var values: [String: YAMLNode]

    subscript(key: String) -> YAMLNode? {
        guard let node = values[key], !node.isNull else { return nil }
        return node
    }
}

/// The positions of the rep and team definitions in the file.
struct DefinitionMarks {
    var reps: [String: YAMLMark] = [:]
    var teams: [String: YAMLMark] = [:]
    var outboxes: [String: YAMLMark] = [:]
    /// The position of `sla.warn_before`, or of `sla.first_touch` when the file sets only that.
    var slaTiming: YAMLMark?
}

/// A name used in one place that must be defined in another, checked once everything is read.
struct PendingReference {
    enum Kind {
        case rep
        case team
        case outbox
        case repOrTeam
    }

    var kind: Kind
    var name: String
    var mark: YAMLMark
    /// The place that uses the name, as error messages name it: "the manager of rep 'alice'".
    var usage: String
}

/// Collects diagnostics while turning ``YAMLNode`` values into typed values.
///
/// Every reader reports what it expected at the node's position and returns nil, so that
/// decoding continues and one pass finds every error in the file.
final class ConfigurationDecoder {
    let file: String
    /// The absolute folder that relative paths in the file resolve against.
    let baseDirectory: URL
    private(set) var diagnostics: [Diagnostic] = []
    var references: [PendingReference] = []
    /// The position of each rep and team definition, for warnings about them.
    var marks = DefinitionMarks()

    init(file: String) {
        self.file = file
        baseDirectory = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent()
    }

    var errors: [Diagnostic] { sorted(diagnostics.filter { $0.severity == .error }) }
    var warnings: [Diagnostic] { sorted(diagnostics.filter { $0.severity == .warning }) }

    private func sorted(_ list: [Diagnostic]) -> [Diagnostic] {
        list.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (
                b.element.line, b.element.column, b.offset
            )
        }.map(\.element)
    }

    func error(_ message: String, at mark: YAMLMark) {
        diagnostics.append(
            Diagnostic(
                severity: .error, file: file, line: mark.line, column: mark.column, message: message
            ))
    }

    func warning(_ message: String, at mark: YAMLMark) {
        diagnostics.append(
            Diagnostic(
                severity: .warning, file: file, line: mark.line, column: mark.column,
                message: message))
    }

    // MARK: Structure

    /// Reads a mapping, reporting duplicate keys, unknown keys (with the nearest known key) and
    /// missing required keys.
    /// - Parameter what: the thing the mapping describes, as in "expected an inbox, found a list".
    func mapping(_ node: YAMLNode, _ what: String, known: [String], required: [String] = [])
        -> DecodedMapping?
    {
        guard case .mapping(let pairs, let mark) = node else {
            error("expected \(what), found \(node.kindDescription)", at: node.mark)
            return nil
        }
        var values: [String: YAMLNode] = [:]
        var firstLine: [String: Int] = [:]
        for (keyNode, value) in pairs {
            guard case .scalar(let key, _, let keyMark) = keyNode else {
                error(
                    "expected a key name in \(what), found \(keyNode.kindDescription)",
                    at: keyNode.mark)
                continue
            }
            if let line = firstLine[key] {
                error(
                    "duplicate key '\(key)' in \(what), first given on line \(line); remove one of them",
                    at: keyMark)
                continue
            }
            firstLine[key] = keyMark.line
            guard known.contains(key) else {
                let hint =
                    NameSuggestion.nearest(to: key, in: known).map { "did you mean '\($0)'? " }
                    ?? ""
                error(
                    "unknown key '\(key)' in \(what); \(hint)expected one of: \(known.joined(separator: ", "))",
                    at: keyMark)
                continue
            }
            values[key] = value
        }
        let decoded = DecodedMapping(mark: mark, values: values)
        for key in required where decoded[key] == nil {
            if let present = values[key] {
                error("empty value for '\(key)' in \(what); expected a value", at: present.mark)
            } else {
                error("missing key '\(key)' in \(what)", at: mark)
            }
        }
        return decoded
    }

    /// Reads a list; a null value is an empty list.
    func list(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if node.isNull { return [] }
        guard case .sequence(let items, _) = node else {
            error("expected \(what), found \(node.kindDescription)", at: node.mark)
            return nil
        }
        return items
    }

    /// Reads a scalar as text, whatever its style.
    func string(_ node: YAMLNode, _ what: String) -> String? {
        guard case .scalar(let text, _, _) = node, !node.isNull else {
            error("expected \(what), found \(node.kindDescription)", at: node.mark)
            return nil
        }
        return text
    }

    /// Reads a name used as an id: letters, digits, `_`, `-` and `.`.
    func identifier(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)
        }
        guard !text.isEmpty, allowed else {
            error(
                "invalid \(what) '\(text)'; use letters, digits, '_', '-' and '.' only",
                at: node.mark)
            return nil
        }
        return text
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if case .scalar(let text, .plain, _) = node, let value = Bool(yamlPlain: text) {
            return value
        }
        error("expected \(what) (true or false), found \(node.kindDescription)", at: node.mark)
        return nil
    }

    /// Reads a plain number.
    func number(_ node: YAMLNode, _ what: String) -> Double? {
        if case .scalar(let text, .plain, _) = node, let value = Double(text), value.isFinite {
            return value
        }
        error("expected \(what), found \(describe(node))", at: node.mark)
        return nil
    }

    /// Reads a whole number of at least `minimum`.
    func integer(_ node: YAMLNode, _ what: String, minimum: Int = 0) -> Int? {
        guard case .scalar(let text, .plain, _) = node, let value = Int(text) else {
            error("expected \(what), found \(describe(node))", at: node.mark)
            return nil
        }
        guard value >= minimum else {
            error(
                "invalid \(what) \(value); expected a whole number of at least \(minimum)",
                at: node.mark)
            return nil
        }
        return value
    }

    /// Returns the node's kind, with the text of a scalar so that the reader sees the value.
    func describe(_ node: YAMLNode) -> String {
        if case .scalar(let text, _, _) = node, !node.isNull {
            return "\(node.kindDescription) '\(text)'"
        }
        return node.kindDescription
    }

    // MARK: Values with units

    /// Reads `90s`, `30m`, `4h` or `2d`, keeping days as days.
    func duration(_ node: YAMLNode, _ what: String) -> SLADuration? {
        guard let text = string(node, what) else { return nil }
        guard let duration = ConfigurationUnits.duration(text) else {
            error(
                "invalid duration '\(text)' for \(what); expected a whole number with s, m, h or d, such as 90s, 30m, 4h or 2d",
                at: node.mark)
            return nil
        }
        return duration
    }

    /// Reads `512KiB`, `1MiB`, `1GiB` or a plain number of bytes.
    func size(_ node: YAMLNode, _ what: String) -> Int64? {
        guard let text = string(node, what) else { return nil }
        guard let size = ConfigurationUnits.size(text) else {
            error(
                "invalid size '\(text)' for \(what); expected bytes or a whole number with KiB, MiB or GiB, such as 512KiB or 1GiB",
                at: node.mark)
            return nil
        }
        return size
    }

    /// Reads a folder or file path; a relative path resolves against the configuration file's folder.
    func path(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        guard !text.isEmpty, !text.contains("\0") else {
            error("invalid path for \(what); expected a folder path", at: node.mark)
            return nil
        }
        let url =
            text.hasPrefix("/")
            ? URL(fileURLWithPath: text)
            : baseDirectory.appendingPathComponent(text)
        var resolved = url.standardizedFileURL.path
        while resolved.count > 1, resolved.hasSuffix("/") { resolved.removeLast() }
        return resolved
    }

    /// Reads `YYYY-MM-DD`.
    func date(_ text: String, at mark: YAMLMark, _ what: String) -> CalendarDate? {
        guard let date = CalendarDate(iso: text) else {
            error(
                "invalid date '\(text)' in \(what); expected a calendar date as YYYY-MM-DD, such as 2026-12-24",
                at: mark)
            return nil
        }
        return date
    }

    /// Parses a condition, placing a syntax error at its column inside the YAML scalar.
    func expression(_ node: YAMLNode, _ what: String) -> Expression? {
        guard let text = string(node, what) else { return nil }
        do {
            return try Expression(parsing: text)
        } catch let problem as ExpressionError {
            error(
                "invalid condition in \(what): \(problem.message)",
                at: Self.mark(of: problem.column, in: text, node: node))
            return nil
        } catch {
            self.error("invalid condition in \(what): \(error)", at: node.mark)
            return nil
        }
    }

    /// Maps a 1-based column inside a scalar's text to its place in the file.
    ///
    /// The result is exact for plain and single-quoted scalars on one line, where `''` is one quote.
    /// Double-quoted scalars count `\"` and `\\` as two characters but no other escape.
    /// For block scalars and scalars over several lines it returns the scalar's start.
    static func mark(of column: Int, in text: String, node: YAMLNode) -> YAMLMark {
        guard case .scalar(_, let style, let start) = node, !text.contains("\n") else {
            return node.mark
        }
        let prefix = text.prefix(max(0, column - 1))
        switch style {
        case .plain:
            return YAMLMark(line: start.line, column: start.column + column - 1)
        case .singleQuoted:
            let doubled = prefix.filter { $0 == "'" }.count
            return YAMLMark(line: start.line, column: start.column + column + doubled)
        case .doubleQuoted:
            let escaped = prefix.filter { $0 == "\"" || $0 == "\\" }.count
            return YAMLMark(line: start.line, column: start.column + column + escaped)
        case .block:
            return start
        }
    }

    // MARK: References

    func reference(_ kind: PendingReference.Kind, _ name: String, at mark: YAMLMark, usage: String)
    {
        references.append(PendingReference(kind: kind, name: name, mark: mark, usage: usage))
    }
}
