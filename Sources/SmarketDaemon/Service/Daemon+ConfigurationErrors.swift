import SmarketRules

extension Daemon {
    /// Journals why a configuration could not be loaded at start-up: one `configurationError`
    /// entry per diagnostic, with `CONFIG_FILE`, `CONFIG_LINE`, `CONFIG_COLUMN` and `ERROR`, so
    /// that `journalctl -u smarketd` shows every error before the daemon exits with 78.
    /// - Parameters:
    ///   - error: What the loader threw: ``ConfigurationErrors`` or a read error.
    ///   - path: The configuration file.
    public static func journalInvalidConfiguration(_ error: Error, path: String, journal: Journal) {
        guard let errors = error as? ConfigurationErrors else {
            journal.log(
                .configurationError, .error,
                "smarketd cannot start: cannot read the configuration \(path): \(error); "
                    + "pass --config FILE or set SMARKETD_CONFIG",
                fields: ["CONFIG_FILE": path, "ERROR": "\(error)"])
            return
        }
        for diagnostic in errors.diagnostics {
            journal.log(
                .configurationError, .error, "smarketd cannot start: \(diagnostic.description)",
                fields: configurationFields(diagnostic))
        }
    }

    /// Returns the journal fields of one configuration diagnostic.
    static func configurationFields(_ diagnostic: Diagnostic) -> [String: String] {
        [
            "CONFIG_FILE": diagnostic.file, "CONFIG_LINE": "\(diagnostic.line)",
            "CONFIG_COLUMN": "\(diagnostic.column)", "ERROR": diagnostic.message,
        ]
    }
}
