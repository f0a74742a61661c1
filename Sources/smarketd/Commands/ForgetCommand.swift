import Foundation
import Glibc
import SmarketDaemon
import SmarketIngest
import SmarketRules
import SmarketStore

/// `smarketd forget EMAIL|PHONE`: erases a person's personal data from the database, the archived
/// feed files, the rejects files and the outbox files, keeping their leads as anonymous rows so
/// that report counts do not change.
///
/// Files go first and the database last: when the command stops half-way, the leads still name
/// the person, so running it again finds and finishes everything.
enum ForgetCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: [])
        guard parsed.operands.count == 1, let reference = parsed.operands.first else {
            throw UsageError(description: "forget needs exactly one EMAIL or PHONE")
        }
        guard let matcher = PersonMatcher(reference: reference) else {
            throw UsageError(
                description: "\(reference) is neither an email address nor a phone number; "
                    + "give the email, or the phone in international form such as +49 30 555000")
        }
        let configuration = try Command.loadConfiguration(configurationPath)
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            printError(
                "smarketd: no database at \(configuration.databasePath) yet, so there is nothing to forget"
            )
            return ExitCode.noInput
        }
        try DatabaseOwner.adopt(stateDirectory: configuration.stateDirectory)
        let database = try Database(path: configuration.databasePath)
        try database.prepareForWriting()

        let store = ErasureStore(database: database)
        let person = try store.findPerson(matcher)

        var sweep = FileSweep(
            matcher: person, freeTexts: try store.freeTexts(of: person),
            limits: configuration.limits)
        // The inboxes are read before the archives: a file the daemon archives in between is then
        // listed as pending and still rewritten, instead of being missed by both scans.
        for inbox in configuration.inboxes {
            sweep.findPending(in: inbox.path)
        }
        for inbox in configuration.inboxes {
            sweep.rewriteFeeds(in: inbox.path + "/processed")
            sweep.rewriteFeeds(in: inbox.path + "/failed")
        }
        for outbox in configuration.outboxes {
            sweep.rewriteOutbox(in: outbox.path)
        }
        guard !person.leadIDs.isEmpty || sweep.filesChanged > 0 else {
            printError(
                "smarketd: no lead and no archived or outbox file contains \(reference), so nothing was erased"
            )
            for path in sweep.pending {
                printError(
                    "smarketd: \(path) is still in the inbox and contains \(reference): run forget again after the daemon archived it"
                )
            }
            return ExitCode.noInput
        }
        let summary = try store.erase(person, filesRewritten: sweep.filesChanged, at: Date())
        let ids = summary.leadIDs.map(String.init).joined(separator: ", ")
        let idList: String
        switch summary.leadIDs.count {
        case 0: idList = ""
        case 1: idList = " (id \(ids))"
        default: idList = " (ids \(ids))"
        }
        print(
            "forgot \(reference): \(counted(summary.leadIDs.count, "lead")) anonymized\(idList)"
                + ", \(counted(sweep.recordsRemoved, "row")) removed from \(counted(sweep.filesChanged, "file"))"
                + ", \(counted(summary.rejectsDeleted, "rejected row")) and "
                + "\(counted(summary.outboxRecordsScrubbed, "outbox record")) cleaned"
        )
        for path in sweep.changed { print("  rewritten: \(path)") }
        if !summary.walTruncated {
            printError(
                "smarketd: another process kept the database's write-ahead log open, so it still contains erased values "
                    + "until the daemon's next checkpoint. Run forget again while the daemon is stopped to be sure."
            )
        }
        for path in sweep.pending {
            printError(
                "smarketd: \(path) is still in the inbox and contains \(reference), so it will create a new lead when "
                    + "ingested. Remove it, or run forget again after the daemon processed it.")
        }
        for (path, reason) in sweep.failures.sorted(by: { $0.key < $1.key }) {
            printError("smarketd: \(path) was not cleaned: \(reason)")
        }
        return sweep.failures.isEmpty ? ExitCode.success : ExitCode.dataError
    }
}

/// Rewrites the files that hold a person's rows and lists those it may not touch.
struct FileSweep {
    let matcher: PersonMatcher
    /// The person's values to replace inside `.error` texts, longest first.
    let freeTexts: [String]
    let limits: ReadLimits
    private(set) var changed: [String] = []
    private(set) var pending: [String] = []
    private(set) var failures: [String: String] = [:]
    private(set) var recordsRemoved = 0

    init(matcher: PersonMatcher, freeTexts: [String], limits: ReadLimits) {
        self.matcher = matcher
        self.freeTexts = freeTexts
        self.limits = limits
    }

    var filesChanged: Int { changed.count }

    /// Rewrites the archived feeds and rejects files of a `processed/` or `failed/` folder.
    mutating func rewriteFeeds(in folder: String) {
        let rewriter = FeedRewriter(matcher: matcher, limits: limits)
        for path in Self.regularFiles(in: folder) {
            if path.hasSuffix(".error") {
                scrubErrorText(path)
                continue
            }
            do {
                let outcome = try Self.withFile(path) { descriptor, bytes in
                    try rewriter.rewrite(
                        descriptor: descriptor,
                        fileName: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes)
                }
                switch outcome {
                case .unchanged: break
                case .rewritten(let bytes, let removed):
                    // NOTE: the new file gets a new ctime, so retention counts its age from now.
                    try AtomicFile.write(bytes, to: path)
                    changed.append(path)
                    recordsRemoved += removed
                case .delete:
                    try AtomicFile.remove(path)
                    changed.append(path)
                    recordsRemoved += 1
                }
            } catch {
                dropRawLines(path, readError: error)
            }
        }
    }

    /// Drops the physical lines that contain the person's email or phone from a file that cannot be
    /// read as a feed, such as one in `failed/` with an unbalanced quote.
    ///
    /// NOTE: a quoted value of the person that continues on the next lines keeps those lines when
    /// they lack the email. A gzip or UTF-16 file that cannot be read is only reported.
    private mutating func dropRawLines(_ path: String, readError: Error) {
        guard let data = FileManager.default.contents(atPath: path), containsPerson(Array(data))
        else { return }
        let lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
        var output: [UInt8] = []
        var removed = 0
        for (index, line) in lines.enumerated() {
            if containsPerson(Array(line)) {
                removed += 1
                continue
            }
            output += line
            if index < lines.count - 1 { output.append(0x0A) }
        }
        guard !containsPerson(output), removed > 0 else {
            failures[path] =
                "\(readError), and its raw bytes still contain the person: delete the file or edit it by hand"
            return
        }
        do {
            try AtomicFile.write(output, to: path)
            changed.append(path)
            recordsRemoved += removed
        } catch {
            failures[path] = "\(error)"
        }
    }

    /// Replaces the person's values in a `NAME.error` text, which may quote the failing line.
    private mutating func scrubErrorText(_ path: String) {
        guard let data = FileManager.default.contents(atPath: path), containsPerson(Array(data))
        else { return }
        var text = String(decoding: data, as: UTF8.self)
        for value in freeTexts {
            text = text.replacingOccurrences(
                of: value, with: ErasureStore.placeholder, options: [.caseInsensitive])
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
            changed.append(path)
        } catch {
            failures[path] = "\(error)"
        }
    }

    /// Lists files still waiting in the inbox that hold the person; they are left alone.
    mutating func findPending(in inbox: String) {
        let rewriter = FeedRewriter(matcher: matcher, limits: limits)
        for path in Self.regularFiles(in: inbox) {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if name.hasSuffix(".tmp") || name.hasSuffix(".part") { continue }
            let outcome = try? Self.withFile(path) { descriptor, bytes in
                try rewriter.rewrite(descriptor: descriptor, fileName: name, bytes: bytes)
            }
            if let outcome, outcome != .unchanged { pending.append(path) }
        }
    }

    /// Rewrites the NDJSON files of an outbox folder without the person's records.
    mutating func rewriteOutbox(in folder: String) {
        for path in Self.regularFiles(in: folder) {
            guard let data = FileManager.default.contents(atPath: path),
                let rewritten = OutboxFileRewriter.rewrite(Array(data), matcher: matcher)
            else { continue }
            do {
                try AtomicFile.write(rewritten.bytes, to: path)
                changed.append(path)
                recordsRemoved += rewritten.removed
            } catch {
                failures[path] = "\(error)"
            }
        }
    }

    /// Searches the raw bytes for the emails and phones, for files that cannot be read as feeds.
    private func containsPerson(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return matcher.emails.contains { text.contains($0) }
            || matcher.phones.contains { text.contains($0) }
    }

    /// Regular, non-hidden files directly inside the folder, by name; an empty list when it is missing.
    static func regularFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 }.filter {
            path in
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }
    }

    static func withFile<T>(_ path: String, _ body: (Int32, [UInt8]) throws -> T) throws -> T {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw SystemError("open", path: path) }
        defer { close(descriptor) }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        return try body(descriptor, bytes)
    }
}
