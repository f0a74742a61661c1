import SmarketDaemon

/// `smarketd run`: the daemon in the foreground, as the unit's ExecStart runs it.
enum RunCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: [])
        guard parsed.operands.isEmpty else {
            throw UsageError(description: "run takes no operands, found \(parsed.operands.joined(separator: " "))")
        }
        let journal = Journal()
        let configuration: SmarketRules.Configuration
        do {
            configuration = try Command.loadConfiguration(configurationPath)
        } catch {
            journal.log(.configurationError, .error, "smarketd cannot start: the configuration \(configurationPath) is invalid", fields: ["CONFIG_FILE": configurationPath])
            throw error
        }
        let daemon = Daemon(
            configuration: configuration, configurationPath: configurationPath, journal: journal,
            notifier: ServiceNotifier())
        return daemon.run()
    }
}

import SmarketRules
