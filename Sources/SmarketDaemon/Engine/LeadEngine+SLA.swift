import Foundation
import SmarketIngest
import SmarketRules
import SmarketStore

extension LeadEngine {
    /// Starts the first-touch deadline of a new owner; an open deadline of the previous owner ends as
    /// reassigned, while a breached one keeps its breach.
    func startDeadline(_ leadID: Int64, owner: String, team: String?, at now: Date) throws {
        if !hasNoDeadline(leadID), var current = try deadlines.currentDeadline(of: leadID),
            current.state == .open || current.state == .breached
        {
            if current.state == .open { current.state = .reassigned }
            current.nextFireAt = nil
            try deadlines.update(current, at: now)
        }
        let due = policy.deadline(assignedAt: now)
        let warning = policy.warningTime(deadline: due)
        let deadline = try deadlines.open(
            leadID: leadID, owner: owner, team: team, assignedAt: now, dueAt: due, warnAt: warning > now ? warning : nil)
        if newLead?.id == leadID { newLead?.hasDeadline = true }
        try deadlines.log(deadline, kind: "deadline", late: false, detail: "first touch due \(Timestamp.string(due))", at: now)
    }

    /// Fires the pending step of a deadline: the warning, the breach, then each escalation step once.
    /// - Parameter late: the step fell due while the daemon was down and fires now, after the restart.
    public func fireDeadline(_ id: Int64, at now: Date, late: Bool) throws {
        guard var deadline = try deadlines.deadline(id), let fireAt = deadline.nextFireAt, fireAt <= now,
            deadline.state == .open || deadline.state == .breached
        else { return }
        startChange()
        let fields = [
            "LEAD_ID": "\(deadline.leadID)", "REP": deadline.owner, "SLA_DUE": Timestamp.string(deadline.dueAt),
        ]
        let lateNote = late ? " (late: fell due at \(Timestamp.string(fireAt)) while smarketd was not running)" : ""
        let step = deadline.nextStep
        switch step {
        case 0:
            try deadlines.log(deadline, kind: "warning", late: late, detail: nil, at: now)
            note(
                .slaWarning, .warning,
                "lead \(deadline.leadID): first touch by \(deadline.owner) is due at \(Timestamp.string(deadline.dueAt))\(lateNote)",
                fields)
            deadline.nextStep = 1
            deadline.nextFireAt = deadline.dueAt
            try deadlines.update(deadline, at: now)
            try runAutomations(.slaWarning, leadID: deadline.leadID, at: now)
        case 1:
            deadline.state = .breached
            try deadlines.log(deadline, kind: "breach", late: late, detail: nil, at: now)
            note(
                .slaBreached, .error,
                "lead \(deadline.leadID): \(deadline.owner) missed the first-touch deadline \(Timestamp.string(deadline.dueAt))\(lateNote)",
                fields)
            deadline.nextStep = 2
            deadline.nextFireAt = configuration.sla.escalation.isEmpty ? nil : policy.escalationTime(step: 0, deadline: deadline.dueAt)
            try deadlines.update(deadline, at: now)
            try runAutomations(.slaBreached, leadID: deadline.leadID, at: now)
        default:
            let index = step - 2
            guard configuration.sla.escalation.indices.contains(index) else {
                deadline.nextFireAt = nil
                try deadlines.update(deadline, at: now)
                return
            }
            deadline.nextStep = step + 1
            deadline.nextFireAt =
                configuration.sla.escalation.indices.contains(index + 1)
                ? policy.escalationTime(step: index + 1, deadline: deadline.dueAt) : nil
            try deadlines.update(deadline, at: now)
            try escalate(deadline, action: configuration.sla.escalation[index].action, fields: fields, lateNote: lateNote, late: late, at: now)
        }
    }

    private func escalate(
        _ deadline: SLADeadline, action: EscalationAction, fields: [String: String], lateNote: String, late: Bool,
        at now: Date
    ) throws {
        var fields = fields
        switch action {
        case .notifyManager:
            let manager = configuration.reps.first { $0.id == deadline.owner }?.manager
            fields["MANAGER"] = manager ?? ""
            try deadlines.log(deadline, kind: "escalation_notify", late: late, detail: manager.map { "notified \($0)" }, at: now)
            if let manager {
                if let outboxName = configuration.sla.notifyOutbox, let lead = try leads.snapshot(deadline.leadID) {
                    try enqueueNotice(
                        outboxName, kind: "sla_escalation", lead: lead,
                        extra: ["manager": manager, "rep": deadline.owner, "sla_due_at": Timestamp.string(deadline.dueAt)],
                        at: now)
                }
                note(
                    .slaEscalated, .error,
                    "lead \(deadline.leadID): first touch by \(deadline.owner) is overdue since "
                        + "\(Timestamp.string(deadline.dueAt)); manager \(manager) notified\(lateNote)",
                    fields)
            } else {
                note(
                    .slaEscalated, .error,
                    "lead \(deadline.leadID): first touch by \(deadline.owner) is overdue, but \(deadline.owner) has "
                        + "no manager to notify: set `manager` for this rep\(lateNote)",
                    fields)
            }
        case .reassignNext:
            guard let team = deadline.team else {
                note(.slaEscalated, .error, "lead \(deadline.leadID) cannot be reassigned: its owner has no team", fields)
                return
            }
            var skipped: [String] = []
            let untouched = UntouchedCounts(routing)
            let moved = try assignWithinTeam(
                deadline.leadID, team: team, rule: "sla escalation: reassign next", excluding: deadline.owner,
                untouched: untouched, skipped: &skipped, at: now)
            let newOwner = moved ? try leads.snapshot(deadline.leadID)?.owner : nil
            try deadlines.log(
                deadline, kind: "escalation_reassign", late: late,
                detail: newOwner.map { "reassigned to \($0)" } ?? "nobody available", at: now)
            if let newOwner {
                fields["REP"] = newOwner
                note(
                    .slaEscalated, .error,
                    "lead \(deadline.leadID): \(deadline.owner) missed the first touch; reassigned to \(newOwner)\(lateNote)",
                    fields)
            } else {
                note(
                    .slaEscalated, .error,
                    "lead \(deadline.leadID): \(deadline.owner) missed the first touch and nobody else in team \(team) "
                        + "is available: " + skipped.joined(separator: "; "),
                    fields)
            }
        }
    }

    /// Records a sales touch, judged by the touch's own time against the deadline in force then. A touch
    /// dated in time meets the SLA even when reported late, which withdraws a breach. A touch dated before
    /// the assignment meets it with a first-touch time of zero, and a touch after the deadline leaves the breach.
    /// When escalation reassigned the lead after the touch, the first owner's deadline is judged, and the
    /// later owner's open deadline is met with zero, because the lead had its first touch before that owner
    /// got it.
    func recordTouch(_ leadID: Int64, at touch: Date, by rep: String?, at now: Date) throws {
        try leads.recordFirstTouch(leadID, at: touch)
        guard let current = try deadlines.currentDeadline(of: leadID) else { return }
        let inForce = try deadlines.deadline(of: leadID, inForceAt: touch) ?? current
        try judge(inForce, touch: touch, by: rep, at: now)
        if inForce.id != current.id {
            try judge(current, touch: touch, by: rep, at: now)
        }
    }

    private func judge(_ deadline: SLADeadline, touch: Date, by rep: String?, at now: Date) throws {
        var deadline = deadline
        guard deadline.firstTouchSeconds == nil, deadline.state == .open || deadline.state == .breached else { return }
        let leadID = deadline.leadID
        let fields = ["LEAD_ID": "\(leadID)", "REP": deadline.owner, "SLA_DUE": Timestamp.string(deadline.dueAt)]
        deadline.firstTouchSeconds = max(0, touch.timeIntervalSince(deadline.assignedAt))
        deadline.nextFireAt = nil
        if touch <= deadline.dueAt {
            let wasBreached = deadline.state == .breached
            deadline.state = .met
            try deadlines.update(deadline, at: now, touchAt: touch)
            if wasBreached {
                try deadlines.log(
                    deadline, kind: "breach_withdrawn", late: false,
                    detail: "a touch dated \(Timestamp.string(touch)) was reported after the breach", at: now)
            }
            try deadlines.log(deadline, kind: "met", late: false, detail: rep.map { "touch by \($0)" }, at: now)
            note(
                .slaMet, .info,
                "lead \(leadID): first touch at \(Timestamp.string(touch)) met the deadline of \(deadline.owner)"
                    + (wasBreached ? "; the earlier breach is withdrawn" : ""),
                fields)
        } else {
            deadline.state = .breached
            try deadlines.update(deadline, at: now, touchAt: nil)
            try deadlines.log(
                deadline, kind: "touched_late", late: false, detail: "first touch \(Timestamp.string(touch))", at: now)
            note(
                .slaMet, .notice,
                "lead \(leadID): first touch at \(Timestamp.string(touch)) came after the deadline of \(deadline.owner); "
                    + "the breach stands",
                fields)
        }
    }
}
