import Foundation
import SmarketDaemon
import SmarketIngest
import SmarketRules
import SmarketStore

/// The checks that `smarketd event` makes before it writes the event file. The daemon would reject a
/// bad row only in a rejects file that the user of the command never sees, so the command runs the
/// same parsing and the same event normalizer first, then checks the reps against the configuration
/// and the lead against the database.
struct EventValidation {
    let type: EventType
    let options: Arguments
    let inbox: InboxConfiguration
    let configuration: Configuration

    private var stageList: String { LeadStage.allCases.map(\.rawValue).joined(separator: ", ") }

    private var repList: String {
        configuration.reps.isEmpty
            ? "the configuration lists no reps"
            : "the reps are: " + configuration.reps.map(\.id).joined(separator: ", ")
    }

    /// Checks `--at`, `--stage` and `--value` as the events inbox reads them. A missing or unreadable
    /// value is a usage error, and an unknown stage is a data error.
    func checkOptions() throws {
        if let at = options["at"] {
            let dayFirst = inbox.locale.flatMap(InboxLocale.init)?.dayFirst
            switch Timestamp.parse(at, dayFirst: dayFirst, timeZone: configuration.timeZone) {
            case .success(let date):
                if let problem = LeadEngine.futureTimeProblem(date, now: Date()) {
                    throw InputDataError(description: "--at \(at): \(problem)")
                }
            case .failure(.ambiguousDayMonth):
                throw UsageError(
                    description: "--at \(at) could be day/month or month/day; write it in ISO 8601, "
                        + "such as 2026-12-01T12:30:00Z")
            case .failure(.unreadable):
                throw UsageError(
                    description: "--at \(at) is not a time; write it in ISO 8601, such as "
                        + "2026-12-01T12:30:00Z, or leave --at out for the current time")
            }
        }
        if let stage = options["stage"] {
            guard LeadStage(toolStage: stage) != nil else {
                throw InputDataError(description: "unknown stage \(stage) in --stage; use one of \(stageList)")
            }
        } else if type == .stageChange {
            throw UsageError(description: "stage_change needs the new stage in --stage, one of \(stageList)")
        }
        if type == .reassign, options["value"] == nil {
            throw UsageError(description: "reassign needs the new rep's id in --value; \(repList)")
        }
    }

    /// Checks that `--rep`, and the new rep of a `reassign` in `--value`, are reps of the configuration.
    func checkReps() throws {
        let known = Set(configuration.reps.map(\.id))
        if let rep = options["rep"], !known.contains(rep) {
            throw InputDataError(description: "--rep \(rep) is not a rep in the configuration; \(repList)")
        }
        if type == .reassign, let rep = options["value"], !known.contains(rep) {
            throw InputDataError(
                description: "--value \(rep) is not a rep in the configuration, so reassign has nobody to "
                    + "give the lead to; \(repList)")
        }
    }

    /// Runs the events inbox's normalizer on the row the command is about to write.
    func normalize(_ header: [String], _ row: [String]) throws -> LeadEvent {
        let fields = zip(header, row).map { RawField(name: $0, value: $1) }
        let normalizer = EventNormalizer(locale: inbox.locale, timeZone: configuration.timeZone)
        switch normalizer.normalize(RawRecord(line: 2, fields: fields)) {
        case .accepted(let event):
            return event
        case .rejected(let reason):
            throw InputDataError(description: "the events inbox would reject this event: \(reason)")
        }
    }

    /// Checks that the event's lead is in the database, found the way the daemon finds it.
    /// - Returns: false, after printing why, when there is no database yet.
    func checkLead(_ event: LeadEvent, named reference: String) throws -> Bool {
        guard let database = try ReadOnlyStore.open(configuration.databasePath) else { return false }
        let store = LeadStore(database: database)
        let found: Int64?
        switch event.lead {
        case .email(let email): found = try store.find(email: email)
        case .phone(let phone): found = try store.find(phone: phone)
        case .id(let id): found = try store.find(id: id)
        }
        guard found != nil else {
            throw InputDataError(
                description: "no lead matches \(reference); ingest the lead first, or give an email address, "
                    + "a phone number or a lead id as `smarketd leads` lists them")
        }
        return true
    }
}
