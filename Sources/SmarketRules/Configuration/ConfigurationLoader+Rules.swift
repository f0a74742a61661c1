extension ConfigurationLoader {
    /// Decodes reps, teams, routing, scoring, SLA, automations, outboxes and metrics.
    static func decodeRules(
        _ top: DecodedMapping, into configuration: inout Configuration,
        _ decoder: ConfigurationDecoder
    ) {
        if let node = top["reps"] { configuration.reps = decodeReps(node, decoder) }
        if let node = top["teams"] { configuration.teams = decodeTeams(node, decoder) }
        if let node = top["routing"] { configuration.routing = decodeRouting(node, decoder) }
        if let node = top["scoring"] { configuration.scoring = decodeScoring(node, decoder) }
        if let node = top["sla"] { configuration.sla = decodeSLA(node, decoder) }
        if let node = top["automations"] {
            configuration.automations = decodeAutomations(node, decoder)
        }
        if let node = top["outboxes"] { configuration.outboxes = decodeOutboxes(node, decoder) }
        if let node = top["metrics"] { configuration.metrics = decodeMetrics(node, decoder) }
    }

    /// Reports a second use of a name as an error; returns whether the name is new.
    static func claim(
        _ name: String, in seen: inout [String: Int], at mark: YAMLMark, _ what: String,
        _ decoder: ConfigurationDecoder
    ) -> Bool {
        if let line = seen[name] {
            decoder.error(
                "duplicate \(what) '\(name)', first used on line \(line); give each its own",
                at: mark)
            return false
        }
        seen[name] = mark.line
        return true
    }

    static func decodeOutboxes(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> [OutboxConfiguration]
    {
        guard let items = decoder.list(node, "a list of outboxes") else { return [] }
        var outboxes: [OutboxConfiguration] = []
        var names: [String: Int] = [:]
        var paths: [String: String] = [:]
        for item in items {
            guard
                let map = decoder.mapping(
                    item, "an outbox", known: ["name", "path"], required: ["name", "path"])
            else { continue }
            let name = map["name"].flatMap { decoder.identifier($0, "outbox name") }
            let path = map["path"].flatMap {
                decoder.path($0, "the path of outbox '\(name ?? "")'")
            }
            guard let name, let path, claim(name, in: &names, at: item.mark, "outbox name", decoder)
            else { continue }
            if let other = paths[path] {
                decoder.error(
                    "outbox '\(name)' uses the same path as outbox '\(other)' (\(path)); give each outbox its own folder",
                    at: item.mark)
                continue
            }
            paths[path] = name
            decoder.marks.outboxes[name] = item.mark
            outboxes.append(OutboxConfiguration(name: name, path: path))
        }
        return outboxes
    }

    static func decodeMetrics(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> MetricsConfiguration?
    {
        guard let map = decoder.mapping(node, "metrics", known: ["path"], required: ["path"]),
            let pathNode = map["path"], let path = decoder.path(pathNode, "metrics.path")
        else { return nil }
        return MetricsConfiguration(path: path)
    }
}
