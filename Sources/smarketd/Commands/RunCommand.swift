import SmarketDaemon
import SmarketRules

/// `smarketd run`: the daemon in the foreground, as the unit's ExecStart runs it.
enum RunCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        // Before the journal or the configuration can start a thread, which would inherit the signals unblocked.
        Daemon.blockHandledSignals()
        let parsed = try Arguments(arguments, valueOptions: [])
        try parsed.requireNoOperands(of: "run")
        let journal = Journal()
        let configuration: SmarketRules.Configuration
        do {
            configuration = try Command.loadConfiguration(configurationPath)
        } catch {
            Daemon.journalInvalidConfiguration(error, path: configurationPath, journal: journal)
            throw error
        }
        let daemon = Daemon(
            configuration: configuration, configurationPath: configurationPath, journal: journal,
            notifier: ServiceNotifier())
        return daemon.run()
    }
}

