import Foundation
import SmarketIngest

extension ConfigurationLoader {
    static let actionNames = ["create_task", "assign", "set_stage", "add_score", "notify"]

    static func decodeAutomations(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> [AutomationConfiguration]
    {
        guard let items = decoder.list(node, "a list of automations") else { return [] }
        var automations: [AutomationConfiguration] = []
        var names: [String: Int] = [:]
        for item in items {
            guard let automation = decodeAutomation(item, decoder),
                claim(automation.name, in: &names, at: item.mark, "automation name", decoder)
            else { continue }
            automations.append(automation)
        }
        return automations
    }

    private static func decodeAutomation(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> AutomationConfiguration?
    {
        guard
            let map = decoder.mapping(
                node, "an automation", known: ["name", "on", "event", "if", "do"],
                required: ["name", "on", "do"])
        else { return nil }
        let name = map["name"].flatMap { decoder.string($0, "the name of an automation") }
        let what = "automation '\(name ?? "?")'"

        var trigger: AutomationTrigger?

        if let node = map["on"], let text = decoder.string(node, "the trigger of \(what)") {
            trigger = AutomationTrigger(rawValue: text)
            if trigger == nil {
                let known = AutomationTrigger.allCases.map(\.rawValue)
                let hint =
                    NameSuggestion.nearest(to: text, in: known).map { "did you mean '\($0)'? " }
                    ?? ""
                decoder.error(
                    "unknown trigger '\(text)' for \(what); \(hint)expected one of: \(known.joined(separator: ", "))",
                    at: node.mark)
            }
        }

        var eventType: String?

        if let node = map["event"] {
            if trigger != nil, trigger != .event {
                decoder.error(
                    "'event' applies only to automations with 'on: event'; remove it or change the trigger",
                    at: node.mark)
            } else {
                eventType = decodeEventType(node, what, decoder)
            }
        } else if trigger == .event {
            decoder.error(
                "missing key 'event' in \(what); 'on: event' needs the event type, such as event: webinar_attended",
                at: map.mark)
        }

        let condition = map["if"].flatMap { decoder.expression($0, what) }

        var actions: [AutomationAction] = []

        if let node = map["do"], let items = decoder.list(node, "a list of actions") {
            if items.isEmpty {
                decoder.error(
                    "\(what) has no actions; expected at least one of: \(actionNames.joined(separator: ", "))",
                    at: node.mark)
            }
            actions = items.compactMap { decodeAction($0, what, decoder) }
        }

        guard let name, let trigger, map["if"] == nil || condition != nil else { return nil }
        return AutomationConfiguration(
            name: name, trigger: trigger, eventType: eventType, condition: condition,
            actions: actions)
    }

    /// Decodes one action, a mapping with exactly one key that names it.
    private static func decodeAction(
        _ node: YAMLNode, _ automation: String, _ decoder: ConfigurationDecoder
    ) -> AutomationAction? {
        let what = "an action of \(automation)"
        guard let map = decoder.mapping(node, what, known: actionNames) else { return nil }
        guard map.values.count == 1, let (name, value) = map.values.first else {
            if map.values.count > 1 {
                decoder.error(
                    "\(what) has \(map.values.count) actions in one item; write each action as its own list item",
                    at: map.mark)
            } else if case .mapping(let pairs, _) = node, pairs.isEmpty {
                decoder.error(
                    "\(what) is empty; expected one of: \(actionNames.joined(separator: ", "))",
                    at: map.mark)
            }
            return nil
        }
        switch name {
        case "create_task":
            guard
                let task = decoder.mapping(
                    value, "create_task", known: ["title", "due", "type"],
                    required: ["title", "due", "type"])
            else { return nil }
            let title = task["title"].flatMap { decoder.string($0, "the title of the task") }
            let due = task["due"].flatMap { decoder.duration($0, "the due time of the task") }
            let type = task["type"].flatMap { decoder.identifier($0, "the task type") }
            guard let title, let due, let type else { return nil }
            if let node = task["title"] { checkPlaceholders(title, at: node.mark, decoder: decoder) }
            return .createTask(TaskTemplate(title: title, due: due, type: type))
        case "assign":
            guard let target = decoder.identifier(value, "a rep id or a team id to assign to")
            else { return nil }
            decoder.reference(.repOrTeam, target, at: value.mark, usage: "assign in \(automation)")
            return .assign(.rep(target))
        case "set_stage":
            return decodeStage(value, "set_stage", decoder).map(AutomationAction.setStage)
        case "add_score":
            guard
                let score = decoder.mapping(
                    value, "add_score", known: ["points", "category"],
                    required: ["points", "category"])
            else { return nil }
            let points = score["points"].flatMap { decoder.number($0, "the points of add_score") }
            let category = score["category"].flatMap { decodeCategory($0, "add_score", decoder) }
            guard let points, let category else { return nil }
            return .addScore(points: points, category: category)
        default:
            guard
                let notify = decoder.mapping(
                    value, "notify", known: ["outbox"], required: ["outbox"]),
                let outboxNode = notify["outbox"],
                let outbox = decoder.identifier(outboxNode, "the outbox of notify")
            else { return nil }
            decoder.reference(
                .outbox, outbox, at: outboxNode.mark, usage: "notify in \(automation)")
            return .notify(outbox: outbox)
        }
    }
}

extension ConfigurationLoader {
    /// Warns about a `{name}` in a task title that names no lead field, because it is filled with nothing
    /// and a misspelled field would go unnoticed until the tasks show up without it.
    static func checkPlaceholders(_ title: String, at mark: YAMLMark, decoder: ConfigurationDecoder) {
        for name in TitleTemplate(title).fieldNames {
            let isCustom = name.hasPrefix("custom.") && name.count > "custom.".count
            guard LeadField(rawValue: name) == nil, !isCustom else { continue }
            let suggestion = NameSuggestion.nearest(to: name, in: LeadField.allCases.map(\.rawValue))
                .map { "did you mean {\($0)}? " } ?? ""
            decoder.warning(
                "the task title \"\(title)\" has the placeholder {\(name)}, which is no lead field, so it stays "
                    + "empty; \(suggestion)use a lead field such as {first_name} or custom.NAME",
                at: mark)
        }
    }
}
