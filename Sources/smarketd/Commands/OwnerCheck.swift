import SmarketRules

/// The check of an `--owner` filter against the configured reps.
enum OwnerCheck {
    /// Prints a warning on standard error when `owner` is not a configured rep. The query still runs,
    /// because leads and tasks keep the owner they had when a rep left the configuration.
    static func warnIfUnknown(_ owner: String?, listing items: String, in configuration: Configuration) {
        guard let owner, !configuration.reps.contains(where: { $0.id == owner }) else { return }
        let reps =
            configuration.reps.isEmpty
            ? "the configuration lists no reps"
            : "the reps are: " + configuration.reps.map(\.id).joined(separator: ", ")
        printError(
            "smarketd: warning: --owner \(owner) is not a rep in the configuration, so only \(items) of a "
                + "former rep can match; \(reps)")
    }
}
