import Foundation

/// One kind of difference between two configurations, described in one line for the journal.
public struct ConfigurationChange: Sendable, Hashable, CustomStringConvertible {
    /// The part of the configuration that changed; the daemon journals one entry per kind.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case stateDirectory = "state_dir"
        case timeZone = "timezone"
        case inboxes
        case reps
        case teams
        case routing
        case scoringRules = "scoring_rules"
        case thresholds
        case automations
        case outboxes
        case settings
    }

    public var kind: Kind
    /// What changed, such as `added erin; removed bob; modified alice (capacity, team)`.
    public var detail: String
    /// Whether a running daemon applies the change only after a restart.
    public var needsRestart: Bool

    public init(kind: Kind, detail: String, needsRestart: Bool = false) {
        self.kind = kind
        self.detail = detail
        self.needsRestart = needsRestart
    }

    public var description: String {
        "\(kind.rawValue): \(detail)" + (needsRestart ? " (takes effect after a restart)" : "")
    }
}

/// The differences between a running configuration and a newly loaded one, one
/// ``ConfigurationChange`` per kind, in the order of ``ConfigurationChange/Kind``.
///
/// Rules are compared by their text (conditions by ``Expression/source``), reps, teams, inboxes,
/// outboxes and automations by their ids or names. A state directory change, inboxes added or
/// removed and an inbox whose path changed need a restart, because the daemon holds the lock, the
/// database and the inotify watches of the running ones.
public struct ConfigurationDiff: Sendable {
    public let changes: [ConfigurationChange]

    public init(from old: Configuration, to new: Configuration) {
        var changes: [ConfigurationChange] = []
        func add(_ kind: ConfigurationChange.Kind, _ parts: [String], needsRestart: Bool = false) {
            guard !parts.isEmpty else { return }
            changes.append(
                ConfigurationChange(
                    kind: kind, detail: parts.joined(separator: "; "), needsRestart: needsRestart))
        }

        if old.stateDirectory != new.stateDirectory {
            add(.stateDirectory, ["\(old.stateDirectory) -> \(new.stateDirectory)"], needsRestart: true)
        }
        if old.timeZone.identifier != new.timeZone.identifier {
            add(.timeZone, ["\(old.timeZone.identifier) -> \(new.timeZone.identifier)"])
        }
        let inboxes = Self.compareInboxes(old.inboxes, new.inboxes)
        add(.inboxes, inboxes.parts, needsRestart: inboxes.needsRestart)
        add(.reps, Self.compareByID(old.reps, new.reps, id: \.id, fields: Self.repFields))
        add(.teams, Self.compareByID(old.teams, new.teams, id: \.id) { ["strategy": $0.strategy.rawValue] })
        add(.routing, Self.compareRouting(old.routing, new.routing))
        add(.scoringRules, Self.compareLists(old.scoring.rules.map(Self.describe), new.scoring.rules.map(Self.describe)))
        add(.thresholds, Self.compareThresholds(old, new))
        add(.automations, Self.compareByID(old.automations, new.automations, id: \.name, fields: Self.automationFields))
        add(.outboxes, Self.compareByID(old.outboxes, new.outboxes, id: \.name) { ["path": $0.path] })
        add(.settings, Self.compareSettings(old, new))
        self.changes = changes
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Whether any change applies only after a restart.
    public var needsRestart: Bool { changes.contains { $0.needsRestart } }

    // MARK: - Parts

    static func compareInboxes(
        _ old: [InboxConfiguration], _ new: [InboxConfiguration]
    ) -> (parts: [String], needsRestart: Bool) {
        let oldNames = Set(old.map(\.name))
        let newNames = Set(new.map(\.name))
        var parts: [String] = []
        var restart = false
        let added = new.map(\.name).filter { !oldNames.contains($0) }
        let removed = old.map(\.name).filter { !newNames.contains($0) }
        if !added.isEmpty {
            parts.append("added " + added.joined(separator: ", "))
            restart = true
        }
        if !removed.isEmpty {
            parts.append("removed " + removed.joined(separator: ", "))
            restart = true
        }
        var modified: [String] = []
        for inbox in old {
            guard let other = new.first(where: { $0.name == inbox.name }) else { continue }
            var fields: [String] = []
            if inbox.path != other.path {
                fields.append("path, after a restart")
                restart = true
            }
            if inbox.kind != other.kind { fields.append("kind") }
            if inbox.source != other.source { fields.append("source") }
            if inbox.locale != other.locale { fields.append("locale") }
            if inbox.mapping != other.mapping { fields.append("mapping") }
            if !fields.isEmpty { modified.append("\(inbox.name) (\(fields.joined(separator: ", ")))") }
        }
        if !modified.isEmpty { parts.append("modified " + modified.joined(separator: ", ")) }
        return (parts, restart)
    }

    /// Compares two lists of items by id; `fields` names and prints each compared property.
    static func compareByID<Item>(
        _ old: [Item], _ new: [Item], id: (Item) -> String, fields: (Item) -> [String: String]
    ) -> [String] {
        let oldByID = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.map(id))
        var parts: [String] = []
        let added = new.map(id).filter { oldByID[$0] == nil }
        let removed = old.map(id).filter { !newIDs.contains($0) }
        if !added.isEmpty { parts.append("added " + added.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("removed " + removed.joined(separator: ", ")) }
        var modified: [String] = []
        for item in new {
            guard let before = oldByID[id(item)] else { continue }
            let oldFields = fields(before)
            let newFields = fields(item)
            let names = Set(oldFields.keys).union(newFields.keys).filter { oldFields[$0] != newFields[$0] }
            if !names.isEmpty { modified.append("\(id(item)) (\(names.sorted().joined(separator: ", ")))") }
        }
        if !modified.isEmpty { parts.append("modified " + modified.joined(separator: ", ")) }
        return parts
    }

    /// Compares two lists of rule texts as multisets, and notes a new order of the same rules.
    static func compareLists(_ old: [String], _ new: [String]) -> [String] {
        var remaining = old
        var added: [String] = []
        for rule in new {
            if let index = remaining.firstIndex(of: rule) {
                remaining.remove(at: index)
            } else {
                added.append(rule)
            }
        }
        var parts: [String] = []
        if !added.isEmpty { parts.append("added " + added.joined(separator: ", ")) }
        if !remaining.isEmpty { parts.append("removed " + remaining.joined(separator: ", ")) }
        if parts.isEmpty && old != new { parts.append("same rules in a new order") }
        return parts
    }

    static func compareRouting(_ old: RoutingConfiguration, _ new: RoutingConfiguration) -> [String] {
        var parts = compareLists(old.rules.map(describe), new.rules.map(describe))
        if old.accountOwnership != new.accountOwnership {
            parts.append("account_ownership \(old.accountOwnership) -> \(new.accountOwnership)")
        }
        return parts
    }

    static func compareThresholds(_ old: Configuration, _ new: Configuration) -> [String] {
        let pairs: [(String, String, String)] = [
            ("stages.mql", old.scoring.mqlCondition?.source ?? "none", new.scoring.mqlCondition?.source ?? "none"),
            ("stages.sql", old.scoring.sqlCondition?.source ?? "none", new.scoring.sqlCondition?.source ?? "none"),
            ("scoring.decay.half_life", seconds(old.scoring.decayHalfLife), seconds(new.scoring.decayHalfLife)),
            ("sla.first_touch", old.sla.firstTouch.description, new.sla.firstTouch.description),
            ("sla.warn_before", old.sla.warnBefore.description, new.sla.warnBefore.description),
            (
                "sla.marketing.mql_per_month", old.sla.mqlPerMonth.map(String.init) ?? "none",
                new.sla.mqlPerMonth.map(String.init) ?? "none"
            ),
            ("sla.business_hours", describe(old.sla.businessHours), describe(new.sla.businessHours)),
            ("sla.escalation", describe(old.sla.escalation), describe(new.sla.escalation)),
            ("sla.notify_outbox", old.sla.notifyOutbox ?? "none", new.sla.notifyOutbox ?? "none"),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1) -> \($0.2)" }
    }

    static func compareSettings(_ old: Configuration, _ new: Configuration) -> [String] {
        var parts: [String] = []
        if old.limits != new.limits { parts.append("limits") }
        if old.journal != new.journal { parts.append("journal") }
        if old.retention != new.retention { parts.append("retention") }
        if old.metrics != new.metrics { parts.append("metrics") }
        return parts.isEmpty ? [] : ["changed " + parts.joined(separator: ", ")]
    }

    // MARK: - Descriptions

    static func repFields(_ rep: RepConfiguration) -> [String: String] {
        [
            "name": rep.name, "email": rep.email, "team": rep.team ?? "", "weight": "\(rep.weight)",
            "capacity": rep.capacity.map(String.init) ?? "", "manager": rep.manager ?? "",
            "away": rep.away.map { "\($0.lowerBound)..\($0.upperBound)" }.joined(separator: ","),
        ]
    }

    static func automationFields(_ automation: AutomationConfiguration) -> [String: String] {
        [
            "on": automation.trigger.rawValue, "event": automation.eventType ?? "",
            "if": automation.condition?.source ?? "", "do": "\(automation.actions)",
        ]
    }

    static func describe(_ rule: ScoringRule) -> String {
        let trigger: String
        switch rule.trigger {
        case .condition(let condition): trigger = "if '\(condition.source)'"
        case .event(let type): trigger = "event \(type)"
        }
        let maximum = rule.maximum.map { " max \(number($0))" } ?? ""
        return "\(trigger) \(number(rule.points)) \(rule.category.rawValue)\(maximum)"
    }

    static func describe(_ rule: RoutingRule) -> String {
        (rule.condition.map { "if '\($0.source)' " } ?? "") + "-> team \(rule.team)"
    }

    static func describe(_ hours: BusinessHoursConfiguration?) -> String {
        guard let hours else { return "none" }
        let days = hours.days.sorted { $0.rawValue < $1.rawValue }.map(\.abbreviation).joined(separator: ",")
        let holidays = hours.holidays.sorted().map(\.description).joined(separator: ",")
        return "\(days) \(clock(hours.opening))-\(clock(hours.closing)) holidays [\(holidays)]"
    }

    static func describe(_ steps: [EscalationStep]) -> String {
        steps.isEmpty ? "none" : steps.map { "\($0.action.rawValue) after \($0.after)" }.joined(separator: ", ")
    }

    static func seconds(_ value: TimeInterval?) -> String {
        value.map { SLADuration.seconds($0).description } ?? "none"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
