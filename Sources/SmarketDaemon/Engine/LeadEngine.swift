import Foundation
import SmarketIngest
import SmarketRules
import SmarketStore

/// A journal entry the engine produced inside a transaction; the caller sends it after the commit.
public struct EngineNote: Sendable {
    public var kind: MessageKind
    public var priority: Priority
    public var message: String
    public var fields: [String: String]
}

/// A lead created by the change the engine is working on.
struct NewLead {
    let id: Int64
    var hasTasks = false
    var hasDeadline = false
}

/// Turns lead changes, events and deadlines into scores, stages, owners, tasks and SLA steps.
///
/// Every method runs inside the caller's transaction and touches only the database. Journal entries
/// collect in `notes` for the caller to send after the commit, so a rolled-back chunk journals nothing.
public final class LeadEngine {
    let configuration: Configuration
    let database: Database
    let leads: LeadStore
    let scores: ScoreStore
    let routing: RoutingStore
    let tasks: TaskStore
    let events: EventStore
    let deadlines: SLAStore
    let outbox: OutboxStore
    let policy: SLAPolicy
    /// Journal entries of the work done since the last `takeNotes()`.
    private(set) var notes: [EngineNote] = []
    /// The number of entries the caller journals from the next `takeNotes()`. An ingest journals the
    /// first `journal.per_file_limit` entries of a file and counts the rest, so past this number the
    /// engine only counts its entries instead of building messages that the journal drops.
    public var noteLimit = Int.max
    /// Entries past `noteLimit` since the last `takeNotes()`.
    public private(set) var omittedNotes = 0
    /// Automations fired per lead within the current change, for the loop guard.
    var firedAutomations: [Int64: Set<String>] = [:]

    /// The last instant that `calendarDay(of:)` converted, with its day: every row of a chunk shares one
    /// instant, and building a calendar for each rep of each route took 1.3% of the instructions of an import.
    private var lastCalendarDay: (instant: Date, day: CalendarDate)?

    /// The lead the current change created, and whether it has a task or a deadline yet. Until it has, a
    /// query for its open tasks or its current deadline can only come back empty, so none is run.
    var newLead: NewLead?

    /// Empties the loop guard; every change calls it first. Clearing only the changed lead's entry kept
    /// one entry per lead ever changed, and an import of a million leads grew by 200 MB.
    func startChange() {
        firedAutomations.removeAll(keepingCapacity: true)
        newLead = nil
    }

    /// Returns the calendar day of `instant` in the configured time zone.
    func calendarDay(of instant: Date) -> CalendarDate {
        if let last = lastCalendarDay, last.instant == instant { return last.day }
        let day = CalendarDate(instant, in: configuration.timeZone)
        lastCalendarDay = (instant, day)
        return day
    }

    /// Returns whether `leadID` is the lead this change created and no task was created for it yet.
    func hasNoTasks(_ leadID: Int64) -> Bool {
        newLead.map { $0.id == leadID && !$0.hasTasks } ?? false
    }

    /// Returns whether `leadID` is the lead this change created and no deadline was opened for it yet.
    func hasNoDeadline(_ leadID: Int64) -> Bool {
        newLead.map { $0.id == leadID && !$0.hasDeadline } ?? false
    }

    public init(configuration: Configuration, database: Database) {
        self.configuration = configuration
        self.database = database
        leads = LeadStore(database: database)
        scores = ScoreStore(database: database)
        routing = RoutingStore(database: database)
        tasks = TaskStore(database: database)
        events = EventStore(database: database)
        deadlines = SLAStore(database: database)
        outbox = OutboxStore(database: database)
        policy = Self.makePolicy(configuration)
    }

    /// Builds the SLA arithmetic of the configuration. Deadlines already stored keep the time they were given.
    static func makePolicy(_ configuration: Configuration) -> SLAPolicy {
        let sla = configuration.sla
        let calendar = sla.businessHours.map { hours in
            BusinessCalendar(
                timeZone: configuration.timeZone, days: hours.days, opensAt: hours.opening, closesAt: hours.closing,
                holidays: hours.holidays.map(\.components))
        }
        return SLAPolicy(
            firstTouch: sla.firstTouch, warnBefore: sla.warnBefore.elapsedSeconds,
            escalationOffsets: sla.escalation.map(\.after.elapsedSeconds), calendar: calendar)
    }

    /// Returns and clears the journal entries collected so far; the count of omitted ones starts again.
    public func takeNotes() -> [EngineNote] {
        defer {
            notes.removeAll()
            omittedNotes = 0
        }
        return notes
    }

    /// Collects a journal entry, or only counts it once `noteLimit` entries wait to be taken.
    func note(
        _ kind: MessageKind, _ priority: Priority, _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: String]
    ) {
        guard notes.count < noteLimit else {
            omittedNotes += 1
            return
        }
        notes.append(EngineNote(kind: kind, priority: priority, message: message(), fields: fields()))
    }

    /// Applies the consequences of an ingested row: scores, stage, routing, automations.
    public func leadChanged(_ change: LeadChange, at now: Date) throws {
        startChange()
        switch change {
        case .created(let id):
            newLead = NewLead(id: id)
            try noteReturnOfErasedPerson(id, at: now)
            try rescore(id, isNew: true, at: now)
            try runAutomations(.leadCreated, leadID: id, at: now)
            try route(id, at: now)
            var fields = ["LEAD_ID": "\(id)"]
            // Emails stay out of the journal unless `journal.personal_data` allows them.
            if configuration.journal.personalData, let lead = try leads.snapshot(id) {
                fields["EMAIL"] = lead.email ?? ""
                fields["PHONE"] = lead.phone ?? ""
            }
            note(.leadIngested, .info, "lead \(id) created", fields)
        case .merged(let id, let fields):
            if fields.contains("stage"), let stage = try leads.snapshot(id)?.stage, stage.isClosed {
                try leadClosed(id, as: stage, at: now)
            }
            try rescore(id, at: now)
            try runAutomations(.leadUpdated, leadID: id, at: now)
            try route(id, at: now)
            note(.leadMerged, .info, "lead \(id) updated: \(fields.joined(separator: ", "))", ["LEAD_ID": "\(id)"])
        case .unchanged:
            break
        }
    }

    /// Journals, without personal data, that a lead was created for a person erased earlier with
    /// `smarketd forget`: only a salted hash of the erased identity is kept to tell.
    private func noteReturnOfErasedPerson(_ leadID: Int64, at now: Date) throws {
        guard try database.hasErasures(),
            let identity = try database.statement("SELECT identity FROM leads WHERE id = ?1").bind(.integer(leadID))
                .scalarText(),
            database.wasErased(identity: identity)
        else { return }
        try leads.note(leadID, kind: "note", detail: "a person erased earlier came back with this lead", at: now)
        note(
            .erasedPersonReturned, .notice,
            "lead \(leadID) was created for a person whose data was erased earlier; check that the source may "
                + "send this person's data again",
            ["LEAD_ID": "\(leadID)"])
    }

    /// Moves the lead to `stage` when that is forward, or closes it; returns whether it moved.
    @discardableResult
    func changeStage(_ leadID: Int64, to stage: LeadStage, reason: String, allowBackward: Bool = false, at now: Date) throws
        -> Bool
    {
        guard let lead = try leads.snapshot(leadID), lead.stage != stage else { return false }
        guard allowBackward || lead.stage.precedes(stage) || (stage.isClosed && !lead.stage.isClosed) else {
            return false
        }
        try leads.setStage(leadID, from: lead.stage, to: stage, reason: reason, at: now)
        if stage.isClosed { try leadClosed(leadID, as: stage, at: now) }
        note(
            .leadStageChanged, .info, "lead \(leadID) moved from \(lead.stage.rawValue) to \(stage.rawValue): \(reason)",
            ["LEAD_ID": "\(leadID)", "STAGE": stage.rawValue])
        try runAutomations(.stageChanged, leadID: leadID, at: now)
        return true
    }

    /// Ends the follow-up of a lead that was won, lost or disqualified. A lost or disqualified lead's open
    /// tasks are cancelled. Its running deadline closes without a breach, or stops escalating when it
    /// was breached already, so no rep is warned, notified or handed the lead for it.
    func leadClosed(_ leadID: Int64, as stage: LeadStage, at now: Date) throws {
        if stage == .lost || stage == .disqualified { try tasks.cancelOpenTasks(of: leadID, at: now) }
        try routing.clearUnassigned(leadID)
        guard var deadline = try deadlines.currentDeadline(of: leadID),
            deadline.state == .open || (deadline.state == .breached && deadline.nextFireAt != nil)
        else { return }
        let wasOpen = deadline.state == .open
        if wasOpen { deadline.state = .closed }
        deadline.nextFireAt = nil
        try deadlines.update(deadline, at: now)
        try deadlines.log(
            deadline, kind: wasOpen ? "closed" : "escalation_stopped", late: false,
            detail: "the lead was closed as \(stage.rawValue)", at: now)
    }

    /// Returns the lead's fields, score and stage as conditions see them.
    func context(_ lead: LeadSnapshot) -> ExpressionContext {
        ExpressionContext(fields: lead.fields, score: lead.score, stage: lead.stage.rawValue)
    }
}
