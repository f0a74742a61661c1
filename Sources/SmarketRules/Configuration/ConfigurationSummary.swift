import SmarketIngest

/// The short text that `smarketd check-config` prints for a valid configuration.
public struct ConfigurationSummary {
    public var text: String

    public init(_ configuration: Configuration) {
        var lines: [String] = []
        lines.append("configuration: \(configuration.sourcePath)")
        lines.append("state directory: \(configuration.stateDirectory)")
        lines.append("time zone: \(configuration.timeZone.identifier)")

        lines.append("inboxes: \(configuration.inboxes.count)")
        for inbox in configuration.inboxes {
            lines.append("  \(inbox.name) (\(inbox.kind.rawValue)): \(inbox.path)")
        }
        lines.append("reps: \(configuration.reps.count)")
        for rep in configuration.reps {
            var facts = [rep.team.map { "team \($0)" } ?? "no team"]
            if rep.weight != 1 { facts.append("weight \(rep.weight.formatted)") }
            if let capacity = rep.capacity { facts.append("capacity \(capacity)") }
            if let manager = rep.manager { facts.append("manager \(manager)") }
            if !rep.away.isEmpty {
                facts.append(
                    "away \(rep.away.map { "\($0.lowerBound)..\($0.upperBound)" }.joined(separator: ", "))"
                )
            }
            lines.append("  \(rep.id): \(facts.joined(separator: ", "))")
        }
        lines.append("teams: \(configuration.teams.count)")
        for team in configuration.teams {
            let members = configuration.reps.filter { $0.team == team.id }.map(\.id)
            lines.append(
                "  \(team.id) (\(team.strategy.rawValue)): \(members.isEmpty ? "no reps" : members.joined(separator: ", "))"
            )
        }
        let ownership = configuration.routing.accountOwnership ? ", account ownership on" : ""
        lines.append("routing rules: \(configuration.routing.rules.count)\(ownership)")
        for rule in configuration.routing.rules {
            lines.append(
                "  \(rule.condition.map { "if \($0.source)" } ?? "always") -> team \(rule.team)")
        }
        lines.append("scoring rules: \(configuration.scoring.rules.count)")
        for rule in configuration.scoring.rules {
            let trigger: String
            switch rule.trigger {
            case .condition(let expression): trigger = "if \(expression.source)"
            case .event(let type): trigger = "event \(type)"
            }
            let cap = rule.maximum.map { ", max \($0.formatted)" } ?? ""
            lines.append("  \(trigger): \(rule.points.formatted) \(rule.category.rawValue)\(cap)")
        }
        if let mql = configuration.scoring.mqlCondition { lines.append("  mql when \(mql.source)") }
        if let sql = configuration.scoring.sqlCondition { lines.append("  sql when \(sql.source)") }
        let sla = configuration.sla
        let hours = sla.businessHours == nil ? "elapsed time" : "business hours"
        lines.append(
            "sla: first touch \(sla.firstTouch), warning \(sla.warnBefore) before, \(hours), \(counted(sla.escalation.count, "escalation step"))"
        )
        lines.append("automations: \(configuration.automations.count)")
        for automation in configuration.automations {
            let event = automation.eventType.map { " \($0)" } ?? ""
            lines.append(
                "  \(automation.name) (on \(automation.trigger.rawValue)\(event), \(counted(automation.actions.count, "action")))"
            )
        }
        lines.append("outboxes: \(configuration.outboxes.count)")
        for outbox in configuration.outboxes {
            lines.append("  \(outbox.name): \(outbox.path)")
        }
        text = lines.joined(separator: "\n") + "\n"
    }
}
