import Foundation
import SmarketIngest
import SmarketRules
import SmarketStore

extension LeadEngine {
    /// Applies one event row: scores, touches, stage changes and reassignments, then the `event`
    /// automations. The same event twice (every field equal) is applied once.
    /// - Returns: the reason when the event is rejected, nil when it was applied or was a repeat.
    func apply(_ event: LeadEvent, origin: RowOrigin, at now: Date) throws -> String? {
        let leadID: Int64?
        switch event.lead {
        case .email(let email): leadID = try leads.find(email: email)
        case .phone(let phone): leadID = try leads.find(phone: phone)
        case .id(let id): leadID = try leads.find(id: id)
        }
        guard let leadID else {
            return "no lead matches \(Self.describe(event.lead)): ingest the lead first, then drop this rejects "
                + "file into the inbox again (a copy of the original file would count as already seen)"
        }
        if event.type == .reassign, let rep = event.value, !configuration.reps.contains(where: { $0.id == rep }) {
            return "reassign names the rep \"\(rep)\", which the configuration does not list: use a rep id of `reps`"
        }
        if let rep = event.rep, !configuration.reps.contains(where: { $0.id == rep }) {
            return "the event names the rep \"\(rep)\", which the configuration does not list, so its touch would "
                + "count for nobody: use a rep id of `reps`, or leave the rep empty"
        }
        if let problem = Self.futureTimeProblem(event.at, now: now) { return problem }
        guard let eventID = try events.record(event, leadID: leadID, fileID: origin.fileID, line: origin.line, at: now)
        else { return nil }
        startChange()

        for rule in configuration.scoring.rules {
            guard case .event(let type) = rule.trigger, type == event.type.rawValue else { continue }
            try addPoints(
                rule.points, rule: Self.ruleKey(rule), category: rule.category, maximum: rule.maximum, leadID: leadID,
                eventID: eventID, eventAt: min(event.at, now), at: now)
        }
        if event.type.isSalesTouch {
            let closed = try tasks.completeOpenTasks(of: leadID, type: event.type.rawValue, at: now)
            if !closed.isEmpty {
                try leads.note(leadID, kind: "tasks_done", detail: "\(event.type.rawValue) closed tasks \(closed.map(String.init).joined(separator: ", "))", at: now)
            }
            try recordTouch(leadID, at: event.at, by: event.rep, at: now)
        }
        switch event.type {
        case .stageChange:
            if let stage = event.stage.flatMap(LeadStage.init(rawValue:)) {
                try changeStage(leadID, to: stage, reason: "stage_change event" + (event.rep.map { " by \($0)" } ?? ""), allowBackward: true, at: now)
            }
        case .reassign:
            if let rep = event.value {
                let team = configuration.reps.first { $0.id == rep }?.team
                try assign(
                    leadID, to: rep, team: team, rule: "reassign event", strategy: nil,
                    reason: "reassign event" + (event.rep.map { " by \($0)" } ?? ""), at: now)
            }
        default:
            break
        }
        note(
            .eventApplied, .info, "\(event.type.rawValue) event applied to lead \(leadID)",
            ["LEAD_ID": "\(leadID)", "REP": event.rep ?? ""])
        try runAutomations(.event, leadID: leadID, eventType: event.type.rawValue, at: now)
        return nil
    }

    private static func describe(_ reference: LeadReference) -> String {
        switch reference {
        case .email(let email): "the email \(email)"
        case .phone(let phone): "the phone \(phone)"
        case .id(let id): "the lead id \(id)"
        }
    }
}

extension LeadEngine {
    /// How far an event's time may lie ahead of the daemon's clock, for exporters whose clocks run a little fast.
    public static let allowedClockSkew: TimeInterval = 300

    /// Returns why an event dated later than `now` plus the allowed skew is rejected, or nil. A touch from
    /// the future would judge an SLA deadline that is not yet due.
    public static func futureTimeProblem(_ at: Date, now: Date) -> String? {
        guard at > now.addingTimeInterval(allowedClockSkew) else { return nil }
        return "the event is dated \(Timestamp.string(at)), later than now (\(Timestamp.string(now))): check the "
            + "exporting tool's clock and time zone"
    }
}
