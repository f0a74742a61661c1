import CLinux
import Dispatch
import Foundation
import Glibc
import SmarketIngest
import SmarketRules

/// Signals, reload, the watchdog and the stop.
extension Daemon {
    /// The start of the status line's last error after a rejected reload; a good reload clears it.
    static let reloadRejectedPrefix = "reload rejected"

    /// The signals the daemon handles: SIGTERM and SIGINT stop it, SIGHUP reloads the configuration.
    static let handledSignals = [SIGTERM, SIGINT, SIGHUP]

    /// Ignores and blocks the handled signals in the calling thread and in every thread it starts later.
    /// Call it on the main thread before anything starts a thread.
    ///
    /// The signals then stay pending until the main thread reads them from a signalfd. SIG_IGN only
    /// matters for a thread that unblocks them, where a stray SIGHUP would otherwise end the process.
    public static func blockHandledSignals() {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in handledSignals {
            signal(number, SIG_IGN)
            sigaddset(&blocked, number)
        }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
    }

    /// Opens the signalfd that ``waitForSignals()`` reads; call it on the main thread before READY=1, so
    /// that a SIGTERM sent right after READY=1 is pending on it.
    func installSignalHandlers() throws {
        Self.blockHandledSignals()
        let descriptor = Self.handledSignals.withUnsafeBufferPointer {
            clinux_signalfd($0.baseAddress, Int32($0.count))
        }
        guard descriptor >= 0 else { throw SystemError("signalfd", path: "SIGTERM, SIGINT, SIGHUP") }
        signalDescriptor = descriptor
    }

    /// Reads signals on the main thread for as long as the process runs, handing each to the signal queue.
    ///
    /// This replaces `dispatchMain()`, whose main thread waits in `sigsuspend` with every signal unblocked:
    /// a SIGTERM delivered there went to libdispatch's handler instead of the signalfd, and the fault test of
    /// a SIGTERM right after READY=1 lost about one signal in 20 under load.
    func waitForSignals() -> Never {
        while true {
            let number = clinux_read_signal(signalDescriptor)
            guard number > 0 else {
                journal.log(
                    .errorCaught, .error, "cannot read signals: \(SystemError("read", path: "signalfd")); stopping",
                    fields: ["ERROR": "signalfd read failed"])
                exit(74)
            }
            signalQueue.async { self.received(signal: number) }
        }
    }

    func received(signal number: Int32) {
        if number == SIGHUP {
            // NOTE: the reload waits until the file in progress is done, because the
            // configuration must not change between the chunks of one file.
            workQueue.async { self.reload() }
            return
        }
        guard !stopRequested.isSet else { return }
        notifier.stopping()
        stopRequested.set()
        let name = number == SIGINT ? "SIGINT" : "SIGTERM"
        journal.log(
            .stopping, .info,
            "smarketd stopping on \(name): the chunk in progress commits, and the rest "
                + "of its file is taken after the next start",
            fields: ["SIGNAL": name, "CONFIG_FILE": configurationPath])
        workQueue.async { self.shutDown() }
    }

    /// Loads the configuration file again and applies it, or keeps the running one when it has
    /// errors. Journals what changed, and sends `RELOADING=1` before and `READY=1` after.
    func reload() {
        notifier.reloading()
        defer {
            status.markChanged()
            notifier.ready(status: renderStatus())
        }
        let loaded: Configuration
        do {
            let result = try ConfigurationLoader.load(path: configurationPath)
            loaded = result.configuration
            for warning in result.warnings {
                journal.log(
                    .configurationError, .warning, warning.description,
                    fields: Self.configurationFields(warning))
            }
        } catch let errors as ConfigurationErrors {
            for diagnostic in errors.diagnostics {
                journal.log(.reloadFailed, .error, diagnostic.description, fields: Self.configurationFields(diagnostic))
            }
            // The entries above name each error. This one records the outcome, which they do not state.
            journal.log(
                .reloadFailed, .error,
                "\(Self.reloadRejectedPrefix): \(configurationPath) has \(counted(errors.diagnostics.count, "error")), "
                    + "so the running configuration stays; run smarketd check-config for the details",
                fields: ["CONFIG_FILE": configurationPath, "ERRORS": "\(errors.diagnostics.count)"])
            status.lastError =
                "\(Self.reloadRejectedPrefix): \(counted(errors.diagnostics.count, "error")) in \(configurationPath), "
                + "the running configuration stays; run smarketd check-config"
            return
        } catch {
            journal.log(
                .reloadFailed, .error,
                "reload rejected: cannot read \(configurationPath): \(error); the running configuration stays",
                fields: ["CONFIG_FILE": configurationPath, "ERROR": "\(error)"])
            status.lastError = "\(Self.reloadRejectedPrefix): cannot read \(configurationPath): \(error)"
            return
        }

        let diff = ConfigurationDiff(from: configuration, to: loaded)
        configuration = Self.applicable(loaded, running: configuration)
        // Reps may be back or have room now.
        workQueue.async { self.runEngine("routing unassigned leads") { try $0.retryUnassigned(at: Date()) } }
        status.clearLastError(ifPrefix: Self.reloadRejectedPrefix)
        for change in diff.changes {
            journal.log(
                .reloaded, change.needsRestart ? .warning : .info,
                "configuration change in \(change.description)",
                fields: [
                    "CONFIG_FILE": configurationPath, "CHANGE": change.kind.rawValue,
                    "NEEDS_RESTART": change.needsRestart ? "1" : "0",
                ])
        }
        let summary =
            diff.isEmpty
            ? "no changes"
            : counted(diff.changes.count, "kind of change", plural: "kinds of change")
                + (diff.needsRestart ? ", some take effect after a restart (systemctl restart smarketd)" : "")
        journal.log(
            .reloaded, .info, "configuration reloaded from \(configurationPath): \(summary)",
            fields: ["CONFIG_FILE": configurationPath, "CHANGES": "\(diff.changes.count)"])
    }

    /// Returns `loaded` with the parts that a running daemon cannot change kept from `running`:
    /// the state directory, the set of inboxes and their paths. An inbox with the same name takes its
    /// new kind, source, locale and mapping at once, even when its path changes too. It keeps watching
    /// its old folder until a restart, and added inboxes wait for a restart as well.
    static func applicable(_ loaded: Configuration, running: Configuration) -> Configuration {
        var result = loaded
        result.stateDirectory = running.stateDirectory
        result.inboxes = running.inboxes.map { inbox in
            guard var updated = loaded.inboxes.first(where: { $0.name == inbox.name }) else { return inbox }
            updated.path = inbox.path
            return updated
        }
        return result
    }

    /// Sends WATCHDOG=1 when systemd asked for it; the work loop calls this between chunks and files.
    func pingWatchdog() {
        if watchdogEnabled { notifier.watchdogPing() }
    }

    func startWatchdog() {
        guard let interval = notifier.watchdogPingInterval else { return }
        // The timer runs on the work queue, so a blocked loop stops the pings and systemd restarts the daemon.
        let timer = DispatchSource.makeTimerSource(queue: workQueue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.pingWatchdog() }
        timer.resume()
        watchdogTimer = timer
    }

    /// Closes the database and exits with 0; runs on the work queue after the chunk in progress
    /// committed.
    func shutDown() {
        watchdogTimer?.cancel()
        status.timer?.cancel()
        journal.flushRepeats()
        database = nil
        exit(0)
    }
}
