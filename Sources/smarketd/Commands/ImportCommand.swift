import Foundation
import Glibc
import SmarketDaemon
import SmarketIngest
import SmarketRules
import SmarketStore

/// `smarketd import --inbox NAME FILE...`: the daemon's pipeline, run once on files named on the command
/// line. The files stay where they are; rejected rows go to the inbox's `processed/` folder.
enum ImportCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["inbox"])
        guard let inboxName = parsed["inbox"] else { throw UsageError(description: "import needs --inbox NAME") }
        guard !parsed.operands.isEmpty else { throw UsageError(description: "import needs at least one FILE") }
        let configuration = try Command.loadConfiguration(configurationPath)
        guard let inbox = configuration.inboxes.first(where: { $0.name == inboxName }) else {
            let names = configuration.inboxes.map(\.name).joined(separator: ", ")
            throw UsageError(description: "no inbox named \(inboxName) in \(configurationPath); the inboxes are: \(names)")
        }
        try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        try DatabaseOwner.adopt(stateDirectory: configuration.stateDirectory)
        let database = try Database(path: configuration.databasePath)
        try database.prepareForWriting()
        let archive = Archive(inboxPath: inbox.path)
        try FileManager.default.createDirectory(atPath: inbox.path, withIntermediateDirectories: true)
        try archive.prepareFolders()

        let journal = Journal()
        var exitCode = ExitCode.success
        for path in parsed.operands {
            let code = importFile(
                path, inbox: inbox, configuration: configuration, database: database, archive: archive, journal: journal)
            if exitCode == ExitCode.success { exitCode = code }
        }
        // A running daemon would write these too; the import does it so that they do not wait for one.
        try OutboxWriter(outboxes: configuration.outboxes, database: database).flush(at: Date())
        return exitCode
    }

    private static func importFile(
        _ path: String, inbox: InboxConfiguration, configuration: Configuration, database: Database, archive: Archive,
        journal: Journal
    ) -> Int32 {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let name = URL(fileURLWithPath: resolved).lastPathComponent
        let file: OpenedFile
        do {
            file = try OpenedFile(path: resolved, requireWriterDone: false)
        } catch {
            switch error {
            case .system(let error) where error.code == ENOENT:
                printError("smarketd: \(path) does not exist")
                return ExitCode.noInput
            case .hardLinked(let links):
                printError("smarketd: \(path) has \(links) hard links; copy it to a file of its own and import the copy")
                return ExitCode.dataError
            case .notRegular(let kind):
                printError("smarketd: \(path) is \(kind), not a regular file")
                return ExitCode.dataError
            case .system(let error):
                printError("smarketd: cannot open \(path): \(error)")
                return ExitCode.ioError
            case .stillWritten, .recentlyModified:
                printError("smarketd: \(path) is still open for writing; import it once its writer is done")
                return ExitCode.temporaryFailure
            }
        }
        let ingestor = FileIngestor(database: database, inbox: inbox, configuration: configuration, faults: FaultInjection())
        let progress = ProgressBar(label: name)
        let fileJournal = IngestJournal(
            journal: journal, inbox: inbox.name, name: name, limit: configuration.journal.perFileLimit)
        ingestor.onChunkCommitted = { report in
            fileJournal.chunkCommitted(report.notes, omitted: report.omittedNotes)
            progress.update(records: report.recordsDone, bytesRead: report.bytesRead, totalBytes: report.fileSize)
        }
        let outcome = ingestor.ingest(file, name: name, archive: nil, rejectsFolder: archive.processedPath)
        progress.finish()
        fileJournal.finish(outcome)
        switch outcome {
        case .processed(let summary):
            let record = summary.record
            var line =
                "\(path): \(counted(record.accepted, "row")) accepted "
                + "(\(counted(record.leadsCreated, "new lead")), \(record.leadsMerged) merged), "
                + "\(record.rejected) rejected"
            if let rejects = summary.rejectsName { line += "; rejected rows are in \(archive.processedPath)/\(rejects)" }
            print(line)
            return ExitCode.success
        case .duplicate(let summary):
            print("\(path): the same content was ingested before as \(summary.record.inbox)/\(summary.record.name); nothing applied again")
            return ExitCode.success
        case .failed(let failure):
            let place = failure.line.map { " at line \($0)" } ?? ""
            printError("smarketd: \(path) failed\(place): \(failure.message)")
            if failure.recordsApplied > 0 {
                let applied =
                    failure.recordsApplied == 1
                    ? "the first record was" : "the first \(failure.recordsApplied) records were"
                printError("smarketd: \(applied) ingested before the error")
            }
            return ExitCode.dataError
        case .retryLater(let reason):
            printError("smarketd: \(path) was not ingested: \(reason); try again later")
            return ExitCode.temporaryFailure
        case .stopped:
            return ExitCode.temporaryFailure
        }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal and at most ten times a second.
final class ProgressBar {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDrawn = Date.distantPast
    private let started = Date()

    init(label: String) {
        self.label = label
    }

    func update(records: Int, bytesRead: Int64, totalBytes: Int64) {
        guard isTerminal, Date().timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = Date()
        let share = totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 1
        let width = 30
        let filled = Int(share * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let rate = Double(records) / max(Date().timeIntervalSince(started), 0.001)
        let line = String(format: "\r[%@] %3.0f%% %@: %d records, %.0f/s", bar, share * 100, label, records, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Runs writing commands as the owner of the state folder, so they never leave files the daemon cannot open.
enum DatabaseOwner {
    static func adopt(stateDirectory: String) throws {
        var info = stat()
        guard getuid() == 0, stat(stateDirectory, &info) == 0, info.st_uid != 0 else { return }
        guard setgid(info.st_gid) == 0, setuid(info.st_uid) == 0 else {
            throw SystemError("setuid to the owner of", path: stateDirectory)
        }
    }
}
