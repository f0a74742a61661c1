import Foundation
import SmarketIngest
import SmarketRules
import SmarketStore

extension LeadEngine {
    /// Runs the automations of `trigger` whose condition holds for the lead. An automation fires at most
    /// once per lead within one change: a second firing (an automation whose actions trigger itself) is
    /// stopped and journaled.
    func runAutomations(_ trigger: AutomationTrigger, leadID: Int64, eventType: String? = nil, at now: Date) throws {
        for automation in configuration.automations where automation.trigger == trigger {
            if trigger == .event, automation.eventType != eventType { continue }
            guard let lead = try leads.snapshot(leadID) else { return }
            if let condition = automation.condition, !condition.evaluate(context(lead)) { continue }
            guard firedAutomations[leadID, default: []].insert(automation.name).inserted else {
                note(
                    .automationLoop, .warning,
                    "automation \"\(automation.name)\" would fire again on lead \(leadID) within one change "
                        + "(on \(trigger.rawValue)); stopped to break the loop: check its actions and triggers",
                    ["LEAD_ID": "\(leadID)", "RULE": automation.name])
                continue
            }
            for action in automation.actions {
                try perform(action, of: automation, leadID: leadID, at: now)
            }
        }
    }

    private func perform(_ action: AutomationAction, of automation: AutomationConfiguration, leadID: Int64, at now: Date)
        throws
    {
        guard let lead = try leads.snapshot(leadID) else { return }
        switch action {
        case .createTask(let template):
            // Open tasks follow the lead to a new owner, so an `assigned` automation that runs again on a
            // reassignment would otherwise give the lead a second open task of the same kind.
            if !hasNoTasks(leadID),
                try tasks.openTaskID(of: leadID, type: template.type, automation: automation.name) != nil
            {
                return
            }
            let due = dueTime(after: template.due, from: now)
            let title = template.titleTemplate.fill(lead.fields)
            let taskID = try tasks.create(
                leadID: leadID, owner: lead.owner, title: title, type: template.type, dueAt: due,
                automation: automation.name, at: now)
            if newLead?.id == leadID { newLead?.hasTasks = true }
            note(
                .taskCreated, .info, "task \(taskID) (\(template.type)) created for lead \(leadID) by \(automation.name)",
                ["LEAD_ID": "\(leadID)", "TASK_ID": "\(taskID)", "REP": lead.owner ?? "", "RULE": automation.name])
        case .assign(.rep(let rep)):
            let team = configuration.reps.first { $0.id == rep }?.team
            try assign(
                leadID, to: rep, team: team, rule: "automation: \(automation.name)", strategy: nil,
                reason: "automation \(automation.name) assigned it to \(rep)", at: now)
        case .assign(.team(let team)):
            var skipped: [String] = []
            let untouched = UntouchedCounts(routing)
            if try !assignWithinTeam(
                leadID, team: team, rule: "automation: \(automation.name)", untouched: untouched, skipped: &skipped, at: now)
            {
                note(
                    .leadUnassigned, .error,
                    "automation \(automation.name) could not assign lead \(leadID) to team \(team): "
                        + skipped.joined(separator: "; "),
                    ["LEAD_ID": "\(leadID)", "TEAM": team, "RULE": automation.name])
            }
        case .setStage(let stage):
            try changeStage(leadID, to: stage, reason: "automation \(automation.name)", at: now)
        case .addScore(let points, let category):
            try addPoints(
                points, rule: "automation " + automation.name, category: category, maximum: nil, leadID: leadID,
                eventID: nil, eventAt: nil, at: now)
        case .notify(let outboxName):
            try enqueueNotice(outboxName, kind: "automation", lead: lead, extra: ["automation": automation.name], at: now)
        }
    }

    /// Returns the due time of a task: open time with business hours, elapsed time without.
    func dueTime(after duration: SLADuration, from start: Date) -> Date {
        switch (duration, policy.calendar) {
        case (.seconds(let seconds), let calendar?): calendar.addingOpenTime(seconds, to: start)
        case (.days(let days), let calendar?): calendar.addingBusinessDays(days, to: start)
        default: start.addingTimeInterval(duration.elapsedSeconds)
        }
    }

    /// Queues an outbox record with the lead's fields; the daemon writes it to the outbox folder after the
    /// commit.
    func enqueueNotice(_ outboxName: String, kind: String, lead: LeadSnapshot, extra: [String: Any], at now: Date) throws {
        var payload: [String: Any] = [
            "type": kind, "lead_id": lead.id, "stage": lead.stage.rawValue, "score": lead.score,
            "fields": lead.fields,
        ]
        if let owner = lead.owner { payload["owner"] = owner }
        payload.merge(extra) { _, new in new }
        _ = try outbox.enqueue(outbox: outboxName, payload: payload, at: now)
    }
}
