import SmarketIngest

extension ConfigurationLoader {
    static func decodeScoring(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> ScoringConfiguration
    {
        var scoring = ScoringConfiguration()
        guard let map = decoder.mapping(node, "scoring", known: ["rules", "decay", "stages"]) else {
            return scoring
        }

        if let node = map["rules"], let items = decoder.list(node, "a list of scoring rules") {
            scoring.rules = items.compactMap { decodeScoringRule($0, decoder) }
        }

        if let node = map["decay"],
            let decay = decoder.mapping(
                node, "scoring.decay", known: ["half_life"], required: ["half_life"]),
            let halfLifeNode = decay["half_life"],
            let halfLife = decoder.duration(halfLifeNode, "scoring.decay.half_life")
        {
            if halfLife.elapsedSeconds > 0 {
                scoring.decayHalfLife = halfLife.elapsedSeconds
            } else {
                decoder.error(
                    "scoring.decay.half_life is 0; expected a duration above zero such as 30d",
                    at: halfLifeNode.mark)
            }
        }

        if let node = map["stages"],
            let stages = decoder.mapping(node, "scoring.stages", known: ["mql", "sql"])
        {
            scoring.mqlCondition = stages["mql"].flatMap {
                decoder.expression($0, "scoring.stages.mql")
            }
            scoring.sqlCondition = stages["sql"].flatMap {
                decoder.expression($0, "scoring.stages.sql")
            }
        }
        return scoring
    }

    private static func decodeScoringRule(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> ScoringRule?
    {
        let what = "a scoring rule"
        guard
            let map = decoder.mapping(
                node, what, known: ["if", "event", "points", "max", "category"],
                required: ["points", "category"])
        else { return nil }

        var trigger: ScoringTrigger?

        switch (map["if"], map["event"]) {
        case (let condition?, nil):
            trigger = decoder.expression(condition, what).map(ScoringTrigger.condition)
        case (nil, let event?):
            trigger = decodeEventType(event, what, decoder).map(ScoringTrigger.event)
        case (_?, let event?):
            decoder.error(
                "a scoring rule has both 'if' and 'event'; expected one of them", at: event.mark)
        case (nil, nil):
            decoder.error(
                "a scoring rule needs 'if' (a condition on lead fields) or 'event' (an event type)",
                at: map.mark)
        }
        let points = map["points"].flatMap {
            decoder.number($0, "the points of \(what) (a number, negative to subtract)")
        }

        var maximum: Double?

        if let node = map["max"],
            let value = decoder.number(node, "the max of \(what) (a number of points)")
        {
            if map["event"] == nil {
                decoder.error(
                    "'max' applies to event rules only; a rule with 'if' adds its points once",
                    at: node.mark)
            } else if value <= 0 {
                decoder.error(
                    "invalid max \(value.formatted) for \(what); expected a number of points above 0",
                    at: node.mark)
            } else {
                maximum = value
            }
        }

        let category = map["category"].flatMap { decodeCategory($0, what, decoder) }
        guard let trigger, let points, let category else { return nil }
        return ScoringRule(trigger: trigger, points: points, maximum: maximum, category: category)
    }

    static func decodeCategory(_ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder)
        -> ScoreCategory?
    {
        guard let text = decoder.string(node, "the category of \(what)") else { return nil }
        guard let category = ScoreCategory(rawValue: text) else {
            decoder.error(
                "unknown category '\(text)' for \(what); expected fit, engagement or intent",
                at: node.mark)
            return nil
        }
        return category
    }

    static func decodeEventType(_ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder)
        -> String?
    {
        guard let text = decoder.string(node, "the event type of \(what)") else { return nil }
        guard KnownEventTypes.all.contains(text) else {
            let known = KnownEventTypes.all.sorted()
            let hint =
                NameSuggestion.nearest(to: text, in: known).map { "did you mean '\($0)'? " } ?? ""
            decoder.error(
                "unknown event type '\(text)' in \(what); \(hint)expected one of: \(known.joined(separator: ", "))",
                at: node.mark)
            return nil
        }
        return text
    }

    static func decodeStage(_ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder)
        -> LeadStage?
    {
        guard let text = decoder.string(node, "a stage for \(what)") else { return nil }
        guard let stage = LeadStage(rawValue: text) else {
            let known = LeadStage.allCases.map(\.rawValue)
            let hint =
                NameSuggestion.nearest(to: text, in: known).map { "did you mean '\($0)'? " } ?? ""
            decoder.error(
                "unknown stage '\(text)' in \(what); \(hint)expected one of: \(known.joined(separator: ", "))",
                at: node.mark)
            return nil
        }
        return stage
    }
}
