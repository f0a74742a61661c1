import Foundation
import SmarketIngest

/// A syntax error in a condition, located by the 1-based column inside the condition text.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

/// The lead data that a condition is evaluated against.
public struct ExpressionContext: Sendable {
    /// Field values keyed by lead field name (`country`) or `custom.NAME` (NAME in lower case).
    public var fields: [String: String]
    public var score: Double
    /// The lead's stage in smarketd: lead, mql, sql, won, lost or disqualified.
    public var stage: String

    public init(fields: [String: String], score: Double, stage: String) {
        self.fields = fields
        self.score = score
        self.stage = stage
    }
}

/// A parsed condition of the rule language, such as `country in ["DE", "AT"] and score >= 50`.
///
/// Semantics:
/// - Every comparison works on numbers when both sides read as numbers, so `employees == 50`
///   matches `"50.0"` and `employees < 100` matches `"99"`. Otherwise it compares text, ignoring case.
/// - A field that is missing or blank is absent. Every test on it is false except `!=`, which is
///   true, so `country == ""` is false for a lead without a country. Test presence with `has`.
/// - `~` is true when the pattern matches anywhere in the value. The pattern is ICU syntax and is
///   case-sensitive unless it says `(?i)`.
/// - `stage` is the lead's smarketd stage from the context, not the imported `stage` column.
public struct Expression: Sendable, CustomStringConvertible {
    public let source: String
    let root: ExpressionNode

    /// Parses `source`.
    /// - Throws: ``ExpressionError`` with the column inside `source` and what was expected there.
    public init(parsing source: String) throws {
        var lexer = ExpressionLexer(source)
        var parser = ExpressionParser(tokens: try lexer.tokenize())
        self.source = source
        self.root = try parser.parseCondition()
    }

    public var description: String { source }

    /// Returns whether the condition holds for `context`.
    public func evaluate(_ context: ExpressionContext) -> Bool {
        Self.evaluate(root, in: context)
    }

    private static func evaluate(_ node: ExpressionNode, in context: ExpressionContext) -> Bool {
        switch node {
        case .and(let left, let right):
            return evaluate(left, in: context) && evaluate(right, in: context)
        case .or(let left, let right):
            return evaluate(left, in: context) || evaluate(right, in: context)
        case .not(let inner):
            return !evaluate(inner, in: context)
        case .has(let field):
            return value(of: .field(field), in: context) != nil
        case .compare(let left, let op, let right):
            guard let lhs = value(of: left, in: context), let rhs = value(of: right, in: context)
            else {
                return op == .notEqual
            }
            return compare(lhs, op, rhs)
        case .member(let left, let items):
            guard let lhs = value(of: left, in: context) else { return false }
            return items.contains { item in
                value(of: item, in: context).map { compare(lhs, .equal, $0) } ?? false
            }
        case .matches(let left, let pattern):
            guard let text = value(of: left, in: context) else { return false }
            let range = NSRange(text.startIndex..., in: text)
            return pattern.regex.firstMatch(in: text, range: range) != nil
        }
    }

    /// Returns the operand's text, or nil when it is an absent field.
    private static func value(of operand: ExpressionOperand, in context: ExpressionContext)
        -> String?
    {
        switch operand {
        case .string(let text):
            return text
        case .number(let number):
            return number.formatted
        case .field(.score):
            return context.score.formatted
        case .field(.stage):
            return context.stage.isEmpty ? nil : context.stage
        case .field(let field):
            guard let text = context.fields[field.key],
                !text.trimmed.isEmpty
            else { return nil }
            return text
        }
    }

    private static func compare(_ lhs: String, _ op: ComparisonOperator, _ rhs: String) -> Bool {
        let order: ComparisonResult
        if let left = number(lhs), let right = number(rhs) {
            order =
                left < right
                ? .orderedAscending : (left > right ? .orderedDescending : .orderedSame)
        } else {
            order = caseInsensitiveOrder(lhs.trimmed, rhs.trimmed)
        }
        switch op {
        case .equal: return order == .orderedSame
        case .notEqual: return order != .orderedSame
        case .less: return order == .orderedAscending
        case .lessOrEqual: return order != .orderedDescending
        case .greater: return order == .orderedDescending
        case .greaterOrEqual: return order != .orderedAscending
        }
    }

    /// Foundation's case-insensitive order, with a byte comparison for ASCII text: conditions compare
    /// countries, sources and stages on every lead, and Foundation's compare bridges through `NSString`.
    private static func caseInsensitiveOrder(_ lhs: String, _ rhs: String) -> ComparisonResult {
        guard lhs.utf8.allSatisfy({ $0 < 0x80 }), rhs.utf8.allSatisfy({ $0 < 0x80 }) else {
            return lhs.compare(rhs, options: [.caseInsensitive])
        }
        let left = lhs.lowercased()
        let right = rhs.lowercased()
        return left == right ? .orderedSame : (left < right ? .orderedAscending : .orderedDescending)
    }

    private static func number(_ text: String) -> Double? {
        let trimmed = text.trimmed
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
