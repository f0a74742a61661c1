import SmarketIngest

/// A task title with `{field}` placeholders and optional `[...]` parts, parsed once when the
/// configuration loads instead of for every task.
///
/// A placeholder takes the lead's value of the field, or nothing. A part in brackets that has
/// placeholders stays only when each of them has a value, and one without placeholders stays as written,
/// brackets included, so `Call {first_name}[ at {company}]` gives `Call Anna` for a lead without a
/// company. A `{` or `[` without its closing mark is plain text. The filled title is trimmed.
public struct TitleTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case text(String)
        case field(String)
    }

    enum Part: Sendable, Hashable {
        case always([Piece])
        /// A part in brackets, dropped when one of its fields is empty.
        case whenFilled([Piece])
    }

    /// The title as configured.
    public let source: String
    let parts: [Part]

    public init(_ source: String) {
        self.source = source
        var parts: [Part] = []
        var rest = source[...]
        // The searches run on UTF-8 bytes: a search by Character breaks the text into graphemes first.
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "[")),
            let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: "]"))
        {
            parts.append(.always(Self.pieces(of: rest[..<open])))
            let inner = rest[rest.utf8.index(after: open)..<close]
            let pieces = Self.pieces(of: inner)
            let hasField = pieces.contains { if case .field = $0 { true } else { false } }
            parts.append(hasField ? .whenFilled(pieces) : .always([.text("[" + inner + "]")]))
            rest = rest[rest.utf8.index(after: close)...]
        }
        parts.append(.always(Self.pieces(of: rest)))
        self.parts = parts
    }

    /// Splits text into literal text and `{field}` placeholders, with the field names trimmed.
    private static func pieces(of text: Substring) -> [Piece] {
        var pieces: [Piece] = []
        var rest = text
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")),
            let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: "}"))
        {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.field(String(rest[rest.utf8.index(after: open)..<close]).trimmed))
            rest = rest[rest.utf8.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// The field names of the placeholders, in order of appearance.
    public var fieldNames: [String] {
        parts.flatMap { part -> [Piece] in
            switch part {
            case .always(let pieces), .whenFilled(let pieces): pieces
            }
        }.compactMap { piece in
            if case .field(let name) = piece { name } else { nil }
        }
    }

    /// Returns the title with each placeholder replaced by `fields[name]`, or by nothing.
    public func fill(_ fields: [String: String]) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .always(let pieces):
                Self.append(pieces, from: fields, to: &result)
            case .whenFilled(let pieces):
                let complete = pieces.allSatisfy { piece in
                    guard case .field(let name) = piece else { return true }
                    return !(fields[name] ?? "").trimmed.isEmpty
                }
                if complete { Self.append(pieces, from: fields, to: &result) }
            }
        }
        return result.trimmed
    }

    private static func append(_ pieces: [Piece], from fields: [String: String], to result: inout String) {
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .field(let name): result += fields[name] ?? ""
            }
        }
    }
}
