import Foundation
import SmarketDaemon
import SmarketIngest
import SmarketRules

/// Dispatches the subcommand and turns errors into messages and exit codes.
enum Command {
    static let version = Daemon.version

    static let usage =
        "usage: smarketd [--config FILE] COMMAND [OPTIONS]\n\ncommands:\n"
        + CommandUsage.all.map(\.entry).joined(separator: "\n")
        + """


        --config FILE  the configuration (default: $SMARKETD_CONFIG, else /etc/smarketd/smarketd.yaml)
        --help, --version
        """

    static func main(arguments: [String]) -> Int32 {
        var words = arguments
        var configurationPath = ProcessInfo.processInfo.environment["SMARKETD_CONFIG"] ?? "/etc/smarketd/smarketd.yaml"
        let configOptions = words.filter { $0 == "--config" || $0.hasPrefix("--config=") }
        if configOptions.count > 1 {
            return fail(UsageError(description: "--config is given \(configOptions.count) times: give it once"))
        }
        if let index = words.firstIndex(where: { $0 == "--config" || $0.hasPrefix("--config=") }) {
            if words[index] == "--config" {
                guard index + 1 < words.count else { return fail(UsageError(description: "--config needs a file")) }
                configurationPath = words[index + 1]
                words.removeSubrange(index...(index + 1))
            } else {
                configurationPath = String(words[index].dropFirst("--config=".count))
                words.remove(at: index)
            }
        }
        guard let name = words.first else {
            printError(usage)
            return ExitCode.usage
        }
        let rest = Array(words.dropFirst())
        do {
            switch name {
            case "--help", "-h", "help":
                print(usage)
                return ExitCode.success
            case "--version":
                print("smarketd \(version)")
                return ExitCode.success
            case "run": return try RunCommand.run(configurationPath: configurationPath, arguments: rest)
            case "check-config": return try CheckConfigCommand.run(configurationPath: configurationPath, arguments: rest)
            case "import": return try ImportCommand.run(configurationPath: configurationPath, arguments: rest)
            case "leads": return try LeadsCommand.run(configurationPath: configurationPath, arguments: rest)
            case "tasks": return try TasksCommand.run(configurationPath: configurationPath, arguments: rest)
            case "event": return try EventCommand.run(configurationPath: configurationPath, arguments: rest)
            case "lead": return try LeadCommand.run(configurationPath: configurationPath, arguments: rest)
            case "report": return try ReportCommand.run(configurationPath: configurationPath, arguments: rest)
            case "forget": return try ForgetCommand.run(configurationPath: configurationPath, arguments: rest)
            default:
                throw UsageError(description: "unknown command \(name)")
            }
        } catch is HelpRequest {
            // Only the known commands parse their arguments, so the name has a usage.
            print(CommandUsage.named(name)?.help ?? usage)
            return ExitCode.success
        } catch {
            return fail(error, command: CommandUsage.named(name)?.name)
        }
    }

    /// Prints the error and returns its exit code. A usage error points at the help of `command`, the
    /// known command that failed, or at the overall help.
    static func fail(_ error: Error, command: String? = nil) -> Int32 {
        switch error {
        case let error as UsageError:
            let hint = command.map { "Run `smarketd \($0) --help` for its options." }
                ?? "Run `smarketd --help` for the commands."
            printError("smarketd: \(error.description)\n\(hint)")
            return ExitCode.usage
        case let error as InputDataError:
            printError("smarketd: \(error.description)")
            return ExitCode.dataError
        case let errors as ConfigurationErrors:
            for diagnostic in errors.diagnostics { printError(diagnostic.description) }
            let pronoun = errors.diagnostics.count == 1 ? "it" : "them"
            printError(
                "smarketd: the configuration has \(counted(errors.diagnostics.count, "error")); fix \(pronoun) and try again")
            return ExitCode.configurationError
        case let error as MissingConfiguration:
            printError("smarketd: \(error.path): the configuration file does not exist; pass --config FILE or set SMARKETD_CONFIG")
            return ExitCode.configurationError
        default:
            printError("smarketd: \(error)")
            return ExitCode.ioError
        }
    }

    /// Loads the configuration, printing its warnings.
    static func loadConfiguration(_ path: String) throws -> Configuration {
        guard FileManager.default.fileExists(atPath: path) else {
            throw MissingConfiguration(path: path)
        }
        let (configuration, warnings) = try ConfigurationLoader.load(path: path)
        for warning in warnings { printError(warning.description) }
        return configuration
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The configuration file named on the command line or by default is not there.
struct MissingConfiguration: Error, CustomStringConvertible {
    var path: String

    var description: String { "the file does not exist" }
}
