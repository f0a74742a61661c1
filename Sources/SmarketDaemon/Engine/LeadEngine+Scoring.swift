import Foundation
import SmarketIngest
import SmarketRules
import SmarketStore

extension LeadEngine {
    /// Returns the key that names a scoring rule in the score history.
    static func ruleKey(_ rule: ScoringRule) -> String {
        switch rule.trigger {
        case .condition(let expression): "if " + expression.source
        case .event(let type): "event " + type
        }
    }

    /// Re-evaluates the field rules on the lead's current fields, recomputes the totals with decay, and
    /// promotes the stage when `stages.mql` or `stages.sql` now holds. A merge therefore never adds the points
    /// of a field rule twice: a rule gives its points while it holds and takes them back when it stops.
    /// - Parameter isNew: the lead was created by this change, so it has no points yet.
    func rescore(_ leadID: Int64, isNew: Bool = false, at now: Date) throws {
        guard var lead = try leads.snapshot(leadID) else { return }
        let active = isNew ? [:] : try scores.activeFieldRules(of: leadID)
        var changes: [(rule: String, category: String, points: Double)] = []
        var seen: Set<String> = []
        for rule in configuration.scoring.rules {
            guard case .condition(let condition) = rule.trigger else { continue }
            let key = Self.ruleKey(rule)
            guard seen.insert(key).inserted else { continue }
            let holds = condition.evaluate(context(lead))
            let previous = active[key]
            if holds && previous != rule.points {
                changes.append((key, rule.category.rawValue, rule.points - (previous ?? 0)))
                try scores.setFieldRule(key, category: rule.category.rawValue, points: rule.points, of: leadID)
            } else if !holds, let previous {
                changes.append((key, rule.category.rawValue, -previous))
                try scores.setFieldRule(key, category: rule.category.rawValue, points: nil, of: leadID)
            }
        }
        // Rules removed from the configuration by a reload take their points back.
        for (key, points) in active where !seen.contains(key) {
            changes.append((key, "fit", -points))
            try scores.setFieldRule(key, category: "fit", points: nil, of: leadID)
        }
        var total = lead.score
        for change in changes {
            total += change.points
            try scores.recordChange(
                leadID: leadID, rule: change.rule, category: change.category, points: change.points, eventID: nil,
                eventAt: nil, scoreAfter: total, at: now)
        }
        if !isNew {
            lead.score = try updateTotals(leadID, at: now)
        } else if !changes.isEmpty {
            // A new lead's score history is the changes above, so it is not read back. A new lead that no
            // rule gives points keeps the zero totals it was inserted with.
            let recordedAt = Timestamp.date(Timestamp.string(now)) ?? now
            let entries = changes.map { ScoreEntry(category: $0.category, points: $0.points, countsFrom: recordedAt) }
            lead.score = try storeTotals(leadID, entries, at: now)
        }
        try promote(lead, at: now)
    }

    /// Adds the points of a scoring event rule or an automation, within the rule's cap.
    func addPoints(
        _ points: Double, rule: String, category: ScoreCategory, maximum: Double?, leadID: Int64, eventID: Int64?,
        eventAt: Date?, at now: Date
    ) throws {
        var granted = points
        if let maximum {
            let already = try scores.pointsAdded(by: rule, to: leadID)
            granted = points >= 0 ? min(points, max(0, maximum - already)) : points
        }
        guard granted != 0 else { return }
        let current = try leads.snapshot(leadID)?.score ?? 0
        try scores.recordChange(
            leadID: leadID, rule: rule, category: category.rawValue, points: granted, eventID: eventID,
            eventAt: eventAt, scoreAfter: current + granted, at: now)
        _ = try updateTotals(leadID, at: now)
        if let lead = try leads.snapshot(leadID) { try promote(lead, at: now) }
    }

    /// Recomputes fit, engagement and intent from the score history. Engagement points count half after
    /// each half-life since their event, and an event dated in the future counts as now.
    @discardableResult
    func updateTotals(_ leadID: Int64, at now: Date) throws -> Double {
        try storeTotals(leadID, try scores.entries(of: leadID), at: now)
    }

    /// Sums the lead's score history by category, stores the totals and returns the score.
    private func storeTotals(_ leadID: Int64, _ entries: [ScoreEntry], at now: Date) throws -> Double {
        var fit = 0.0
        var engagement = 0.0
        var intent = 0.0
        let halfLife = configuration.scoring.decayHalfLife
        for entry in entries {
            switch entry.category {
            case "engagement":
                let age = max(0, now.timeIntervalSince(entry.countsFrom))
                engagement += halfLife.map { entry.points * pow(0.5, age / $0) } ?? entry.points
            case "intent": intent += entry.points
            default: fit += entry.points
            }
        }
        engagement = (engagement * 100).rounded() / 100
        try scores.setTotals(of: leadID, fit: fit, engagement: engagement, intent: intent)
        return fit + engagement + intent
    }

    /// Promotes a lead to mql or sql when the configured condition holds; never moves it back.
    func promote(_ lead: LeadSnapshot, at now: Date) throws {
        let scoring = configuration.scoring
        if let sql = scoring.sqlCondition, lead.stage.precedes(.sql), sql.evaluate(context(lead)) {
            try changeStage(lead.id, to: .sql, reason: "stages.sql: \(sql.source)", at: now)
        } else if let mql = scoring.mqlCondition, lead.stage == .lead, mql.evaluate(context(lead)) {
            try changeStage(lead.id, to: .mql, reason: "stages.mql: \(mql.source)", at: now)
        }
    }

    /// Recomputes decayed engagement scores; the daemon calls this periodically.
    public func refreshDecay(at now: Date) throws {
        guard configuration.scoring.decayHalfLife != nil else { return }
        for leadID in try scores.leadsWithEngagement() {
            try updateTotals(leadID, at: now)
        }
    }
}
