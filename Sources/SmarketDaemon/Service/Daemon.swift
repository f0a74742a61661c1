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
    private(set) var configuration: Configuration
    private let configurationPath: String
    private let workQueue = DispatchQueue(label: "smarketd.work")
    private let signalQueue = DispatchQueue(label: "smarketd.signals")
    private var database: Database!
    private var lock: StateLock?
    private var watcher: InboxWatcher?
    private var archives: [Archive] = []
    private var pending = InboxQueue()
    private var isDraining = false
    private var refusedEntries: Set<String> = []
    private var signalSources: [DispatchSourceSignal] = []
    private var watchdogTimer: DispatchSourceTimer?
    private let stopRequested = AtomicFlag()
    let status = StatusLine()

    public init(configuration: Configuration, configurationPath: String, journal: Journal, notifier: ServiceNotifier) {
        self.configuration = configuration
        self.configurationPath = configurationPath
        self.journal = journal
        self.notifier = notifier
        self.faults = FaultInjection()
    }

    /// Opens the state, scans the inboxes, sends READY=1 and serves until SIGTERM or SIGINT.
    /// - Returns: the exit code.
    public func run() -> Int32 {
        do {
            try start()
        } catch let error as StateLock.LockHeld {
            journal.log(.errorCaught, .error, error.description, fields: ["ERROR": error.description])
            return 75
        } catch {
            journal.log(.errorCaught, .error, "smarketd cannot start: \(error)", fields: ["ERROR": "\(error)"])
            return 74
        }
        dispatchMain()
    }

    private func start() throws {
        try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        lock = try StateLock(stateDirectory: configuration.stateDirectory)
        database = try Database(path: configuration.databasePath)
        try database.prepareForWriting()
        try openInboxes()
        installSignalHandlers()
        workQueue.sync {
            scanAll()
        }
        journal.log(
            .started, .info,
            "smarketd started: watching \(configuration.inboxes.count) inboxes, state in \(configuration.stateDirectory)",
            fields: ["CONFIG_FILE": configurationPath])
        notifier.ready(status: status.render(inboxes: configuration.inboxes.count))
        startWatchdog()
        if let seconds = faults.blockLoopSeconds {
            workQueue.async { Thread.sleep(forTimeInterval: seconds) }
        }
        workQueue.async { self.drain() }
    }

    private func openInboxes() throws {
        archives = []
        for inbox in configuration.inboxes {
            try FileManager.default.createDirectory(atPath: inbox.path, withIntermediateDirectories: true)
            let archive = Archive(inboxPath: inbox.path)
            try archive.prepareFolders()
            archives.append(archive)
        }
        let watcher = try InboxWatcher(paths: configuration.inboxes.map(\.path))
        watcher.start(on: workQueue) { [weak self] hints in self?.handle(hints) }
        self.watcher = watcher
    }

    // MARK: - Work loop

    private func handle(_ hints: [InboxHint]) {
        for hint in hints {
            switch hint {
            case .overflow:
                journal.log(
                    .inboxRescan, .notice,
                    "the inotify queue overflowed and events were lost: rescanning every inbox",
                    fields: [:])
                scanAll()
            case .rescan:
                scanAll()
            case .complete(let inbox, let name):
                consider(inbox: inbox, name: name, complete: true)
            case .created(let inbox, let name):
                consider(inbox: inbox, name: name, complete: false)
            }
        }
        drain()
    }

    /// Lists every inbox and queues what it finds: the listing is the truth, events only hints.
    private func scanAll() {
        for (index, inbox) in configuration.inboxes.enumerated() {
            do {
                for entry in try InboxEntry.scan(directoryPath: inbox.path) {
                    judge(entry, inbox: index, complete: true)
                }
            } catch {
                reportError("cannot scan the inbox \(inbox.name) at \(inbox.path): \(error)", key: "scan:\(inbox.name)", fields: ["INBOX": inbox.name])
            }
        }
    }

    private func consider(inbox: Int, name: String, complete: Bool) {
        let path = configuration.inboxes[inbox].path
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        defer { close(directory) }
        if let entry = InboxEntry.classify(name: name, in: directory) {
            judge(entry, inbox: inbox, complete: complete)
        }
    }

    private func judge(_ entry: InboxEntry, inbox: Int, complete: Bool) {
        let inboxName = configuration.inboxes[inbox].name
        switch entry {
        case .ignored:
            return
        case .candidate(let name):
            // A regular file that just appeared is still being written: its close or rename brings it back.
            guard complete else { return }
            pending.enqueue(.init(inbox: inbox, name: name))
        case .hardLinked(let name, let links):
            failHardLink(name: name, links: links, inbox: inbox)
        case .refused(let name, let kind):
            let key = "\(inbox)/\(name)/\(kind)"
            guard refusedEntries.insert(key).inserted else { return }
            journal.log(
                .entryRejected, .error,
                "\(inboxName)/\(name) is \(kind), not a regular file: smarketd leaves it where it is and reads "
                    + "only regular files; move a regular copy of the file into the inbox",
                fields: ["INBOX": inboxName, "FILE_NAME": name, "ERROR": "\(kind) in inbox"])
        }
    }

    /// Takes the queued files one at a time; each file runs to its end or until a stop is requested.
    private func drain() {
        guard !isDraining else { return }
        isDraining = true
        defer { isDraining = false }
        while !stopRequested.isSet, let item = pending.dequeue() {
            process(item)
            notifier.watchdogPing()
        }
        if stopRequested.isSet { shutDown() }
    }

    private func process(_ item: InboxQueue.Item) {
        let inbox = configuration.inboxes[item.inbox]
        let archive = archives[item.inbox]
        let path = inbox.path + "/" + item.name
        let file: OpenedFile
        do {
            file = try OpenedFile(path: path, requireWriterDone: true)
        } catch {
            switch error {
            case .stillWritten:
                return  // Its IN_CLOSE_WRITE brings it back.
            case .recentlyModified:
                workQueue.asyncAfter(deadline: .now() + OpenedFile.quietPeriod) { [self] in
                    pending.enqueue(item)
                    drain()
                }
            case .hardLinked(let links):
                failHardLink(name: item.name, links: links, inbox: item.inbox)
            case .notRegular(let kind):
                judge(.refused(name: item.name, kind: kind), inbox: item.inbox, complete: true)
            case .system(let error):
                if error.code == ENOENT { return }  // Gone meanwhile: nothing to do.
                scheduleRetry(item, reason: error.description)
            }
            return
        }
        let ingestor = FileIngestor(database: database, inbox: inbox, configuration: configuration, faults: faults)
        ingestor.shouldContinue = { [self] in
            notifier.watchdogPing()
            return !stopRequested.isSet
        }
        let outcome = ingestor.ingest(file, name: item.name, archive: archive, rejectsFolder: nil)
        report(outcome, name: item.name, inbox: inbox, item: item)
    }

    private func report(_ outcome: IngestOutcome, name: String, inbox: InboxConfiguration, item: InboxQueue.Item) {
        switch outcome {
        case .processed(let summary):
            pending.succeeded(item)
            let record = summary.record
            var message =
                "\(inbox.name)/\(name): \(record.accepted) rows accepted (\(record.leadsCreated) new leads, "
                + "\(record.leadsMerged) merged), \(record.rejected) rejected"
            if let rejects = summary.rejectsName { message += "; rejected rows are in processed/\(rejects)" }
            if summary.resumedAfter > 0 { message += "; resumed after \(summary.resumedAfter) committed records" }
            journal.log(
                .fileProcessed, .info, message,
                fields: [
                    "INBOX": inbox.name, "FILE_NAME": name, "ROWS_ACCEPTED": "\(record.accepted)",
                    "ROWS_REJECTED": "\(record.rejected)", "ARCHIVED_AS": summary.archivedName ?? name,
                ])
            status.fileProcessed()
        case .duplicate(let summary):
            pending.succeeded(item)
            journal.log(
                .fileDuplicate, .notice,
                "\(inbox.name)/\(name) has the same content as \(summary.record.inbox)/\(summary.record.name), "
                    + "ingested before: nothing applied again, moved to processed/\(summary.archivedName ?? name)",
                fields: ["INBOX": inbox.name, "FILE_NAME": name, "DUPLICATE_OF": summary.record.name])
        case .failed(let failure):
            pending.succeeded(item)
            let place = failure.line.map { " at line \($0)" } ?? ""
            journal.log(
                .fileFailed, .error,
                "\(inbox.name)/\(name) failed\(place): \(failure.message); moved to failed/\(failure.archivedName ?? name)",
                fields: [
                    "INBOX": inbox.name, "FILE_NAME": name, "ERROR": failure.message,
                    "ROWS_ACCEPTED": "\(failure.recordsApplied)",
                ])
            status.lastError = "\(name): \(failure.message)"
        case .retryLater(let reason):
            scheduleRetry(item, reason: reason)
        case .stopped:
            pending.enqueue(item)
        }
    }

    private func scheduleRetry(_ item: InboxQueue.Item, reason: String) {
        let delay = pending.backOff(item)
        let inbox = configuration.inboxes[item.inbox]
        reportError(
            "\(inbox.name)/\(item.name) stays in the inbox and is tried again in \(Int(delay)) s: \(reason)",
            key: "retry:\(inbox.name)/\(item.name)", fields: ["INBOX": inbox.name, "FILE_NAME": item.name, "ERROR": reason],
            kind: .fileRetry)
        workQueue.asyncAfter(deadline: .now() + delay) { [self] in
            pending.enqueue(item)
            drain()
        }
    }

    private func failHardLink(name: String, links: Int, inbox: Int) {
        let inboxConfiguration = configuration.inboxes[inbox]
        let archive = archives[inbox]
        let message =
            "\(name) has \(links) hard links; smarketd takes only files with one link, so that no other "
            + "path changes the file while it is read: copy the file into the inbox instead of linking it"
        do {
            let archived = try archive.move(
                name, into: archive.failedPath, companions: [(".error", "\(name): \(message)\n")])
            journal.log(
                .fileFailed, .error, "\(inboxConfiguration.name)/\(message); moved to failed/\(archived)",
                fields: ["INBOX": inboxConfiguration.name, "FILE_NAME": name, "ERROR": "hard link"])
        } catch {
            reportError("cannot move the hard-linked \(name) to failed/: \(error)", key: "hardlink:\(name)", fields: ["FILE_NAME": name])
        }
    }

    func reportError(_ message: String, key: String, fields: [String: String], kind: MessageKind = .errorCaught) {
        var fields = fields
        fields["ERROR"] = fields["ERROR"] ?? message
        journal.log(kind, .error, message, fields: fields)
        status.lastError = message
    }

    // MARK: - Signals, watchdog, stop

    private func installSignalHandlers() {
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signalQueue)
            source.setEventHandler { [weak self] in self?.received(signal: number) }
            source.resume()
            signalSources.append(source)
        }
    }

    private func received(signal number: Int32) {
        if number == SIGHUP {
            workQueue.async { self.reload() }
            return
        }
        notifier.stopping()
        stopRequested.set()
        workQueue.async { self.shutDown() }
    }

    private func reload() {
        notifier.reloading()
        do {
            let (loaded, warnings) = try ConfigurationLoader.load(path: configurationPath)
            for warning in warnings {
                journal.log(.configurationError, .warning, warning.description, fields: ["CONFIG_FILE": configurationPath])
            }
            // NOTE: inbox and state folder changes need a restart; a reload applies the rules.
            configuration = loaded
            journal.log(.reloaded, .info, "configuration reloaded from \(configurationPath)", fields: ["CONFIG_FILE": configurationPath])
        } catch let errors as ConfigurationErrors {
            for diagnostic in errors.diagnostics {
                journal.log(.reloadFailed, .error, diagnostic.description, fields: ["CONFIG_FILE": configurationPath, "ERROR": diagnostic.message])
            }
            status.lastError = "reload rejected: \(errors.diagnostics.count) errors in \(configurationPath); the running configuration stays"
        } catch {
            status.lastError = "reload failed: \(error)"
        }
        notifier.ready(status: status.render(inboxes: configuration.inboxes.count))
    }

    private func startWatchdog() {
        guard let interval = notifier.watchdogPingInterval else { return }
        // The timer runs on the work queue, so a blocked loop stops the pings and systemd restarts the daemon.
        let timer = DispatchSource.makeTimerSource(queue: workQueue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.notifier.watchdogPing() }
        timer.resume()
        watchdogTimer = timer
    }

    private func shutDown() {
        journal.log(.stopping, .info, "smarketd stopping", fields: [:])
        watchdogTimer?.cancel()
        database = nil
        exit(0)
    }
}

/// A flag set from the signal queue and read between chunks on the work queue.
final class AtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
