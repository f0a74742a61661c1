import Foundation

extension ConfigurationLoader {
    static let repKeys = ["id", "name", "email", "team", "weight", "capacity", "manager", "away"]

    static func decodeReps(_ node: YAMLNode, _ decoder: ConfigurationDecoder) -> [RepConfiguration]
    {
        guard let items = decoder.list(node, "a list of reps") else { return [] }
        var reps: [RepConfiguration] = []
        var ids: [String: Int] = [:]
        for item in items {
            guard let rep = decodeRep(item, decoder),
                claim(rep.id, in: &ids, at: item.mark, "rep id", decoder)
            else { continue }
            decoder.marks.reps[rep.id] = item.mark
            reps.append(rep)
        }
        return reps
    }

    private static func decodeRep(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> RepConfiguration?
    {
        guard
            let map = decoder.mapping(
                node, "a rep", known: repKeys, required: ["id", "name", "email"])
        else { return nil }
        let id = map["id"].flatMap { decoder.identifier($0, "rep id") }
        let what = "rep '\(id ?? "?")'"
        let name = map["name"].flatMap { decoder.string($0, "the name of \(what)") }
        var email = map["email"].flatMap { decoder.string($0, "the email address of \(what)") }
        if let address = email, let emailNode = map["email"], !Self.looksLikeEmail(address) {
            decoder.error(
                "invalid email address '\(address)' for \(what); expected an address such as name@example.com",
                at: emailNode.mark)
            email = nil
        }

        var rep = RepConfiguration(id: id ?? "", name: name ?? "", email: email ?? "")

        if let node = map["team"], let team = decoder.identifier(node, "the team of \(what)") {
            rep.team = team
            decoder.reference(.team, team, at: node.mark, usage: "the team of \(what)")
        }

        if let node = map["manager"],
            let manager = decoder.identifier(node, "the manager of \(what)")
        {
            if manager == id {
                decoder.error(
                    "\(what) is its own manager; expected the id of another rep", at: node.mark)
            } else {
                rep.manager = manager
                decoder.reference(.rep, manager, at: node.mark, usage: "the manager of \(what)")
            }
        }

        if let node = map["weight"],
            let weight = decoder.number(node, "the weight of \(what) (a number above 0)")
        {
            if weight > 0 {
                rep.weight = weight
            } else {
                decoder.error(
                    "invalid weight \(weight) for \(what); expected a number above 0", at: node.mark
                )
            }
        }

        if let node = map["capacity"] {
            rep.capacity = decoder.integer(
                node, "the capacity of \(what) (a whole number of untouched leads)")
        }

        if let node = map["away"],
            let ranges = decoder.list(
                node, "a list of away ranges such as \"2026-12-24..2027-01-02\"")
        {
            rep.away = ranges.compactMap {
                decodeDateRange($0, "the away ranges of \(what)", decoder)
            }
        }
        guard id != nil, name != nil, email != nil else { return nil }
        return rep
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(" ")
    }

    /// Decodes `YYYY-MM-DD..YYYY-MM-DD` (both days included) or one `YYYY-MM-DD`.
    private static func decodeDateRange(
        _ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder
    ) -> ClosedRange<CalendarDate>? {
        guard let text = decoder.string(node, "a date range such as \"2026-12-24..2027-01-02\"")
        else { return nil }
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2 else {
            decoder.error(
                "invalid date range '\(text)' in \(what); expected FIRST..LAST such as 2026-12-24..2027-01-02",
                at: node.mark)
            return nil
        }
        let first = decoder.date(parts[0].trimmingCharacters(in: .whitespaces), at: node.mark, what)
        let last =
            parts.count == 2
            ? decoder.date(parts[1].trimmingCharacters(in: .whitespaces), at: node.mark, what)
            : first
        guard let first, let last else { return nil }
        guard first <= last else {
            decoder.error(
                "invalid date range '\(text)' in \(what); the first day comes after the last",
                at: node.mark)
            return nil
        }
        return first...last
    }

    static func decodeTeams(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> [TeamConfiguration]
    {
        guard let items = decoder.list(node, "a list of teams") else { return [] }
        var teams: [TeamConfiguration] = []
        var ids: [String: Int] = [:]
        for item in items {
            guard
                let map = decoder.mapping(
                    item, "a team", known: ["id", "strategy"], required: ["id"]),
                let idNode = map["id"], let id = decoder.identifier(idNode, "team id")
            else { continue }
            var team = TeamConfiguration(id: id)
            if let node = map["strategy"],
                let text = decoder.string(node, "the strategy of team '\(id)'")
            {
                if let strategy = RoutingStrategy(rawValue: text) {
                    team.strategy = strategy
                } else {
                    let known = RoutingStrategy.allCases.map(\.rawValue)
                    let hint =
                        NameSuggestion.nearest(to: text, in: known).map { "did you mean '\($0)'? " }
                        ?? ""
                    decoder.error(
                        "unknown strategy '\(text)' for team '\(id)'; \(hint)expected round_robin, weighted or least_loaded",
                        at: node.mark)
                }
            }
            guard claim(id, in: &ids, at: item.mark, "team id", decoder) else { continue }
            decoder.marks.teams[id] = item.mark
            teams.append(team)
        }
        return teams
    }

    static func decodeRouting(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> RoutingConfiguration
    {
        var routing = RoutingConfiguration()
        guard let map = decoder.mapping(node, "routing", known: ["account_ownership", "rules"])
        else { return routing }

        if let node = map["account_ownership"],
            let value = decoder.bool(node, "routing.account_ownership")
        {
            routing.accountOwnership = value
        }
        guard let node = map["rules"], let items = decoder.list(node, "a list of routing rules")
        else { return routing }
        for item in items {
            guard
                let rule = decoder.mapping(
                    item, "a routing rule", known: ["if", "team"], required: ["team"])
            else { continue }
            let condition = rule["if"].flatMap { decoder.expression($0, "the routing rule") }
            guard let teamNode = rule["team"],
                let team = decoder.identifier(teamNode, "the team of a routing rule")
            else { continue }
            decoder.reference(.team, team, at: teamNode.mark, usage: "the routing rule")
            if rule["if"] != nil, condition == nil { continue }
            routing.rules.append(RoutingRule(condition: condition, team: team))
        }
        return routing
    }
}
