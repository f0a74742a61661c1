enum ForgetCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 { 0 }
}
