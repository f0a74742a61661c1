import Foundation
import SmarketIngest

/// The names a condition may read: lead fields, `custom.NAME`, `score` and `stage`.
enum ExpressionField: Sendable, Hashable {
    case lead(LeadField)
    case custom(String)
    case score
    case stage

    /// The key of the field in ``ExpressionContext/fields``.
    var key: String {
        switch self {
        case .lead(let field): field.rawValue
        case .custom(let name): "custom." + name
        case .score: "score"
        case .stage: "stage"
        }
    }
}

/// A regular expression compiled once when its condition is parsed.
struct CompiledPattern: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe to share between threads.
    let source: String
    let regex: NSRegularExpression
}

/// A value written in a condition or read from a lead.
enum ExpressionOperand: Sendable {
    case field(ExpressionField)
    case string(String)
    case number(Double)
}

/// The syntax tree of a condition.
indirect enum ExpressionNode: Sendable {
    case and(ExpressionNode, ExpressionNode)
    case or(ExpressionNode, ExpressionNode)
    case not(ExpressionNode)
    case has(ExpressionField)
    case compare(ExpressionOperand, ComparisonOperator, ExpressionOperand)
    case member(ExpressionOperand, [ExpressionOperand])
    case matches(ExpressionOperand, CompiledPattern)
}

/// A recursive-descent parser for conditions.
///
/// Grammar, loosest binding first:
///
///     condition  = or
///     or         = and { "or" and }
///     and        = unary { "and" unary }
///     unary      = "not" unary | primary
///     primary    = "(" condition ")" | "has" field | operand test
///     test       = comparison operand | "in" "[" [ operand { "," operand } ] "]" | "~" /pattern/
///     operand    = field | "string" | number
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var position = 0

    init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    /// Parses the whole token list.
    /// - Throws: ``ExpressionError`` at the first token that does not fit the grammar.
    mutating func parseCondition() throws -> ExpressionNode {
        let node = try parseOr()
        guard case .end = current.kind else {
            throw unexpected(expected: "'and', 'or' or the end of the condition")
        }
        return node
    }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .identifier(let name) = current.kind { return name == word }
        return false
    }

    private func unexpected(expected: String) -> ExpressionError {
        ExpressionError(
            column: current.column, message: "expected \(expected), found \(current.display)")
    }

    private mutating func parseOr() throws -> ExpressionNode {
        var node = try parseAnd()
        while isKeyword("or") {
            advance()
            node = .or(node, try parseAnd())
        }
        return node
    }

    private mutating func parseAnd() throws -> ExpressionNode {
        var node = try parseUnary()
        while isKeyword("and") {
            advance()
            node = .and(node, try parseUnary())
        }
        return node
    }

    private mutating func parseUnary() throws -> ExpressionNode {
        if isKeyword("not") {
            advance()
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> ExpressionNode {
        if current.kind == .leftParenthesis {
            advance()
            let node = try parseOr()
            guard current.kind == .rightParenthesis else { throw unexpected(expected: "')'") }
            advance()
            return node
        }
        if isKeyword("has") {
            advance()
            guard case .identifier = current.kind, case .field(let field) = try parseOperand()
            else {
                throw unexpected(expected: "a field name after 'has'")
            }
            return .has(field)
        }
        let left = try parseOperand()
        return try parseTest(after: left)
    }

    private mutating func parseTest(after left: ExpressionOperand) throws -> ExpressionNode {
        switch current.kind {
        case .comparison(let op):
            advance()
            return .compare(left, op, try parseOperand())
        case .tilde:
            advance()
            guard case .regex(let pattern) = current.kind else {
                throw unexpected(expected: "a regular expression such as /^acme/ after '~'")
            }
            let column = current.column
            do {
                let regex = try NSRegularExpression(pattern: pattern)
                advance()
                return .matches(left, CompiledPattern(source: pattern, regex: regex))
            } catch {
                throw ExpressionError(
                    column: column,
                    message: "invalid regular expression /\(pattern)/; expected ICU syntax")
            }
        case .identifier("in"):
            advance()
            return .member(left, try parseList())
        default:
            throw unexpected(expected: "a comparison (==, !=, <, <=, >, >=, in, ~)")
        }
    }

    private mutating func parseList() throws -> [ExpressionOperand] {
        guard current.kind == .leftBracket else {
            throw unexpected(expected: "'[' to start a list after 'in'")
        }
        advance()
        var items: [ExpressionOperand] = []
        if current.kind == .rightBracket {
            advance()
            return items
        }
        while true {
            items.append(try parseOperand())
            if current.kind == .comma {
                advance()
                continue
            }
            guard current.kind == .rightBracket else {
                throw unexpected(expected: "',' or ']' in the list")
            }
            advance()
            return items
        }
    }

    private mutating func parseOperand() throws -> ExpressionOperand {
        let token = current
        switch token.kind {
        case .string(let text):
            advance()
            return .string(text)
        case .number(let value):
            advance()
            return .number(value)
        case .identifier(let name) where !["and", "or", "not", "in", "has"].contains(name):
            let field = try Self.field(named: name, column: token.column)
            advance()
            return .field(field)
        default:
            throw unexpected(expected: "a field, a string in double quotes or a number")
        }
    }

    /// Resolves a field name such as `country`, `custom.budget`, `score` or `stage`.
    static func field(named name: String, column: Int) throws -> ExpressionField {
        if name == "score" { return .score }
        if name == "stage" { return .stage }
        if name.hasPrefix("custom.") {
            let custom = String(name.dropFirst("custom.".count))
            guard !custom.isEmpty, !custom.contains(".") else {
                throw ExpressionError(
                    column: column, message: "invalid custom field '\(name)'; expected custom.NAME")
            }
            return .custom(custom.lowercased())
        }
        if let field = LeadField(rawValue: name) { return .lead(field) }
        let known = LeadField.allCases.map(\.rawValue) + ["score", "stage"]
        let hint =
            NameSuggestion.nearest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
        throw ExpressionError(
            column: column,
            message:
                "unknown field '\(name)'; \(hint)expected a lead field, custom.NAME, score or stage"
        )
    }
}
