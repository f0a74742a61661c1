import Foundation
import Glibc
import SmarketIngest
import SmarketRules
import SmarketStore

/// Ingests one open file exactly once: chunks of records commit together with the file's digest and
/// progress, so a restart resumes after the last committed chunk and the same content is never applied twice.
public final class FileIngestor {
    /// Records per transaction: large enough to amortize the fsync of each commit, small enough that
    /// timers, signals and the watchdog are served often during a large file.
    public static let defaultChunkRows = 1_000
    /// Records read before the columns are decided, for the shape detection of email and phone columns.
    static let sampleSize = 100

    let database: Database
    let inbox: InboxConfiguration
    let configuration: Configuration
    let faults: FaultInjection
    let ledger: FileLedger
    let leads: LeadStore
    /// Scores, routes and automates what the rows change, inside the same transactions.
    public let engine: LeadEngine
    var chunkRows: Int { faults.chunkRows ?? Self.defaultChunkRows }
    private var chunksCommitted = 0

    /// Called after each chunk commits, with the leads it created or changed.
    public var onChunkCommitted: ((ChunkReport) -> Void)?
    /// Called between chunks; returning false stops after the chunk just committed.
    public var shouldContinue: () -> Bool = { true }

    public init(database: Database, inbox: InboxConfiguration, configuration: Configuration, faults: FaultInjection) {
        self.database = database
        self.inbox = inbox
        self.configuration = configuration
        self.faults = faults
        self.ledger = FileLedger(database: database)
        self.leads = LeadStore(database: database)
        self.engine = LeadEngine(configuration: configuration, database: database)
    }

    /// Ingests `file`, then moves it into `archive`'s folders when one is given (the daemon), or leaves it
    /// in place (`import`), writing rejects into `rejectsFolder`.
    public func ingest(_ file: OpenedFile, name: String, archive: Archive?, rejectsFolder: String?) -> IngestOutcome {
        let identity: FileIdentity
        do {
            identity = try FileIdentity(descriptor: file.descriptor, fileName: name, limits: configuration.limits)
        } catch {
            return .retryLater(reason: "cannot read \(name) to compute its digest: \(error)")
        }
        do {
            let earlier = try identity.earlierRecord(in: ledger)
            // A record found under the compressed bytes' digest keeps that digest, so progress and a failure
            // stay on one record.
            let digest = earlier?.digest ?? identity.digest
            if let earlier, earlier.state == .done {
                return try finishDuplicate(earlier, file: file, name: name, archive: archive, rejectsFolder: rejectsFolder)
            }
            return try read(file, name: name, digest: digest, earlier: earlier, archive: archive, rejectsFolder: rejectsFolder)
        } catch let error as StoreError {
            return .retryLater(reason: "database error while ingesting \(name): \(error.message)")
        } catch let error as SystemError where error.isTransient {
            return .retryLater(reason: error.description)
        } catch {
            return .retryLater(reason: "\(name): \(error)")
        }
    }

    private func read(
        _ file: OpenedFile, name: String, digest: String, earlier: FileRecord?, archive: Archive?,
        rejectsFolder: String?
    ) throws -> IngestOutcome {
        let feed: FeedFile
        do {
            feed = try FeedFile.open(descriptor: file.descriptor, fileName: name, limits: configuration.limits)
        } catch {
            return try fail(error, name: name, digest: digest, size: file.size, record: earlier, archive: archive)
        }
        let format = feed.format.rawValue
        var records = RecordCursor(feed: feed)
        var applier: RowApplier
        do {
            applier = try prepareApplier(&records, header: feed.header, skipping: earlier?.recordsDone ?? 0)
        } catch let error as FeedError {
            return try fail(error, name: name, digest: digest, size: file.size, record: earlier, archive: archive)
        }
        var record = earlier
        var recordsDone = earlier?.recordsDone ?? 0
        var notesTaken = 0
        defer { engine.noteLimit = .max }
        while true {
            engine.noteLimit = max(0, configuration.journal.perFileLimit - notesTaken)
            let (chunk, failure) = records.nextChunk(of: chunkRows)
            if let failure {
                return try fail(failure, name: name, digest: digest, size: file.size, record: record, archive: archive)
            }
            let isLast = chunk.count < chunkRows
            let now = Date()
            let fileRecord =
                try record
                ?? database.transaction {
                    try ledger.begin(digest: digest, inbox: inbox.name, name: name, size: file.size, format: format, at: now)
                }
            record = fileRecord
            let changes: [LeadChange]
            do {
                changes = try database.transaction {
                    try commit(chunk, fileID: fileRecord.id, isLast: isLast, applier: &applier, at: now)
                }
            } catch {
                _ = engine.takeNotes()
                throw error
            }
            chunksCommitted += 1
            if faults.crashAfterChunk == chunksCommitted { faults.crash() }
            recordsDone += chunk.count
            let omitted = engine.omittedNotes
            let notes = engine.takeNotes()
            notesTaken += notes.count
            onChunkCommitted?(
                ChunkReport(
                    fileID: fileRecord.id, changes: changes, notes: notes, omittedNotes: omitted,
                    recordsDone: recordsDone, bytesRead: records.feed.bytesRead, fileSize: file.size))
            if isLast { break }
            if !shouldContinue() { return .stopped }
        }
        if faults.crashBeforeMove { faults.crash() }
        let finished = try ledger.record(id: record!.id) ?? record!
        let summary = try archiveDone(
            finished, name: name, archive: archive, rejectsFolder: rejectsFolder, resumedAfter: earlier?.recordsDone ?? 0)
        return .processed(summary)
    }

    /// Reads the sample, decides the columns, and skips the records an earlier run committed.
    private func prepareApplier(_ records: inout RecordCursor, header: [String]?, skipping count: Int) throws -> RowApplier {
        let sample = try records.prefetch(Self.sampleSize)
        let names = header ?? Self.keys(of: sample)
        var mapper = HeaderMapper(overrides: inbox.mapping)
        mapper.learn(names: names, sample: sample)
        let applier = try makeApplier(mapper: mapper, names: names)
        try records.skip(count)
        return applier
    }

    /// Applies one chunk and records its progress; runs inside the chunk's transaction.
    private func commit(_ chunk: [RawRecord], fileID: Int64, isLast: Bool, applier: inout RowApplier, at now: Date) throws
        -> [LeadChange]
    {
        var changes: [LeadChange] = []
        var progress = ChunkProgress()
        for raw in chunk {
            progress.records += 1
            switch try applier.apply(raw, origin: RowOrigin(fileID: fileID, line: raw.line), at: now) {
            case .rejected(let reason):
                progress.rejected += 1
                let fields = raw.fields.map { (name: $0.name, value: $0.value) }
                try ledger.addReject(RejectedRow(line: raw.line, reason: reason, fields: fields), fileID: fileID)
            case .applied(let change):
                progress.accepted += 1
                guard let change else { continue }
                changes.append(change)
                if case .created = change { progress.leadsCreated += 1 } else { progress.leadsMerged += 1 }
            }
        }
        try ledger.add(progress, to: fileID)
        if isLast { try ledger.finish(fileID, state: .done, at: now) }
        return changes
    }

    /// Builds the applier for this inbox's kind, after checking that the file can identify anybody.
    private func makeApplier(mapper: HeaderMapper, names: [String]) throws -> RowApplier {
        switch inbox.kind {
        case .leads:
            guard mapper.hasContactColumn else {
                let shown = names.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
                throw FeedError(
                    .noContactColumn, line: 1,
                    "no column maps to email or phone (columns: \(shown)): rename a column, or map one in the "
                        + "inbox's `mapping` setting, for example {\"Your column\": email}")
            }
            try checkNotEvents(names: names, mapper: mapper)
            let normalizer = LeadNormalizer(defaultSource: inbox.source, locale: inbox.locale, timeZone: configuration.timeZone)
            return LeadRowApplier(normalizer: normalizer, mapper: mapper, leads: leads, engine: engine)
        case .events:
            return EventRowApplier(
                normalizer: EventNormalizer(locale: inbox.locale, timeZone: configuration.timeZone), engine: engine)
        }
    }

    /// Rejects an events export dropped into a leads inbox: its `type` and `at` columns would become custom
    /// attributes of the leads, and the touches in it would count for no deadline. A `mapping` entry for
    /// either column marks them as the leads' own.
    private func checkNotEvents(names: [String], mapper: HeaderMapper) throws {
        var mapper = mapper
        let eventColumns = names.filter { name in
            let key = name.trimmed.lowercased()
            return (key == "type" || key == "at") && inbox.mapping[name] == nil
        }
        guard Set(eventColumns.map { $0.trimmed.lowercased() }).count == 2,
            eventColumns.allSatisfy({ if case .custom = mapper.target(for: $0) { true } else { false } })
        else { return }
        let eventsInbox = configuration.inboxes.first { $0.kind == .events }
        let destination = eventsInbox.map { "the events inbox \($0.name) (\($0.path))" } ?? "an inbox of kind events"
        throw FeedError(
            .eventsInLeadsInbox, line: 1,
            "the columns type and at make this an events file, which a leads inbox cannot apply: move it into "
                + destination + ", or map the columns in this inbox's `mapping` setting if they are lead data")
    }

    private func finishDuplicate(
        _ earlier: FileRecord, file: OpenedFile, name: String, archive: Archive?, rejectsFolder: String?
    ) throws -> IngestOutcome {
        // A crash between the last commit and the move leaves the same file under the same name: finish it
        // as if nothing happened. Any other match is the same content dropped again.
        let isInterruptedMove = archive != nil && earlier.archivedAs == nil && earlier.name == name && earlier.inbox == inbox.name
        if isInterruptedMove {
            return .processed(
                try archiveDone(
                    earlier, name: name, archive: archive, rejectsFolder: rejectsFolder, resumedAfter: earlier.recordsDone,
                    isResumingMove: true))
        }
        var summary = IngestSummary(record: earlier, archivedName: nil, rejectsName: nil, resumedAfter: earlier.recordsDone)
        if let archive {
            let erasure = try removeErasedPersons(from: file, name: name, archive: archive)
            summary.erasedRecordsRemoved = erasure.removed
            if erasure.deletedFile { return .duplicate(summary) }
            summary.archivedName = try archive.move(name, into: archive.processedPath)
        }
        return .duplicate(summary)
    }

    /// Removes the records of persons that `forget` erased from a copy of a file ingested before, so that
    /// archiving the copy does not bring their data back to disk. The file is rewritten in place before it
    /// moves, or deleted when nothing else is in it.
    ///
    /// NOTE: the copy is read into memory whole, as `forget` reads archived files; this happens only for
    /// duplicates once somebody was erased.
    private func removeErasedPersons(from file: OpenedFile, name: String, archive: Archive) throws
        -> (removed: Int, deletedFile: Bool)
    {
        guard let erased = try ErasedPersons(database: database) else { return (0, false) }
        var matcher = PersonMatcher()
        matcher.erased = erased
        let path = archive.inboxPath + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { return (0, false) }
        let outcome: FeedRewriter.Outcome
        do {
            outcome = try FeedRewriter(matcher: matcher, limits: configuration.limits)
                .rewrite(descriptor: file.descriptor, fileName: name, bytes: Array(data))
        } catch {
            // The same content was read to its end when it was ingested, so this is rare. The original in
            // processed/ went through `forget` itself.
            return (0, false)
        }
        switch outcome {
        case .unchanged:
            return (0, false)
        case .rewritten(let bytes, let removed):
            try AtomicFile.write(bytes, to: path)
            return (removed, false)
        case .delete:
            try AtomicFile.remove(path)
            return (1, true)
        }
    }

    /// Writes the rejects file and moves the file to `processed/`. When a crash interrupted an earlier move,
    /// a rejects file already written for it is kept instead of written twice.
    private func archiveDone(
        _ record: FileRecord, name: String, archive: Archive?, rejectsFolder: String?, resumedAfter: Int,
        isResumingMove: Bool = false
    ) throws -> IngestSummary {
        var summary = IngestSummary(record: record, archivedName: nil, rejectsName: nil, resumedAfter: resumedAfter)
        let rejectsSuffix = ".rejects.csv"
        var rejectsText: String?
        if record.rejected > 0 {
            rejectsText = RejectsFile.render(try ledger.rejects(fileID: record.id))
        }
        guard let archive else {
            // An import leaves the file in place and writes the rejects into the inbox's `processed/`.
            if let rejectsText, let folder = rejectsFolder {
                summary.rejectsName = try Archive(inboxPath: folder).writeText(
                    rejectsText, named: name + rejectsSuffix, into: folder)
            }
            return summary
        }
        var companions: [(suffix: String, contents: String)] = []
        let earlierRejects = archive.processedPath + "/" + name + rejectsSuffix
        if let rejectsText, !(isResumingMove && access(earlierRejects, F_OK) == 0) {
            companions.append((rejectsSuffix, rejectsText))
        }
        let archived = try archive.move(name, into: archive.processedPath, companions: companions)
        summary.archivedName = archived
        if rejectsText != nil { summary.rejectsName = archived + rejectsSuffix }
        try ledger.markArchived(record.id, as: archived)
        return summary
    }

    private func fail(
        _ error: FeedError, name: String, digest: String, size: Int64, record: FileRecord?, archive: Archive?
    ) throws -> IngestOutcome {
        let now = Date()
        // The caller's copy of the record dates from the file's start, so the ledger has the committed count.
        let current = try record.flatMap { try ledger.record(id: $0.id) } ?? record
        let applied = current?.recordsDone ?? 0
        try database.transaction {
            let fileID =
                try record?.id
                ?? ledger.begin(digest: digest, inbox: inbox.name, name: name, size: size, format: "unknown", at: now).id
            try ledger.finish(fileID, state: .failed, error: error.description, at: now)
        }
        var failure = IngestFailure(message: error.message, line: error.line, recordsApplied: applied, archivedName: nil)
        if let archive {
            var text = "\(name): \(error.description)\n"
            if applied > 0 {
                text +=
                    (applied == 1
                        ? "The first record was ingested before the error and stays applied; fix the file "
                            + "and drop it again, and that record merges without changes.\n"
                        : "The first \(applied) records were ingested before the error and stay applied; fix the file "
                            + "and drop it again, and those records merge without changes.\n")
            } else {
                text += "Nothing from this file was ingested. Fix the file and drop it into the inbox again.\n"
            }
            let archived = try archive.move(name, into: archive.failedPath, companions: [(".error", text)])
            failure.archivedName = archived
            if let fileID = try ledger.record(digest: digest)?.id { try ledger.markArchived(fileID, as: archived) }
        }
        return .failed(failure)
    }

    static func keys(of records: [RawRecord]) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for record in records {
            for field in record.fields where seen.insert(field.name).inserted { names.append(field.name) }
        }
        return names
    }
}
