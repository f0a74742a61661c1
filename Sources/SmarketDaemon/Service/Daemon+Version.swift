extension Daemon {
    /// The version of smarketd, journaled at start-up in the `VERSION` field.
    // TODO: the command line prints its own copy (`Command.version`); make it print this one.
    public static let version = "0.1.0"
}
