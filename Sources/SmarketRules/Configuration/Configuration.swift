import Foundation
import SmarketIngest

/// The daemon's configuration, loaded from YAML and validated as a whole.
public struct Configuration: Sendable {
    /// The file the configuration was loaded from, for messages.
    public var sourcePath: String
    /// The folder that holds `smarketd.db` and the lock file.
    public var stateDirectory: String
    public var timeZone: TimeZone
    public var inboxes: [InboxConfiguration]
    public var limits: ReadLimits
    public var retention: RetentionSettings
    public var journal: JournalSettings
    public var reps: [RepConfiguration]
    public var teams: [TeamConfiguration]
    public var routing: RoutingConfiguration
    public var scoring: ScoringConfiguration
    public var sla: SLAConfiguration
    public var automations: [AutomationConfiguration]
    public var outboxes: [OutboxConfiguration]
    /// Nil when no metrics file is written.
    public var metrics: MetricsConfiguration?

    public init(
        sourcePath: String = "",
        stateDirectory: String,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        inboxes: [InboxConfiguration],
        limits: ReadLimits = ReadLimits(),
        retention: RetentionSettings = RetentionSettings(),
        journal: JournalSettings = JournalSettings(),
        reps: [RepConfiguration] = [],
        teams: [TeamConfiguration] = [],
        routing: RoutingConfiguration = RoutingConfiguration(),
        scoring: ScoringConfiguration = ScoringConfiguration(),
        sla: SLAConfiguration = SLAConfiguration(),
        automations: [AutomationConfiguration] = [],
        outboxes: [OutboxConfiguration] = [],
        metrics: MetricsConfiguration? = nil
    ) {
        self.sourcePath = sourcePath
        self.stateDirectory = stateDirectory
        self.timeZone = timeZone
        self.inboxes = inboxes
        self.limits = limits
        self.retention = retention
        self.journal = journal
        self.reps = reps
        self.teams = teams
        self.routing = routing
        self.scoring = scoring
        self.sla = sla
        self.automations = automations
        self.outboxes = outboxes
        self.metrics = metrics
    }

    /// The SQLite database file inside the state directory.
    public var databasePath: String { stateDirectory + "/smarketd.db" }
}

/// What an inbox folder receives.
public enum InboxKind: String, Sendable, Hashable {
    case leads
    case events
}

/// One watched inbox folder.
public struct InboxConfiguration: Sendable, Hashable {
    public var name: String
    public var path: String
    public var kind: InboxKind
    /// The source recorded for rows that carry none.
    public var source: String?
    /// A POSIX locale name such as `de_DE`: day/month order and the decimal and thousands separators.
    public var locale: String?
    /// Column headers, compared as written, to the field or custom attribute they fill.
    public var mapping: [String: ColumnTarget]

    public init(
        name: String,
        path: String,
        kind: InboxKind = .leads,
        source: String? = nil,
        locale: String? = nil,
        mapping: [String: ColumnTarget] = [:]
    ) {
        self.name = name
        self.path = path
        self.kind = kind
        self.source = source
        self.locale = locale
        self.mapping = mapping
    }
}

/// How long archived files stay in `processed/` and `failed/`, in seconds.
public struct RetentionSettings: Sendable, Hashable {
    public var processed: TimeInterval
    public var failed: TimeInterval

    public init(processed: TimeInterval = 30 * 86_400, failed: TimeInterval = 30 * 86_400) {
        self.processed = processed
        self.failed = failed
    }
}

/// What goes to the journal.
public struct JournalSettings: Sendable, Hashable {
    /// Whether emails, phones and names may appear in journal entries.
    public var personalData: Bool
    /// Above this many leads in one file, the file gets one summary entry instead of one per lead.
    public var perFileLimit: Int

    public init(personalData: Bool = false, perFileLimit: Int = 1000) {
        self.personalData = personalData
        self.perFileLimit = perFileLimit
    }
}
