import Foundation
import SmarketIngest

/// The rows a report reads, loaded once per report.
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

    // NOTE: every lead and stage change is loaded into memory, because the month's MQL count
    // needs leads outside the window too. That is an estimated few hundred bytes per lead.
    func loadLeads() throws -> [LeadFacts] {
        var history: [Int64: [(at: String, old: String?, new: String?)]] = [:]
        _ = try database.statement(
            "SELECT lead_id, at, old_value, new_value FROM lead_history WHERE kind = 'stage' ORDER BY id"
        ).bind([]).rows { row in
            history[row.int(0), default: []].append((row.text(1) ?? "", row.text(2), row.text(3)))
        }
        return try database.statement(
            "SELECT id, source, campaign, owner, stage, created_at FROM leads ORDER BY id"
        ).bind([]).rows { row in
            let id = row.int(0)
            let current = row.text(4)
            let createdAt = row.text(5) ?? ""
            let changes = history[id] ?? []
            var highest = Self.progressRank(current) ?? 0
            var isLost = current == LeadStage.lost.rawValue
            var reachedAt: String?
            // A lead created at mql or later shows it by its current stage without a change, or by
            // the old value of its first change.
            if changes.isEmpty, highest >= 1 { reachedAt = createdAt }
            if let first = changes.first, (Self.progressRank(first.old) ?? 0) >= 1 {
                reachedAt = createdAt
            }
            for change in changes {
                for value in [change.old, change.new] {
                    highest = max(highest, Self.progressRank(value) ?? 0)
                    if value == LeadStage.lost.rawValue { isLost = true }
                }
                if reachedAt == nil, (Self.progressRank(change.new) ?? 0) >= 1 {
                    reachedAt = change.at
                }
            }
            return LeadFacts(
                id: id, source: row.text(1), campaign: row.text(2), owner: row.text(3),
                createdAt: createdAt,
                highestRank: highest, isLost: isLost, mqlReachedAt: Timestamp.date(reachedAt))
        }
    }

    /// Loads every deadline with its outcome. A deadline that escalation reassigned after its breach
    /// counts as breached for its first owner; one reassigned before its due time counts neither way.
    func loadDeadlines() throws -> [DeadlineFacts] {
        try database.statement(
            "SELECT lead_id, owner, state, breached_at, first_touch_seconds FROM sla_deadlines ORDER BY id"
        ).bind([]).rows { row in
            let state = row.text(2) ?? ""
            let breached = state == "breached" || (state == "reassigned" && !row.isNull(3))
            return DeadlineFacts(
                leadID: row.int(0), owner: row.text(1) ?? ReportQuery.noValueKey,
                isMet: state == "met",
                isBreached: breached, firstTouchSeconds: row.isNull(4) ? nil : row.double(4))
        }
    }

    func loadOverdueTasks(now: Date) throws -> [OverdueTask] {
        try database.statement(
            "SELECT lead_id, owner FROM tasks WHERE state = 'open' AND due_at < ?1"
        )
        .bind(.text(Timestamp.string(now))).rows { row in
            OverdueTask(leadID: row.int(0), owner: row.text(1))
        }
    }
}
