import Foundation

/// Exit codes from sysexits.h.
enum ExitCode {
    static let success: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let ioError: Int32 = 74
    static let temporaryFailure: Int32 = 75
    static let configurationError: Int32 = 78
}

/// A command-line mistake: printed with the usage hint, exit 64.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// Input that names something that does not exist or cannot be read, such as an unknown lead or rep:
/// printed without the usage hint, exit 65.
struct InputDataError: Error, CustomStringConvertible {
    var description: String
}

/// The options and operands after the subcommand; options take one value (`--format json` or
/// `--format=json`), once. A `--help` or `-h` in the place of an option throws `HelpRequest`.
struct Arguments {
    private(set) var options: [String: String] = [:]
    private(set) var operands: [String] = []

    init(_ words: [String], valueOptions: Set<String>, flags: Set<String> = []) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--help" || word == "-h" { throw HelpRequest() }
            guard word.hasPrefix("--"), word.count > 2 else {
                operands.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flags.contains(name) {
                options[name] = "true"
                continue
            }
            guard valueOptions.contains(name) else {
                throw UsageError(description: "unknown option --\(name)")
            }
            if value == nil {
                guard index < words.count else { throw UsageError(description: "--\(name) needs a value") }
                value = words[index]
                index += 1
            }
            // Taking the last of two values would quietly drop the other, so a repeat is a mistake.
            if let earlier = options[name], earlier != value {
                throw UsageError(description: "--\(name) is given twice (\(earlier) and \(value!)): give it once")
            }
            options[name] = value
        }
    }

    subscript(name: String) -> String? { options[name] }

    /// Rejects operands, for a command that takes only options.
    func requireNoOperands(of command: String) throws {
        guard operands.isEmpty else {
            throw UsageError(description: "\(command) takes no operands, found \(operands.joined(separator: " "))")
        }
    }

    /// The `--format` option, checked against the formats a command offers.
    func format(allowed: [String] = ["table", "json", "csv"]) throws -> String {
        let format = options["format"] ?? "table"
        guard allowed.contains(format) else {
            throw UsageError(description: "--format \(format) is not one of \(allowed.joined(separator: ", "))")
        }
        return format
    }
}
