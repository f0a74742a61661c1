import Dispatch
import Foundation
import Glibc
import SmarketRules

/// Signals, reload, the watchdog and the stop.
extension Daemon {
        func installSignalHandlers() {
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signalQueue)
            source.setEventHandler { [weak self] in self?.received(signal: number) }
            source.resume()
            signalSources.append(source)
        }
    }

    func received(signal number: Int32) {
        if number == SIGHUP {
            workQueue.async { self.reload() }
            return
        }
        notifier.stopping()
        stopRequested.set()
        workQueue.async { self.shutDown() }
    }

    func reload() {
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

    func startWatchdog() {
        guard let interval = notifier.watchdogPingInterval else { return }
        // The timer runs on the work queue, so a blocked loop stops the pings and systemd restarts the daemon.
        let timer = DispatchSource.makeTimerSource(queue: workQueue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.notifier.watchdogPing() }
        timer.resume()
        watchdogTimer = timer
    }

    func shutDown() {
        journal.log(.stopping, .info, "smarketd stopping", fields: [:])
        watchdogTimer?.cancel()
        database = nil
        exit(0)
    }
}
