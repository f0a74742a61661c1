import Foundation
import SmarketIngest
import SmarketRules
import SmarketStore

extension LeadEngine {
    /// Domains of free mail providers, whose leads share no company and so no account owner.
    static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.de", "yahoo.fr", "hotmail.com", "hotmail.de", "outlook.com",
        "outlook.de", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net",
        "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "proton.me", "protonmail.com", "mail.com",
        "yandex.ru", "orange.fr", "free.fr", "laposte.net", "libero.it", "bluewin.ch",
    ]

    /// Returns the reason a rep cannot take a lead now, or nil when the rep can.
    func unavailability(of rep: RepConfiguration, untouched: UntouchedCounts, at now: Date) throws -> String? {
        if !rep.away.isEmpty, rep.isAway(on: calendarDay(of: now)) { return "\(rep.id) is away" }
        if let capacity = rep.capacity, try untouched.count(of: rep.id) >= capacity {
            return "\(rep.id) is at capacity (\(counted(capacity, "untouched lead")))"
        }
        return nil
    }

    /// Routes a lead without an owner: account ownership first, then the rules in order, first available
    /// team wins. Without anybody available the lead is marked unassigned and journaled as an error.
    /// A closed lead (won, lost, disqualified) takes no follow-up, so it gets no owner or deadline.
    func route(_ leadID: Int64, at now: Date) throws {
        guard let lead = try leads.snapshot(leadID), lead.owner == nil, !lead.stage.isClosed else { return }
        let untouched = UntouchedCounts(routing)
        var skipped: [String] = []

        if configuration.routing.accountOwnership, let domain = lead.emailDomain,
            !Self.freeMailDomains.contains(domain), let owner = try routing.accountOwner(of: domain)
        {
            if let rep = configuration.reps.first(where: { $0.id == owner }) {
                if let reason = try unavailability(of: rep, untouched: untouched, at: now) {
                    skipped.append("account owner " + reason)
                } else {
                    try assign(
                        leadID, to: owner, team: rep.team, rule: "account_ownership", strategy: "account",
                        reason: "\(domain) belongs to \(owner)", at: now)
                    return
                }
            } else {
                skipped.append("account owner \(owner) of \(domain) is no longer configured")
            }
        }

        for (index, rule) in configuration.routing.rules.enumerated() {
            if let condition = rule.condition, !condition.evaluate(context(lead)) { continue }
            let ruleName = "rule \(index + 1)" + (rule.condition.map { ": " + $0.source } ?? ": always")
            if try assignWithinTeam(leadID, team: rule.team, rule: ruleName, untouched: untouched, skipped: &skipped, at: now) {
                return
            }
        }
        try routing.markUnassigned(leadID, at: now)
        let reason =
            skipped.isEmpty ? "no routing rule matched" : "nobody available: " + skipped.joined(separator: "; ")
        try routing.recordDecision(
            leadID: leadID, owner: nil, team: nil, rule: nil, strategy: nil, reason: "unassigned, " + reason, at: now)
        note(
            .leadUnassigned, .error,
            "lead \(leadID) has no owner: \(reason); it is routed again when a rep becomes available",
            ["LEAD_ID": "\(leadID)", "ERROR": reason])
    }

    /// Picks an available rep of `team` by its strategy and assigns the lead; returns false when nobody in
    /// the team is available, adding who was skipped and why.
    func assignWithinTeam(
        _ leadID: Int64, team teamID: String, rule: String, excluding excluded: String? = nil, untouched: UntouchedCounts,
        skipped: inout [String], at now: Date
    ) throws -> Bool {
        guard let team = configuration.teams.first(where: { $0.id == teamID }) else { return false }
        let rotation = try routing.rotation()
        let openLeads = team.strategy == .leastLoaded ? try routing.openLeadCounts() : [:]
        var candidates: [RoutingCandidate] = []
        for rep in configuration.reps where rep.team == teamID && rep.id != excluded {
            if let reason = try unavailability(of: rep, untouched: untouched, at: now) {
                skipped.append(reason)
                continue
            }
            let state = rotation[rep.id]
            candidates.append(
                RoutingCandidate(
                    id: rep.id, weight: rep.weight, lastSequence: state?.lastSequence ?? 0,
                    currentWeight: state?.currentWeight ?? 0, openLeads: openLeads[rep.id, default: 0]))
        }
        guard let selection = RepSelection.choose(team.strategy, among: candidates) else {
            skipped.append("team \(teamID) has nobody available")
            return false
        }
        let sequence = try routing.nextValue(of: "assignment_sequence")
        try routing.recordAssignment(of: selection.chosen, sequence: sequence, currentWeights: selection.currentWeights)
        var reason = "rule \"\(rule)\" sent it to team \(teamID); \(team.strategy.rawValue) chose \(selection.chosen)"
        if !skipped.isEmpty { reason += " (skipped: " + skipped.joined(separator: "; ") + ")" }
        try assign(leadID, to: selection.chosen, team: teamID, rule: rule, strategy: team.strategy.rawValue, reason: reason, at: now)
        return true
    }

    /// Gives the lead to `rep`: its open tasks follow, a new first-touch deadline starts unless the lead is
    /// closed (a `reassign` event may move a won or lost lead), and the `assigned` automations run.
    func assign(
        _ leadID: Int64, to rep: String, team: String?, rule: String?, strategy: String?, reason: String, at now: Date
    ) throws {
        guard let lead = try leads.snapshot(leadID), lead.owner != rep else { return }
        try routing.assign(leadID, to: rep, team: team, at: now)
        try routing.recordDecision(leadID: leadID, owner: rep, team: team, rule: rule, strategy: strategy, reason: reason, at: now)
        if let domain = lead.emailDomain, !Self.freeMailDomains.contains(domain) {
            try routing.claimAccount(domain, for: rep)
        }
        if !hasNoTasks(leadID) { try tasks.moveOpenTasks(of: leadID, to: rep) }
        if !lead.stage.isClosed { try startDeadline(leadID, owner: rep, team: team, at: now) }
        note(
            .leadRouted, .info, "lead \(leadID) assigned to \(rep): \(reason)",
            ["LEAD_ID": "\(leadID)", "REP": rep, "TEAM": team ?? "", "RULE": rule ?? ""])
        try runAutomations(.assigned, leadID: leadID, at: now)
    }

    /// Routes the leads left without an owner again; the daemon calls this after a reload, when capacity
    /// frees up, and at least once a minute.
    public func retryUnassigned(at now: Date) throws {
        for leadID in try routing.unassignedLeads() {
            startChange()
            try route(leadID, at: now)
        }
    }
}

extension CalendarDate {
    /// Creates the calendar day of `instant` in `timeZone`.
    init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
