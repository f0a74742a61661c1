import Foundation

extension ConfigurationLoader {
    static let slaKeys = [
        "marketing", "first_touch", "warn_before", "business_hours", "notify_outbox", "escalation",
    ]

    static func decodeSLA(_ node: YAMLNode, _ decoder: ConfigurationDecoder) -> SLAConfiguration {
        var sla = SLAConfiguration()
        guard let map = decoder.mapping(node, "sla", known: slaKeys) else { return sla }

        if let node = map["marketing"],
            let marketing = decoder.mapping(node, "sla.marketing", known: ["mql_per_month"]),
            let target = marketing["mql_per_month"]
        {
            sla.mqlPerMonth = decoder.integer(
                target, "sla.marketing.mql_per_month (a whole number of MQLs)")
        }

        if let node = map["first_touch"], let value = decoder.duration(node, "sla.first_touch") {
            if value.elapsedSeconds > 0 {
                sla.firstTouch = value
                decoder.marks.slaTiming = node.mark
            } else {
                decoder.error(
                    "sla.first_touch is 0; expected a duration above zero such as 24h",
                    at: node.mark)
            }
        }

        if let node = map["warn_before"], let value = decoder.duration(node, "sla.warn_before") {
            sla.warnBefore = value
            decoder.marks.slaTiming = node.mark
        }

        if let node = map["business_hours"] {
            sla.businessHours = decodeBusinessHours(node, decoder)
        }

        if let node = map["notify_outbox"],
            let outbox = decoder.identifier(node, "sla.notify_outbox")
        {
            sla.notifyOutbox = outbox
            decoder.reference(.outbox, outbox, at: node.mark, usage: "sla.notify_outbox")
        }

        if let node = map["escalation"],
            let items = decoder.list(node, "a list of escalation steps")
        {
            sla.escalation = items.compactMap { decodeEscalationStep($0, decoder) }
        }
        return sla
    }

    private static func decodeEscalationStep(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> EscalationStep?
    {
        let what = "an escalation step"
        guard
            let map = decoder.mapping(
                node, what, known: ["after", "notify", "reassign"], required: ["after"])
        else { return nil }
        let after = map["after"].flatMap { decoder.duration($0, "the after of \(what)") }
        var action: EscalationAction?

        switch (map["notify"], map["reassign"]) {
        case (let notify?, nil):
            if decoder.string(notify, "the notify of \(what)") == "manager" {
                action = .notifyManager
            } else {
                decoder.error(
                    "invalid escalation '\(describeScalar(notify))'; expected 'notify: manager' or 'reassign: next'",
                    at: notify.mark)
            }
        case (nil, let reassign?):
            if decoder.string(reassign, "the reassign of \(what)") == "next" {
                action = .reassignNext
            } else {
                decoder.error(
                    "invalid escalation '\(describeScalar(reassign))'; expected 'notify: manager' or 'reassign: next'",
                    at: reassign.mark)
            }
        case (_?, let reassign?):
            decoder.error(
                "\(what) has both 'notify' and 'reassign'; write each as its own step",
                at: reassign.mark)
        case (nil, nil):
            decoder.error(
                "\(what) has no action; expected 'notify: manager' or 'reassign: next'",
                at: map.mark)
        }

        guard let after, let action else { return nil }
        return EscalationStep(after: after, action: action)
    }

    private static func describeScalar(_ node: YAMLNode) -> String {
        if case .scalar(let text, _, _) = node { return text }
        return node.kindDescription
    }

    private static func decodeBusinessHours(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> BusinessHoursConfiguration?
    {
        guard
            let map = decoder.mapping(
                node, "sla.business_hours", known: ["days", "hours", "holidays"],
                required: ["days", "hours"])
        else { return nil }
        let days = map["days"].flatMap { decodeWeekdays($0, decoder) }

        var hours: (opening: Int, closing: Int)?

        if let node = map["hours"], let text = decoder.string(node, "sla.business_hours.hours") {
            hours = parseHours(text)
            if hours == nil {
                decoder.error(
                    "invalid hours '\(text)'; expected \"HH:MM-HH:MM\" with the opening before the closing, such as \"09:00-17:00\"",
                    at: node.mark)
            }
        }

        var holidays: Set<CalendarDate> = []

        if let node = map["holidays"],
            let items = decoder.list(node, "a list of holidays such as [\"2026-12-25\"]")
        {
            for item in items {
                guard let text = decoder.string(item, "a holiday date") else { continue }
                if let date = decoder.date(text, at: item.mark, "sla.business_hours.holidays") {
                    holidays.insert(date)
                }
            }
        }

        guard let days, let hours else { return nil }
        return BusinessHoursConfiguration(
            days: days, opening: hours.opening, closing: hours.closing, holidays: holidays)
    }

    /// Decodes `mon-fri`, `mon`, or a list such as `[mon, tue, thu]`.
    private static func decodeWeekdays(_ node: YAMLNode, _ decoder: ConfigurationDecoder) -> Set<
        Weekday
    >? {
        let expected =
            "expected a range such as mon-fri or a list such as [mon, tue] of mon, tue, wed, thu, fri, sat, sun"
        if case .sequence(let items, _) = node {
            var days: Set<Weekday> = []
            for item in items {
                guard let text = decoder.string(item, "a day such as mon") else { continue }
                guard let day = Weekday(abbreviation: text) else {
                    decoder.error(
                        "invalid day '\(text)' in sla.business_hours.days; \(expected)",
                        at: item.mark)
                    continue
                }
                days.insert(day)
            }
            if items.isEmpty {
                decoder.error("sla.business_hours.days is empty; \(expected)", at: node.mark)
            }
            return days
        }
        guard let text = decoder.string(node, "days as mon-fri or a list such as [mon, tue]") else {
            return nil
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let bounds = parts.compactMap(Weekday.init(abbreviation:))
        guard (1...2).contains(parts.count), bounds.count == parts.count else {
            decoder.error(
                "invalid days '\(text)' in sla.business_hours; \(expected)", at: node.mark)
            return nil
        }
        let first = bounds[0].rawValue
        let last = bounds[bounds.count - 1].rawValue
        // A range may wrap past Saturday, as in sat-mon.
        let length = (last - first + 7) % 7
        return Set((0...length).map { Weekday(rawValue: (first - 1 + $0) % 7 + 1)! })
    }

    /// Parses `HH:MM-HH:MM` into minutes after midnight; the closing may be `24:00`.
    static func parseHours(_ text: String) -> (opening: Int, closing: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let opening = minutes(parts[0].trimmingCharacters(in: .whitespaces)),
            let closing = minutes(parts[1].trimmingCharacters(in: .whitespaces)), opening < closing
        else { return nil }
        return (opening, closing)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...59).contains(minute),
            (0...23).contains(hour) || (hour == 24 && minute == 0)
        else { return nil }
        return hour * 60 + minute
    }
}
