/// Checks what spans sections once every section is decoded: names that refer to reps, teams
/// and outboxes, and the conditions that deserve a warning.
struct ConfigurationValidator {
    let decoder: ConfigurationDecoder

    func validate(_ configuration: inout Configuration) {
        resolveReferences(in: configuration)
        resolveAssignments(in: &configuration)
        checkOutboxFolders(in: configuration)
        warn(about: configuration)
        warnAboutTiming(of: configuration.sla)
    }

    /// Reports an outbox that writes into an inbox, where the daemon would ingest its own records.
    private func checkOutboxFolders(in configuration: Configuration) {
        for outbox in configuration.outboxes {
            guard let inbox = configuration.inboxes.first(where: { $0.path == outbox.path }) else {
                continue
            }
            decoder.error(
                "outbox '\(outbox.name)' writes into the folder of inbox '\(inbox.name)' "
                    + "(\(outbox.path)), so the daemon would read its own records; "
                    + "give the outbox its own folder",
                at: decoder.marks.outboxes[outbox.name] ?? YAMLMark(line: 1, column: 1))
        }
    }

    /// Warns when the SLA warning would fire at or before the assignment.
    private func warnAboutTiming(of sla: SLAConfiguration) {
        let tooEarly: Bool
        switch (sla.warnBefore, sla.firstTouch) {
        case (.seconds(let warn), .seconds(let deadline)): tooEarly = warn >= deadline
        case (.days(let warn), .days(let deadline)): tooEarly = warn >= deadline
        default: tooEarly = false
        }
        guard tooEarly, let mark = decoder.marks.slaTiming else { return }
        decoder.warning(
            "sla.warn_before (\(sla.warnBefore)) is not shorter than sla.first_touch "
                + "(\(sla.firstTouch)), so every SLA warning fires at the assignment; "
                + "choose a shorter warn_before",
            at: mark)
    }

    private func resolveReferences(in configuration: Configuration) {
        let reps = configuration.reps.map(\.id)
        let teams = configuration.teams.map(\.id)
        let outboxes = configuration.outboxes.map(\.name)
        for reference in decoder.references {
            let known: [String]
            let noun: String
            switch reference.kind {
            case .rep: (known, noun) = (reps, "rep")
            case .team: (known, noun) = (teams, "team")
            case .outbox: (known, noun) = (outboxes, "outbox")
            case .repOrTeam: (known, noun) = (reps + teams, "rep or team")
            }
            guard !known.contains(reference.name) else { continue }
            let hint =
                NameSuggestion.nearest(to: reference.name, in: known).map {
                    "did you mean '\($0)'? "
                } ?? ""
            let defined =
                known.isEmpty
                ? "none is defined" : "expected one of: \(known.joined(separator: ", "))"
            decoder.error(
                "unknown \(noun) '\(reference.name)' in \(reference.usage); \(hint)\(defined)",
                at: reference.mark)
        }
        let repIDs = Set(reps)
        for reference in decoder.references
        where reference.kind == .repOrTeam && repIDs.contains(reference.name)
            && teams.contains(reference.name)
        {
            decoder.error(
                "'\(reference.name)' in \(reference.usage) is both a rep id and a team id; give the team a different id",
                at: reference.mark)
        }
    }

    /// Turns `assign` targets, decoded as reps, into teams where the id names a team.
    private func resolveAssignments(in configuration: inout Configuration) {
        let teams = Set(configuration.teams.map(\.id))
        for index in configuration.automations.indices {
            configuration.automations[index].actions = configuration.automations[index].actions.map
            { action in
                if case .assign(.rep(let id)) = action, teams.contains(id) {
                    return .assign(.team(id))
                }
                return action
            }
        }
    }

    private func warn(about configuration: Configuration) {
        let marks = decoder.marks
        let steps = configuration.sla.escalation
        if steps.contains(where: { $0.action == .notifyManager }) {
            for rep in configuration.reps where rep.team != nil && rep.manager == nil {
                decoder.warning(
                    "rep '\(rep.id)' has no manager, but an escalation step notifies managers; add manager: ID so the breach reaches someone",
                    at: marks.reps[rep.id] ?? YAMLMark(line: 1, column: 1))
            }
        }
        let members = Dictionary(
            grouping: configuration.reps.filter { $0.team != nil }, by: { $0.team! })
        let reassigns = steps.contains { $0.action == .reassignNext }
        for team in configuration.teams {
            let mark = marks.teams[team.id] ?? YAMLMark(line: 1, column: 1)
            let count = members[team.id]?.count ?? 0
            if count == 0 {
                decoder.warning(
                    "team '\(team.id)' has no reps; leads routed to it stay unassigned until a rep joins",
                    at: mark)
            } else if count == 1 && reassigns {
                decoder.warning(
                    "team '\(team.id)' has one rep, so 'reassign: next' gives a breached lead back to the same rep",
                    at: mark)
            }
        }
        for rep in configuration.reps where rep.capacity == 0 {
            decoder.warning(
                "rep '\(rep.id)' has capacity 0 and gets no new leads; remove capacity for no cap",
                at: marks.reps[rep.id] ?? YAMLMark(line: 1, column: 1))
        }
    }
}
