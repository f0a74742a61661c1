import SmarketIngest

/// Journals the ingestion of one file: the engine's entries of each committed chunk, up to
/// `journal.per_file_limit` with one summary for the rest (journald drops entries above its rate limit),
/// and the file's outcome. The daemon and `smarketd import` both use it, so an import journals the same
/// entries as a file dropped into the inbox.
public final class IngestJournal {
    private let journal: Journal
    private let inbox: String
    private let name: String
    private let limit: Int
    private var logged = 0
    private var summarized = 0

    public init(journal: Journal, inbox: String, name: String, limit: Int) {
        self.journal = journal
        self.inbox = inbox
        self.name = name
        self.limit = limit
    }

    /// Journals the engine's entries of one committed chunk, while the file's limit leaves room, and
    /// counts `omitted` entries that the engine left out past that limit for the summary.
    public func chunkCommitted(_ notes: [EngineNote], omitted: Int = 0) {
        let room = max(0, limit - logged)
        for note in notes.prefix(room) {
            journal.log(note.kind, note.priority, note.message, fields: note.fields)
        }
        logged += min(room, notes.count)
        summarized += max(0, notes.count - room) + omitted
    }

    /// Journals the summary of the entries left out, then the file's outcome. A passing failure or a stop
    /// journals nothing here: the caller retries the file.
    public func finish(_ outcome: IngestOutcome) {
        if summarized > 0 {
            journal.log(
                .leadsSummary, .notice,
                "\(inbox)/\(name): \(counted(summarized, "more lead entry", plural: "more lead entries")) \(summarized == 1 ? "was" : "were") summarized; the file's entry counts them all",
                fields: ["INBOX": inbox, "FILE_NAME": name, "ENTRIES_SUMMARIZED": "\(summarized)"])
        }
        switch outcome {
        case .processed(let summary):
            let record = summary.record
            var message =
                "\(inbox)/\(name): \(counted(record.accepted, "row")) accepted "
                + "(\(counted(record.leadsCreated, "new lead")), \(record.leadsMerged) merged), \(record.rejected) rejected"
            if let rejects = summary.rejectsName { message += "; rejected rows are in processed/\(rejects)" }
            if summary.resumedAfter > 0 { message += "; resumed after \(counted(summary.resumedAfter, "committed record"))" }
            var fields = [
                "INBOX": inbox, "FILE_NAME": name, "ROWS_ACCEPTED": "\(record.accepted)",
                "ROWS_REJECTED": "\(record.rejected)",
            ]
            fields["ARCHIVED_AS"] = summary.archivedName
            journal.log(.fileProcessed, .info, message, fields: fields)
        case .duplicate(let summary):
            var place = summary.archivedName.map { "moved to processed/\($0)" } ?? "left where it is"
            if summary.erasedRecordsRemoved > 0 {
                place =
                    "\(counted(summary.erasedRecordsRemoved, "record")) of erased persons removed from it, "
                    + (summary.archivedName.map { "then moved to processed/\($0)" } ?? "which left nothing, so it was deleted")
            }
            journal.log(
                .fileDuplicate, .notice,
                "\(inbox)/\(name) has the same content as \(summary.record.inbox)/\(summary.record.name), "
                    + "ingested before: nothing applied again, \(place)",
                fields: ["INBOX": inbox, "FILE_NAME": name, "DUPLICATE_OF": summary.record.name])
        case .failed(let failure):
            let line = failure.line.map { " at line \($0)" } ?? ""
            // The reader's message may be several sentences, so the move gets a sentence of its own.
            let message = failure.message.hasSuffix(".") ? failure.message : failure.message + "."
            let place = failure.archivedName.map { "The file was moved to failed/\($0)." } ?? "The file was left where it is."
            journal.log(
                .fileFailed, .error,
                "\(inbox)/\(name) failed\(line): \(message) \(place)",
                fields: [
                    "INBOX": inbox, "FILE_NAME": name, "ERROR": failure.message,
                    "ROWS_ACCEPTED": "\(failure.recordsApplied)",
                ])
        case .retryLater, .stopped:
            break
        }
    }
}
