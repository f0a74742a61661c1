import SmarketStore

/// The outcome of one file handed to the pipeline.
public enum IngestOutcome: Sendable {
    /// Every record was applied or rejected; the file is in `processed/` (unless it was imported).
    case processed(IngestSummary)
    /// The same content was ingested before; nothing was applied again.
    case duplicate(IngestSummary)
    /// The file could not be read to its end and moved to `failed/`.
    case failed(IngestFailure)
    /// A passing failure (database busy, disk full): the file stays where it is and is tried again later.
    case retryLater(reason: String)
    /// A stop was requested between two chunks; the rest is taken after the restart.
    case stopped
}

/// The counts and names of a file that was ingested, or recognized as ingested before.
public struct IngestSummary: Sendable {
    public var record: FileRecord
    /// The name the file got in `processed/`, or nil when it stayed in place (`import`).
    public var archivedName: String?
    /// The rejects file written into `processed/`, when rows were rejected.
    public var rejectsName: String?
    /// Records that an earlier, interrupted run had already committed.
    public var resumedAfter: Int
    /// Records of erased persons removed from a duplicate before it was archived.
    public var erasedRecordsRemoved = 0
}

/// The reason a file failed, and the records of it applied before the failure.
public struct IngestFailure: Sendable {
    public var message: String
    public var line: Int?
    /// Records committed before the failure; their leads stay.
    public var recordsApplied: Int
    public var archivedName: String?
}

/// The leads that one committed chunk created or changed, for the journal.
public struct ChunkReport: Sendable {
    public var fileID: Int64
    public var changes: [LeadChange]
    /// Journal entries of the engine's work on this chunk, up to the file's `journal.per_file_limit`.
    public var notes: [EngineNote]
    /// Entries of this chunk past that limit, counted without being built.
    public var omittedNotes: Int
    /// Records of the file committed so far, this chunk included.
    public var recordsDone: Int
    /// Bytes of the file read so far and its size, for a progress bar.
    public var bytesRead: Int64
    public var fileSize: Int64
}
