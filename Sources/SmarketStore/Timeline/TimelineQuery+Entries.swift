import Foundation
import SmarketIngest

/// The timeline entries of each table.
extension TimelineQuery {
    func historyEntries(_ leadID: Int64) throws -> [TimelineEntry] {
        try database.statement(
            """
            SELECT h.id, h.at, h.kind, h.field, h.old_value, h.new_value, h.line, h.detail, f.inbox, f.name
            FROM lead_history h LEFT JOIN files f ON f.id = h.file_id
            WHERE h.lead_id = ?1 ORDER BY h.id
            """
        ).bind(.integer(leadID)).rows { row in
            let kind = row.text(2) ?? ""
            let origin = Self.origin(
                inbox: row.text(8), name: row.text(9), line: row.isNull(6) ? nil : row.int(6))
            let old = row.text(4) ?? "(empty)"
            let new = row.text(5) ?? "(empty)"
            let entry: (TimelineEntry.Kind, String)
            switch kind {
            case "created": entry = (.file, "created from \(origin)")
            case "merged":
                let changed = row.text(7).flatMap { $0.isEmpty ? nil : $0 }
                entry = (
                    .merge,
                    "merged from \(origin)" + (changed.map { ": changed \($0)" } ?? ": nothing new")
                )
            case "field": entry = (.field, "\(row.text(3) ?? "field"): \(old) -> \(new)")
            case "stage":
                entry = (.stage, "stage \(old) -> \(new)" + (row.isNull(6) ? "" : " (\(origin))"))
            case "note": entry = (.note, "note: \(row.text(7) ?? "")")
            case "erased": entry = (.erasure, "personal data erased: \(row.text(7) ?? "")")
            case "tasks_done": entry = (.note, Self.tasksDoneSummary(row.text(7) ?? ""))
            default: entry = (.note, "\(kind): \(row.text(7) ?? "")")
            }
            return TimelineEntry(
                at: row.text(1) ?? "", kind: entry.0, summary: entry.1, sequence: row.int(0))
        }
    }

    /// Turns the note that a sales touch stores when it completes open tasks, such as
    /// `email_sent closed tasks 3, 4`, into a sentence: `the email sent closed tasks 3 and 4`. Other
    /// text is returned as `tasks_done: TEXT`.
    static func tasksDoneSummary(_ detail: String) -> String {
        guard let match = detail.wholeMatch(of: #/(\w+) closed tasks (\d+(?:, \d+)*)/#) else {
            return "tasks_done: \(detail)"
        }
        let event = match.output.1.replacingOccurrences(of: "_", with: " ")
        let ids = match.output.2.components(separatedBy: ", ")
        let list =
            ids.count == 1
            ? "task \(ids[0])" : "tasks \(ids.dropLast().joined(separator: ", ")) and \(ids[ids.count - 1])"
        return "the \(event) closed \(list)"
    }

    static func origin(inbox: String?, name: String?, line: Int64?) -> String {
        var text = name.map { (inbox.map { $0 + "/" } ?? "") + $0 } ?? "a file"
        if let line { text += " line \(line)" }
        return text
    }

    func eventEntries(_ leadID: Int64) throws -> [TimelineEntry] {
        try database.statement(
            "SELECT id, at, type, rep, stage, value, campaign FROM events WHERE lead_id = ?1 ORDER BY id"
        ).bind(.integer(leadID)).rows { row in
            var summary = "event \(row.text(2) ?? "")"
            if let rep = row.text(3), !rep.isEmpty { summary += " by \(rep)" }
            if let stage = row.text(4) { summary += ", stage \(stage)" }
            if let value = row.text(5) { summary += ", value \(value)" }
            if let campaign = row.text(6) { summary += ", campaign \(campaign)" }
            return TimelineEntry(
                at: row.text(1) ?? "", kind: .event, summary: summary, sequence: row.int(0))
        }
    }

    func scoreEntries(_ leadID: Int64) throws -> [TimelineEntry] {
        try database.statement(
            "SELECT id, at, rule, category, points, score_after FROM score_changes WHERE lead_id = ?1 ORDER BY id"
        ).bind(.integer(leadID)).rows { row in
            let points = row.double(4)
            let sign = points >= 0 ? "+" : ""
            let summary =
                "score \(sign)\(Self.number(points)) \(row.text(3) ?? "") by rule \"\(row.text(2) ?? "")\", "
                + "now \(Self.number(row.double(5)))"
            return TimelineEntry(
                at: row.text(1) ?? "", kind: .score, summary: summary, sequence: row.int(0))
        }
    }

    func routingEntries(_ leadID: Int64) throws -> [TimelineEntry] {
        try database.statement(
            "SELECT id, at, owner, team, rule, strategy, reason FROM routing_decisions WHERE lead_id = ?1 ORDER BY id"
        ).bind(.integer(leadID)).rows { row in
            let summary = Self.routingSummary(
                owner: row.text(2), team: row.text(3), rule: row.text(4), strategy: row.text(5),
                reason: row.text(6) ?? "")
            return TimelineEntry(
                at: row.text(1) ?? "", kind: .routing, summary: summary, sequence: row.int(0))
        }
    }

    /// Describes a routing decision, leaving out the team, rule and strategy that its reason already
    /// names, so the engine's `rule "rule 1: …" sent it to team dach; round_robin chose alice` is not
    /// preceded by the same facts again.
    static func routingSummary(owner: String?, team: String?, rule: String?, strategy: String?, reason: String)
        -> String
    {
        var summary = owner.map { "routed to \($0)" } ?? "not routed"
        if let team, !reason.contains("team \(team)") { summary += " (team \(team))" }
        if let rule, !reason.contains(rule) { summary += " by rule \"\(rule)\"" }
        if let strategy, !reason.contains(strategy) { summary += ", \(strategy)" }
        return reason.isEmpty ? summary : summary + ": " + reason
    }

    func taskEntries(_ leadID: Int64) throws -> [TimelineEntry] {
        // Open tasks move with the lead, so `owner` is the current owner. The owner the task was created for
        // is the owner of the latest routing decision up to its creation.
        let rows = try database.statement(
            """
            SELECT t.id, t.created_at, t.owner, t.title, t.type, t.due_at, t.state, t.closed_at,
                (SELECT r.owner FROM routing_decisions r WHERE r.lead_id = t.lead_id AND r.at <= t.created_at
                 ORDER BY r.at DESC, r.id DESC LIMIT 1)
            FROM tasks t WHERE t.lead_id = ?1 ORDER BY t.id
            """
        ).bind(.integer(leadID)).rows { row -> [TimelineEntry] in
            let id = row.int(0)
            let owner = row.text(2)
            let firstOwner = row.text(8) ?? owner
            var summary =
                "task \(id) created for \(firstOwner ?? "nobody"): \"\(row.text(3) ?? "")\" "
                + "(\(row.text(4) ?? "")), due \(row.text(5) ?? "")"
            if let owner, owner != firstOwner { summary += "; moved to \(owner) with the lead" }
            var entries = [TimelineEntry(at: row.text(1) ?? "", kind: .task, summary: summary, sequence: id)]
            if let closed = row.text(7) {
                entries.append(
                    TimelineEntry(
                        at: closed, kind: .task, summary: "task \(id) \(row.text(6) ?? "closed")",
                        sequence: id))
            }
            return entries
        }
        return rows.flatMap { $0 }
    }

    /// The SLA entries: a deadline's start and its meeting from its row in `sla_deadlines`, every other
    /// step from `sla_log`. The log's `deadline` and `met` rows repeat the first two, so they are left out,
    /// and the rep of a `met` row is added to the deadline's entry.
    func slaEntries(_ leadID: Int64) throws -> [TimelineEntry] {
        var meetingDetails: [Int64: String] = [:]
        for (deadlineID, detail) in try database.statement(
            "SELECT deadline_id, detail FROM sla_log WHERE lead_id = ?1 AND kind = 'met' AND detail IS NOT NULL"
        ).bind(.integer(leadID)).rows({ row in (row.int(0), row.text(1) ?? "") }) where !detail.isEmpty {
            meetingDetails[deadlineID] = detail
        }
        var entries = try database.statement(
            """
            SELECT id, assigned_at, owner, due_at, warn_at, state, first_touch_seconds, met_at
            FROM sla_deadlines WHERE lead_id = ?1 ORDER BY id
            """
        ).bind(.integer(leadID)).rows { row -> [TimelineEntry] in
            let id = row.int(0)
            var summary = "SLA deadline \(id) for \(row.text(2) ?? ""): due \(row.text(3) ?? "")"
            if let warn = row.text(4) { summary += ", warning at \(warn)" }
            summary += ", now \(row.text(5) ?? "")"
            var result = [
                TimelineEntry(at: row.text(1) ?? "", kind: .sla, summary: summary, sequence: id)
            ]
            if let met = row.text(7) {
                let seconds = row.isNull(6) ? "" : " after \(Self.number(row.double(6))) s"
                let detail = meetingDetails[id].map { ", \($0)" } ?? ""
                result.append(
                    TimelineEntry(
                        at: met, kind: .sla, summary: "SLA deadline \(id) met\(seconds)\(detail)",
                        sequence: id))
            }
            return result
        }.flatMap { $0 }
        entries += try database.statement(
            """
            SELECT id, at, kind, late, detail, deadline_id FROM sla_log
            WHERE lead_id = ?1 AND kind NOT IN ('deadline', 'met') ORDER BY id
            """
        ).bind(.integer(leadID)).rows { row in
            var summary =
                "SLA \(row.text(2)?.replacingOccurrences(of: "_", with: " ") ?? "") (deadline \(row.int(5)))"
            if row.int(3) != 0 { summary += ", fired late after downtime" }
            if let detail = row.text(4), !detail.isEmpty { summary += ": \(detail)" }
            return TimelineEntry(
                at: row.text(1) ?? "", kind: .sla, summary: summary, sequence: row.int(0))
        }
        return entries
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(format: "%.1f", value)
    }
}
