import Foundation
import SmarketIngest

/// The rows a report reads, folded into its counts as they are read.
extension ReportQuery {
    /// Returns the rank of a stage on the way to a sale, or nil for the closing stages lost and
    /// disqualified, which rank with won in `LeadStage.rank` but are not a sale.
    static func progressRank(_ stage: String?) -> Int? {
        guard let stage = stage.flatMap(LeadStage.init(rawValue:)) else { return nil }
        switch stage {
        case .lost, .disqualified: return nil
        default: return stage.rank
        }
    }

    /// Calls `body` with the facts of every lead, in id order. The stage changes are read beside the
    /// leads in the same order, so that only one lead's changes are in memory at a time.
    func forEachLead(_ body: (LeadFacts) throws -> Void) throws {
        let changes = try database.statement(
            "SELECT lead_id, at, old_value, new_value FROM lead_history WHERE kind = 'stage' ORDER BY lead_id, id"
        ).bind([])
        let leads = try database.statement(
            "SELECT id, source, campaign, owner, stage, created_at FROM leads ORDER BY id"
        ).bind([])
        // Both statements step together through the loop, so both are reset however it ends.
        defer {
            changes.reset()
            leads.reset()
        }
        var pending = try changes.step() ? StageChange(changes) : nil
        var leadChanges: [StageChange] = []
        while try leads.step() {
            let id = leads.int(0)
            leadChanges.removeAll(keepingCapacity: true)
            // Changes of a lead id without a lead row come before the next lead's, and are skipped.
            while let change = pending, change.leadID <= id {
                if change.leadID == id { leadChanges.append(change) }
                pending = try changes.step() ? StageChange(changes) : nil
            }
            try body(
                Self.facts(
                    groups: LeadGroups(source: leads.text(1), campaign: leads.text(2), owner: leads.text(3)),
                    stage: leads.text(4), createdAt: leads.text(5) ?? "", changes: leadChanges))
        }
    }

    /// Returns a lead's facts from its current stage and its stage changes, oldest first.
    private static func facts(
        groups: LeadGroups, stage current: String?, createdAt: String, changes: [StageChange]
    ) -> LeadFacts {
        var highest = progressRank(current) ?? 0
        var isLost = current == LeadStage.lost.rawValue
        var reachedAt: String?
        // A lead created at mql or later shows it by its current stage without a change, or by
        // the old value of its first change.
        if changes.isEmpty, highest >= 1 { reachedAt = createdAt }
        if let first = changes.first, (progressRank(first.old) ?? 0) >= 1 {
            reachedAt = createdAt
        }
        for change in changes {
            for value in [change.old, change.new] {
                highest = max(highest, progressRank(value) ?? 0)
                if value == LeadStage.lost.rawValue { isLost = true }
            }
            if reachedAt == nil, (progressRank(change.new) ?? 0) >= 1 {
                reachedAt = change.at
            }
        }
        return LeadFacts(
            groups: groups, createdAt: createdAt, highestRank: highest, isLost: isLost,
            mqlReachedAt: Timestamp.date(reachedAt))
    }

    /// Calls `body` with the outcome of every deadline of a lead in the window, and the lead's groups.
    /// A deadline that escalation reassigned after its breach counts as breached for its first owner, and
    /// one reassigned before its due time counts neither way.
    func forEachDeadline(in window: ReportWindow, _ body: (DeadlineFacts, LeadGroups) throws -> Void) throws {
        let statement = try database.statement(
            """
            SELECT d.owner, d.state, d.breached_at, d.first_touch_seconds, l.source, l.campaign, l.owner
            FROM sla_deadlines d JOIN leads l ON l.id = d.lead_id
            WHERE l.created_at >= ?1 AND (?2 IS NULL OR l.created_at < ?2) ORDER BY d.id
            """
        ).bind(.text(window.lower), .optional(window.upper))
        defer { statement.reset() }
        while try statement.step() {
            let state = statement.text(1) ?? ""
            let breached = state == "breached" || (state == "reassigned" && !statement.isNull(2))
            let deadline = DeadlineFacts(
                owner: statement.text(0) ?? ReportQuery.noValueKey, isMet: state == "met", isBreached: breached,
                firstTouchSeconds: statement.isNull(3) ? nil : statement.double(3))
            try body(
                deadline,
                LeadGroups(source: statement.text(4), campaign: statement.text(5), owner: statement.text(6)))
        }
    }

    /// Calls `body` with the owner of every open task past its due time of a lead in the window, and the
    /// lead's groups.
    func forEachOverdueTask(
        in window: ReportWindow, now: Date, _ body: (_ taskOwner: String?, LeadGroups) throws -> Void
    ) throws {
        let statement = try database.statement(
            """
            SELECT t.owner, l.source, l.campaign, l.owner
            FROM tasks t JOIN leads l ON l.id = t.lead_id
            WHERE t.state = 'open' AND t.due_at < ?1 AND l.created_at >= ?2 AND (?3 IS NULL OR l.created_at < ?3)
            """
        ).bind(.text(Timestamp.string(now)), .text(window.lower), .optional(window.upper))
        defer { statement.reset() }
        while try statement.step() {
            try body(
                statement.text(0),
                LeadGroups(source: statement.text(1), campaign: statement.text(2), owner: statement.text(3)))
        }
    }
}

/// One stage change of a lead's history.
struct StageChange {
    var leadID: Int64
    var at: String
    var old: String?
    var new: String?

    init(_ row: Statement) {
        leadID = row.int(0)
        at = row.text(1) ?? ""
        old = row.text(2)
        new = row.text(3)
    }
}
