import Foundation
import Glibc
import SmarketIngest

/// Reads, decodes and validates the daemon's YAML configuration.
public enum ConfigurationLoader {
    static let topLevelKeys = [
        "state_dir", "timezone", "inboxes", "reps", "teams", "routing", "scoring", "sla",
        "automations", "outboxes", "limits", "journal", "retention", "metrics",
    ]

    /// Returns why `path` cannot be read, in the system's words, because Foundation's message names only
    /// an error number of its own.
    static func unreadableReason(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return String(cString: strerror(errno)) }
        if status.st_mode & S_IFMT == S_IFDIR { return "it is a folder, not a file" }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        return nil
    }

    /// Loads and validates the whole file at `path`.
    /// - Returns: the configuration and the warnings about it.
    /// - Throws: ``ConfigurationErrors`` with every error in the file, or with one error when the
    ///   file cannot be read.
    public static func load(path: String) throws -> (
        configuration: Configuration, warnings: [Diagnostic]
    ) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = unreadableReason(path) ?? (error as NSError).localizedDescription
            throw ConfigurationErrors(diagnostics: [
                Diagnostic(
                    severity: .error, file: path, line: 1, column: 1,
                    message:
                        "cannot read the configuration file: \(reason); check the path given with --config"
                )
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationErrors(diagnostics: [
                Diagnostic(
                    severity: .error, file: path, line: 1, column: 1,
                    message: "the configuration file is not valid UTF-8; save it as UTF-8")
            ])
        }
        return try load(yaml: text, path: path)
    }

    /// Loads and validates `yaml` as if read from `path`, which names the file in diagnostics and
    /// anchors relative paths.
    /// - Throws: ``ConfigurationErrors`` with every error found.
    public static func load(yaml: String, path: String) throws -> (
        configuration: Configuration, warnings: [Diagnostic]
    ) {
        let decoder = ConfigurationDecoder(file: path)
        let root: YAMLNode?
        do {
            root = try YAMLReader.parse(yaml)
        } catch let syntax as YAMLSyntaxError {
            decoder.error("invalid YAML: \(syntax.message)", at: syntax.mark)
            throw ConfigurationErrors(diagnostics: decoder.errors)
        }
        guard let root, !root.isNull else {
            decoder.error(
                "the configuration is empty; expected a mapping with state_dir, timezone and inboxes",
                at: YAMLMark(line: 1, column: 1))
            throw ConfigurationErrors(diagnostics: decoder.errors)
        }
        guard var configuration = decode(root, with: decoder) else {
            throw ConfigurationErrors(diagnostics: decoder.errors)
        }
        ConfigurationValidator(decoder: decoder).validate(&configuration)
        let errors = decoder.errors
        guard errors.isEmpty else {
            throw ConfigurationErrors(diagnostics: errors)
        }
        return (configuration, decoder.warnings)
    }

    /// Decodes every section; returns nil when a required part is missing.
    private static func decode(_ root: YAMLNode, with decoder: ConfigurationDecoder)
        -> Configuration?
    {
        guard
            let top = decoder.mapping(
                root, "the configuration (a mapping of settings)",
                known: topLevelKeys, required: ["state_dir", "timezone", "inboxes"])
        else { return nil }

        let stateDirectory = top["state_dir"].flatMap { decoder.path($0, "state_dir") }
        let timeZone = top["timezone"].flatMap { decodeTimeZone($0, decoder) }
        let inboxes = top["inboxes"].flatMap { decodeInboxes($0, decoder) }
        let limits = top["limits"].flatMap { decodeLimits($0, decoder) } ?? ReadLimits()
        let journal = top["journal"].flatMap { decodeJournal($0, decoder) } ?? JournalSettings()
        let retention =
            top["retention"].flatMap { decodeRetention($0, decoder) } ?? RetentionSettings()

        var configuration = Configuration(
            sourcePath: decoder.file,
            stateDirectory: stateDirectory ?? "",
            timeZone: timeZone ?? TimeZone(identifier: "UTC")!,
            inboxes: inboxes ?? [],
            limits: limits,
            retention: retention,
            journal: journal
        )
        decodeRules(top, into: &configuration, decoder)
        return configuration
    }

    private static func decodeTimeZone(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> TimeZone?
    {
        guard let name = decoder.string(node, "an IANA time zone such as Europe/Berlin") else {
            return nil
        }
        if let zone = TimeZone(identifier: name) { return zone }
        let hint =
            NameSuggestion.nearest(to: name, in: TimeZone.knownTimeZoneIdentifiers)
            .map { "did you mean '\($0)'? " } ?? ""
        decoder.error(
            "unknown time zone '\(name)'; \(hint)expected an IANA name such as Europe/Berlin or UTC",
            at: node.mark)
        return nil
    }

    private static func decodeLimits(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> ReadLimits?
    {
        let what = "limits"
        guard
            let map = decoder.mapping(
                node, what,
                known: ["max_file_size", "max_unpacked_size", "max_line_length", "max_columns"])
        else { return nil }

        var limits = ReadLimits()

        if let node = map["max_file_size"],
            let size = positiveSize(node, "limits.max_file_size", decoder)
        {
            limits.maxFileSize = size
        }

        if let node = map["max_unpacked_size"],
            let size = positiveSize(node, "limits.max_unpacked_size", decoder)
        {
            limits.maxUnpackedSize = size
        }

        if let node = map["max_line_length"],
            let size = positiveSize(node, "limits.max_line_length", decoder)
        {
            if size > Int64(Int32.max) {
                decoder.error(
                    "limits.max_line_length \(size) is too large; expected at most 2GiB - 1 bytes",
                    at: node.mark)
            } else {
                limits.maxLineLength = Int(size)
            }
        }

        if let node = map["max_columns"],
            let count = decoder.integer(node, "limits.max_columns (a whole number)", minimum: 1)
        {
            limits.maxColumns = count
        }
        return limits
    }

    private static func positiveSize(
        _ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder
    ) -> Int64? {
        guard let size = decoder.size(node, what) else { return nil }
        guard size > 0 else {
            decoder.error("\(what) is 0; expected a size above zero", at: node.mark)
            return nil
        }
        return size
    }

    private static func decodeJournal(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> JournalSettings?
    {
        guard
            let map = decoder.mapping(node, "journal", known: ["personal_data", "per_file_limit"])
        else { return nil }

        var journal = JournalSettings()

        if let node = map["personal_data"], let value = decoder.bool(node, "journal.personal_data")
        {
            journal.personalData = value
        }

        if let node = map["per_file_limit"],
            let value = decoder.integer(node, "journal.per_file_limit (a whole number)", minimum: 1)
        {
            journal.perFileLimit = value
        }
        return journal
    }

    private static func decodeRetention(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> RetentionSettings?
    {
        guard let map = decoder.mapping(node, "retention", known: ["processed", "failed"]) else {
            return nil
        }

        var retention = RetentionSettings()

        if let node = map["processed"], let value = decoder.duration(node, "retention.processed") {
            retention.processed = value.elapsedSeconds
        }

        if let node = map["failed"], let value = decoder.duration(node, "retention.failed") {
            retention.failed = value.elapsedSeconds
        }
        return retention
    }
}
