/// A token of a condition, with the 1-based column where it starts.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case string(String)
        case number(Double)
        case regex(String)
        case comparison(ComparisonOperator)
        case tilde
        case leftParenthesis
        case rightParenthesis
        case leftBracket
        case rightBracket
        case comma
        case end
    }

    var kind: Kind
    var column: Int

    /// The token as an error message shows it.
    var display: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .string(let text): "the string \"\(text)\""
        case .number(let value): "the number \(value.formatted)"
        case .regex(let pattern): "the pattern /\(pattern)/"
        case .comparison(let op): "'\(op.rawValue)'"
        case .tilde: "'~'"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .end: "the end of the condition"
        }
    }
}

/// The binary comparisons of the condition language.
public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

extension Double {
    /// The number without a trailing `.0` when it is whole.
    var formatted: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}

/// Splits a condition into tokens.
///
/// A `/` starts a regular expression only right after `~`, so that a pattern needs no
/// escaping except `\/` for a slash inside it.
struct ExpressionLexer {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    /// Returns every token, ending with `.end`.
    /// - Throws: ``ExpressionError`` at the first character that starts no token.
    mutating func tokenize() throws -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        while true {
            skipWhitespace()
            let column = index + 1
            guard index < characters.count else {
                tokens.append(ExpressionToken(kind: .end, column: column))
                return tokens
            }
            let character = characters[index]
            if tokens.last?.kind == .tilde, character == "/" {
                tokens.append(ExpressionToken(kind: .regex(try readRegex()), column: column))
                continue
            }
            let kind: ExpressionToken.Kind
            switch character {
            case "(":
                kind = .leftParenthesis
                index += 1
            case ")":
                kind = .rightParenthesis
                index += 1
            case "[":
                kind = .leftBracket
                index += 1
            case "]":
                kind = .rightBracket
                index += 1
            case ",":
                kind = .comma
                index += 1
            case "~":
                kind = .tilde
                index += 1
            case "\"": kind = .string(try readString())
            case "=", "!", "<", ">": kind = .comparison(try readOperator())
            case _ where character.isNumber || character == "-": kind = .number(try readNumber())
            case _ where character.isLetter || character == "_":
                kind = .identifier(readIdentifier())
            default:
                throw ExpressionError(
                    column: column,
                    message:
                        "unexpected character '\(character)'; expected a field, a value or an operator"
                )
            }
            tokens.append(ExpressionToken(kind: kind, column: column))
        }
    }

    private mutating func skipWhitespace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private mutating func readString() throws -> String {
        let start = index + 1
        index += 1
        var text = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "\"":
                return text
            case "\\":
                guard index < characters.count,
                    characters[index] == "\"" || characters[index] == "\\"
                else {
                    throw ExpressionError(
                        column: index,
                        message: "invalid escape in a string; only \\\" and \\\\ are allowed")
                }
                text.append(characters[index])
                index += 1
            default:
                text.append(character)
            }
        }
        throw ExpressionError(
            column: start, message: "unterminated string; expected a closing '\"'")
    }

    private mutating func readRegex() throws -> String {
        let start = index + 1
        index += 1
        var pattern = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "/" { return pattern }
            if character == "\\", index < characters.count, characters[index] == "/" {
                pattern.append("/")
                index += 1
                continue
            }
            pattern.append(character)
        }
        throw ExpressionError(
            column: start, message: "unterminated regular expression; expected a closing '/'")
    }

    private mutating func readOperator() throws -> ComparisonOperator {
        let column = index + 1
        let first = characters[index]
        index += 1
        let followedByEqual = index < characters.count && characters[index] == "="
        if followedByEqual { index += 1 }
        switch (first, followedByEqual) {
        case ("=", true): return .equal
        case ("!", true): return .notEqual
        case ("<", false): return .less
        case ("<", true): return .lessOrEqual
        case (">", false): return .greater
        case (">", true): return .greaterOrEqual
        case ("=", false):
            throw ExpressionError(
                column: column, message: "'=' is not an operator; expected '==' to compare")
        default:
            throw ExpressionError(
                column: column, message: "'!' is not an operator; expected '!=' or 'not'")
        }
    }

    private mutating func readNumber() throws -> Double {
        let column = index + 1
        var text = ""
        if characters[index] == "-" {
            text.append("-")
            index += 1
        }
        while index < characters.count, characters[index].isNumber || characters[index] == "." {
            text.append(characters[index])
            index += 1
        }
        guard let value = Double(text) else {
            throw ExpressionError(
                column: column,
                message: "invalid number '\(text)'; expected digits such as 50 or 2.5")
        }
        return value
    }

    private mutating func readIdentifier() -> String {
        var text = ""
        while index < characters.count {
            let character = characters[index]
            guard character.isLetter || character.isNumber || character == "_" || character == "."
            else { break }
            text.append(character)
            index += 1
        }
        return text
    }
}
