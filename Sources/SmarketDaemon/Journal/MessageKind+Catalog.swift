/// The fixed `MESSAGE_ID`s of smarketd's journal entries.
///
/// Each id was made once with `systemd-id128 new` and never changes, because operators filter on it
/// (`journalctl MESSAGE_ID=...`). `systemd/smarketd.catalog` explains each one; a test checks that
/// the catalog and ``all`` list the same ids.
extension MessageKind {
    /// The daemon finished start-up and sent `READY=1`.
    public static let started = MessageKind(id: "d9ba7a789d7e437c99dff2509bdb1f7d", name: "started")
    /// The daemon received SIGTERM or SIGINT and is stopping.
    public static let stopping = MessageKind(
        id: "d0a389ef747d4a719335850a13a5fbbf", name: "stopping")
    /// A reload applied a new configuration.
    public static let reloaded = MessageKind(
        id: "674b570728de4a21b1a1697ad0030ed6", name: "reloaded")
    /// A reload found errors and kept the running configuration.
    public static let reloadFailed = MessageKind(
        id: "62c9befae69e4f75985a3aecafa062b6", name: "reloadFailed")
    /// The configuration is invalid at start-up; the daemon exits with 78.
    public static let configurationError = MessageKind(
        id: "0474bd77e8114c449bc77d13b134e72b", name: "configurationError")
    /// A file was ingested and moved to `processed/`.
    public static let fileProcessed = MessageKind(
        id: "6f3abec85eac46d6b539c34f13f43c8b", name: "fileProcessed")
    /// A file could not be read and moved to `failed/`.
    public static let fileFailed = MessageKind(
        id: "6996e0c24df2480e9dbeaefb3d64fb05", name: "fileFailed")
    /// A file's content was ingested before; it moved to `processed/` without being applied again.
    public static let fileDuplicate = MessageKind(
        id: "3b5cfc36d3ce45d0be1e7563dbf8e1b8", name: "fileDuplicate")
    /// A file hit a passing error, stays in the inbox and will be retried.
    public static let fileRetry = MessageKind(
        id: "120ea2061f88407abfaf132e5dbc1ce9", name: "fileRetry")
    /// An inbox entry that is not a regular file with one link (a symbolic link, FIFO, socket,
    /// device, subfolder or hard-linked file) was left alone or moved to `failed/`.
    public static let entryRejected = MessageKind(
        id: "13dbebcdbc014b95b1a71be0dd2f35b9", name: "entryRejected")
    /// The inotify queue overflowed, so events were lost and every inbox is scanned again.
    public static let inboxRescan = MessageKind(
        id: "d7f20db09a7e468ba49ec18c535df7d0", name: "inboxRescan")
    /// A new lead was created from a row.
    public static let leadIngested = MessageKind(
        id: "43e19614ae6847b9b492193f39e983b4", name: "leadIngested")
    /// Retention deleted archived files older than the configured age.
    public static let retention = MessageKind(
        id: "d8cafbef2d484872966151d376a4e46d", name: "retention")
    /// A lead moved to another stage (scoring thresholds, an automation, a sales event).
    public static let leadStageChanged = MessageKind(
        id: "534c558a147248988faaa411a5866a99", name: "leadStageChanged")
    /// A row was merged into an existing lead.
    public static let leadMerged = MessageKind(
        id: "2ab5a6eb4e23459fb7b1fca78adebccc", name: "leadMerged")
    /// One entry for the leads of a file with more leads than `journal.per_file_limit`.
    public static let leadsSummary = MessageKind(
        id: "76648b70b2754160ba7b2a9f264669bb", name: "leadsSummary")
    /// A lead was routed to a rep.
    public static let leadRouted = MessageKind(
        id: "4d944a4c30744094b1cde96d0331f3cb", name: "leadRouted")
    /// No rep could take a lead; it is retried later.
    public static let leadUnassigned = MessageKind(
        id: "9472765fa1d144cf9e3b36888538d07f", name: "leadUnassigned")
    /// An automation created a follow-up task.
    public static let taskCreated = MessageKind(
        id: "b8a8840753c041e8a6ae1f3945060c56", name: "taskCreated")
    /// An event was applied to a lead.
    public static let eventApplied = MessageKind(
        id: "0765cfe1c5ed4e859e8039d5adc935a9", name: "eventApplied")
    /// An event row was rejected.
    public static let eventRejected = MessageKind(
        id: "979388e2a72b4c148e94327ebf659e75", name: "eventRejected")
    /// A first-touch SLA comes due within `sla.warn_before` (priority 4).
    public static let slaWarning = MessageKind(
        id: "86545c7f10ea43eb9945e5c1d8a6c8d2", name: "slaWarning")
    /// A first-touch SLA passed without a sales touch (priority 3).
    public static let slaBreached = MessageKind(
        id: "ac083d04f98c4deaa35b9e667cd2568b", name: "slaBreached")
    /// A breached SLA reached an escalation step.
    public static let slaEscalated = MessageKind(
        id: "fe9bf54eebec415da164e7d8e0698c34", name: "slaEscalated")
    /// A sales touch met a first-touch SLA.
    public static let slaMet = MessageKind(id: "5ee7dc9e88ff44a2a35127a9c4f7b5b4", name: "slaMet")
    /// One entry for the SLA events of a catch-up after downtime that exceeded the per-file limit.
    public static let slaCatchUpSummary = MessageKind(
        id: "1e97e895c12c4d518729c4de9d8babea", name: "slaCatchUpSummary")
    /// An automation would trigger itself again and was stopped.
    public static let automationLoop = MessageKind(
        id: "f50742524ea14905a920f3e7d03d7c61", name: "automationLoop")
    /// Marketing is behind the month's MQL target.
    public static let marketingPaceBehind = MessageKind(
        id: "8e14bd1d4dbf499393dfef94db0b1b35", name: "marketingPaceBehind")
    /// A person's personal data was erased.
    public static let erasure = MessageKind(id: "6edff695cbee44ae9cc375221d265532", name: "erasure")
    /// A file contained a person who was erased before.
    public static let erasedPersonReturned = MessageKind(
        id: "6e8db237d35b45069e8a2c5cbf879e43", name: "erasedPersonReturned")
    /// An error was caught and handled without stopping the daemon.
    public static let errorCaught = MessageKind(
        id: "a95b6e0d586a4c2caf5d7887732bf267", name: "errorCaught")

    /// Every kind above, in declaration order.
    public static let all: [MessageKind] = [
        .started, .stopping, .reloaded, .reloadFailed, .configurationError, .fileProcessed,
        .fileFailed, .fileDuplicate, .fileRetry, .entryRejected, .inboxRescan, .leadIngested,
        .leadMerged, .leadStageChanged, .retention,
        .leadsSummary, .leadRouted, .leadUnassigned, .taskCreated, .eventApplied, .eventRejected,
        .slaWarning, .slaBreached, .slaEscalated, .slaMet, .slaCatchUpSummary, .automationLoop,
        .marketingPaceBehind, .erasure, .erasedPersonReturned, .errorCaught,
    ]
}
