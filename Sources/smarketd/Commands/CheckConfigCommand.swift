import SmarketRules

/// `smarketd check-config`: validates the whole file, prints a summary and the warnings, exits 0 or 78.
enum CheckConfigCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: [])
        try parsed.requireNoOperands(of: "check-config")
        let configuration = try Command.loadConfiguration(configurationPath)
        print("\(configurationPath): OK")
        print(ConfigurationSummary(configuration).text)
        return ExitCode.success
    }
}
