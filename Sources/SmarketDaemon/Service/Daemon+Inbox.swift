import Foundation
import Glibc
import SmarketIngest
import SmarketRules
import SmarketStore

/// The work loop: inbox hints, scans, and one file at a time through the pipeline.
extension Daemon {
        func handle(_ hints: [InboxHint]) {
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
    func scanAll() {
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

    func consider(inbox: Int, name: String, complete: Bool) {
        let path = configuration.inboxes[inbox].path
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        defer { close(directory) }
        if let entry = InboxEntry.classify(name: name, in: directory) {
            judge(entry, inbox: inbox, complete: complete)
        }
    }

    func judge(_ entry: InboxEntry, inbox: Int, complete: Bool) {
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
    func drain() {
        guard !isDraining else { return }
        isDraining = true
        defer { isDraining = false }
        while !stopRequested.isSet, let item = pending.dequeue() {
            process(item)
            pingWatchdog()
            updateStatusIfDue()
        }
        if stopRequested.isSet { shutDown() }
    }

    func process(_ item: InboxQueue.Item) {
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
        // Between chunks of a large file, the loop serves the watchdog and the SLA timers that fell due.
        ingestor.shouldContinue = { [self] in
            pingWatchdog()
            if let next = timers.next, next.dueAt <= Date() { fireDueTimers() }
            return !stopRequested.isSet
        }
        let fileJournal = IngestJournal(
            journal: journal, inbox: inbox.name, name: item.name, limit: configuration.journal.perFileLimit)
        ingestor.onChunkCommitted = { [self] report in
            fileJournal.chunkCommitted(report.notes, omitted: report.omittedNotes)
            afterCommit()
        }
        let outcome = ingestor.ingest(file, name: item.name, archive: archive, rejectsFolder: nil)
        fileJournal.finish(outcome)
        report(outcome, name: item.name, item: item)
    }

    /// Updates the queue and the status after a file; the journal entry is already written.
    func report(_ outcome: IngestOutcome, name: String, item: InboxQueue.Item) {
        switch outcome {
        case .processed:
            pending.succeeded(item)
            status.fileProcessed()
        case .duplicate:
            pending.succeeded(item)
        case .failed(let failure):
            pending.succeeded(item)
            status.lastError = "\(name): \(failure.message)"
        case .retryLater(let reason):
            scheduleRetry(item, reason: reason)
        case .stopped:
            pending.enqueue(item)
        }
    }

    func scheduleRetry(_ item: InboxQueue.Item, reason: String) {
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

    func failHardLink(name: String, links: Int, inbox: Int) {
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
        journal.logRepeatable(key: key, kind, .error, message, fields: fields)
        status.lastError = message
    }
}
