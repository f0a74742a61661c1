import Dispatch
import Foundation
import Glibc
import SmarketIngest
import SmarketRules
import SmarketStore

/// The running service: watches the inboxes, ingests each file once on one serial work queue, and reports
/// to systemd and the journal.
/// All mutable state is touched only on `workQueue`, except `stopRequested` and `status`, which lock.
public final class Daemon: @unchecked Sendable {
    let journal: Journal
    let notifier: ServiceNotifier
    let faults: FaultInjection
    var configuration: Configuration
    let configurationPath: String
    let workQueue = DispatchQueue(label: "smarketd.work")
    let signalQueue = DispatchQueue(label: "smarketd.signals")
    var database: Database!
    var lock: StateLock?
    var watcher: InboxWatcher?
    var archives: [Archive] = []
    var pending = InboxQueue()
    var isDraining = false
    var refusedEntries: Set<String> = []
    /// The signalfd of SIGTERM, SIGINT and SIGHUP, read by the main thread.
    var signalDescriptor: Int32 = -1
    var watchdogTimer: DispatchSourceTimer?
    let stopRequested = AtomicFlag()
    let status = StatusLine()
    var timers = DeadlineQueue()
    var alarm: WallClockAlarm?
    var slaRevision: Int64 = 0
    var lastDataVersion: Int64 = 0
    var periodicSources: [DispatchSourceTimer] = []
    /// When this process started; deadline steps due before it fire marked as late.
    let startedAt = Date()
    var lastRetention = Date.distantPast
    /// Whether systemd asked this process for watchdog pings (`WATCHDOG_USEC`).
    let watchdogEnabled: Bool

    public init(configuration: Configuration, configurationPath: String, journal: Journal, notifier: ServiceNotifier) {
        self.configuration = configuration
        self.configurationPath = configurationPath
        self.journal = journal
        self.notifier = notifier
        self.faults = FaultInjection()
        self.watchdogEnabled = notifier.watchdogPingInterval != nil
    }

    /// Opens the state, scans the inboxes, sends READY=1 and serves until SIGTERM or SIGINT.
    /// - Returns: the exit code.
    public func run() -> Int32 {
        Self.blockHandledSignals()
        do {
            try start()
        } catch let error as StateLock.LockHeld {
            journal.log(.errorCaught, .error, error.description, fields: ["ERROR": error.description])
            return 75
        } catch {
            journal.log(.errorCaught, .error, "smarketd cannot start: \(error)", fields: ["ERROR": "\(error)"])
            return 74
        }
        waitForSignals()
    }

    func start() throws {
        try ConfiguredFolder.create(configuration.stateDirectory, setting: "state_dir")
        lock = try StateLock(stateDirectory: configuration.stateDirectory)
        database = try Database(path: configuration.databasePath)
        try database.prepareForWriting()
        try loadTimers()
        try openInboxes()
        try installSignalHandlers()
        // The status is rendered in the same turn of the work queue as the scan. The inbox watcher runs
        // from `openInboxes()` on, and a file that arrives meanwhile queues its whole ingestion, which a
        // later turn would have to wait for before READY=1.
        let status = workQueue.sync {
            scanAll()
            return renderStatus()
        }
        if let seconds = faults.blockBeforeReadySeconds {
            workQueue.async { Thread.sleep(forTimeInterval: seconds) }
        }
        journal.log(
            .started, .info,
            "smarketd started: watching \(counted(configuration.inboxes.count, "inbox", plural: "inboxes")), "
                + "state in \(configuration.stateDirectory)",
            fields: ["CONFIG_FILE": configurationPath, "VERSION": Daemon.version])
        notifier.ready(status: status)
        startWatchdog()
        workQueue.async { self.startPeriodicWork() }
        startStatusTimer()
        if let seconds = faults.blockLoopSeconds {
            workQueue.async { Thread.sleep(forTimeInterval: seconds) }
        }
        workQueue.async { self.drain() }
    }

    func openInboxes() throws {
        archives = []
        for inbox in configuration.inboxes {
            try ConfiguredFolder.create(inbox.path, setting: "the path of inbox \(inbox.name)")
            let archive = Archive(inboxPath: inbox.path)
            try archive.prepareFolders()
            archives.append(archive)
        }
        let watcher = try InboxWatcher(paths: configuration.inboxes.map(\.path))
        watcher.start(on: workQueue) { [weak self] hints in self?.handle(hints) }
        self.watcher = watcher
    }
}

/// A flag set from the signal queue and read between chunks on the work queue.
final class AtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
