import CYAML

/// A position in a YAML document, 1-based as editors show it.
struct YAMLMark: Sendable, Hashable {
    var line: Int
    var column: Int

    /// Converts a libyaml mark, which counts lines and columns from 0.
    init(_ mark: yaml_mark_t) {
        line = Int(mark.line) + 1
        column = Int(mark.column) + 1
    }

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Locates a byte offset in UTF-8 text, counting LF, CR and CRLF as one line break and each
    /// Unicode scalar as one column, as libyaml's marks do.
    init(offset: Int, in bytes: [UInt8]) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                if byte == 0x0D, index + 1 < end, bytes[index + 1] == 0x0A { index += 1 }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the scalar their lead byte started.
                column += 1
            }
            index += 1
        }
        self.init(line: line, column: column)
    }
}

/// How a scalar was written, which decides whether `null`, `true` or `12` are typed values.
enum YAMLScalarStyle: Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case block
}

/// A node of a parsed YAML document with the position where it starts.
indirect enum YAMLNode: Sendable {
    case scalar(String, YAMLScalarStyle, YAMLMark)
    /// Key/value pairs in file order; duplicates are kept so that the decoder can report them.
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(_, _, let mark), .mapping(_, let mark), .sequence(_, let mark): mark
        }
    }

    /// Whether the node is a plain `null`, `~` or empty scalar.
    var isNull: Bool {
        guard case .scalar(let text, .plain, _) = self else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The node's kind as an error message names it: "a string", "a list", "a mapping".
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, let style, _):
            if isNull { return "an empty value" }
            if style != .plain { return "a string" }
            if Bool(yamlPlain: text) != nil { return "a boolean" }
            if Double(text) != nil { return "a number" }
            return "a string"
        }
    }
}

extension Bool {
    /// Reads the YAML 1.2 core schema spellings of a boolean.
    init?(yamlPlain text: String) {
        switch text {
        case "true", "True", "TRUE": self = true
        case "false", "False", "FALSE": self = false
        default: return nil
        }
    }
}

/// A syntax error reported by libyaml.
struct YAMLSyntaxError: Error {
    var mark: YAMLMark
    var message: String
}

/// Builds a ``YAMLNode`` tree from text with libyaml's event parser.
enum YAMLReader {
    /// Parses the first document of `text`; returns nil for a file without any document.
    /// - Throws: ``YAMLSyntaxError`` at the position libyaml names.
    static func parse(_ text: String) throws -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLSyntaxError(
                mark: YAMLMark(line: 1, column: 1), message: "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }

        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw syntaxError(of: parser, in: bytes)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return builder.root }
                if event.type == YAML_DOCUMENT_START_EVENT, builder.root != nil {
                    throw YAMLSyntaxError(
                        mark: YAMLMark(event.start_mark),
                        message:
                            "a second document starts here; the configuration is one document, "
                            + "so remove this '---' line and what follows or move it to its own file"
                    )
                }
                try builder.consume(event)
            }
        }
    }

    /// Reports the error at libyaml's problem mark, naming the context mark's line only where it
    /// differs, such as "did not find expected ',' or '}' while parsing a flow mapping that starts at line 34".
    private static func syntaxError(of parser: yaml_parser_t, in bytes: [UInt8]) -> YAMLSyntaxError {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        // libyaml 0.2.5's reader sets no problem mark for a bad character, only its byte offset and value.
        if parser.error == YAML_READER_ERROR {
            let value = String(UInt32(bitPattern: parser.problem_value), radix: 16, uppercase: true)
            message += " (U+\(String(repeating: "0", count: max(0, 4 - value.count)) + value))"
            return YAMLSyntaxError(mark: YAMLMark(offset: parser.problem_offset, in: bytes), message: message)
        }
        let mark = YAMLMark(parser.problem_mark)
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " \(context)"
            let contextLine = YAMLMark(parser.context_mark).line
            if contextLine != mark.line {
                message += " that starts at line \(contextLine)"
            }
        }
        return YAMLSyntaxError(mark: mark, message: message)
    }
}

/// Assembles nodes from parser events, resolving anchors and aliases.
private struct TreeBuilder {
    private enum Frame {
        case sequence([YAMLNode], YAMLMark, anchor: String?)
        case mapping(
            [(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?, YAMLMark, anchor: String?)
    }

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private(set) var root: YAMLNode?

    mutating func consume(_ event: yaml_event_t) throws {
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text =
                scalar.value.map {
                    String(
                        decoding: UnsafeBufferPointer(start: $0, count: scalar.length),
                        as: UTF8.self)
                } ?? ""
            let style: YAMLScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
            default: style = .plain
            }
            let node = YAMLNode.scalar(text, style, mark)
            remember(node, anchor: scalar.anchor)
            add(node)
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence([], mark, anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            stack.append(
                .mapping(
                    [], pendingKey: nil, mark, anchor: Self.string(event.data.mapping_start.anchor))
            )
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let node: YAMLNode
            let anchor: String?
            switch frame {
            case .sequence(let items, let start, let name):
                node = .sequence(items, start)
                anchor = name
            case .mapping(let pairs, _, let start, let name):
                node = .mapping(pairs, start)
                anchor = name
            }
            if let anchor { anchors[anchor] = node }
            add(node)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                throw YAMLSyntaxError(
                    mark: mark,
                    message:
                        "unknown alias '*\(name)'; define the anchor '&\(name)' before using it")
            }
            add(node)
        default:
            break
        }
    }

    private mutating func remember(_ node: YAMLNode, anchor: UnsafeMutablePointer<yaml_char_t>?) {
        if let name = Self.string(anchor) { anchors[name] = node }
    }

    private mutating func add(_ node: YAMLNode) {
        guard let frame = stack.popLast() else {
            root = node
            return
        }
        switch frame {
        case .sequence(var items, let mark, let anchor):
            items.append(node)
            stack.append(.sequence(items, mark, anchor: anchor))
        case .mapping(var pairs, let pendingKey, let mark, let anchor):
            if let key = pendingKey {
                pairs.append((key: key, value: node))
                stack.append(.mapping(pairs, pendingKey: nil, mark, anchor: anchor))
            } else {
                stack.append(.mapping(pairs, pendingKey: node, mark, anchor: anchor))
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
