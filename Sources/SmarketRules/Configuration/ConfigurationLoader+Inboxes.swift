import Foundation
import SmarketIngest

extension ConfigurationLoader {
    static let inboxKeys = ["name", "path", "kind", "source", "locale", "mapping"]

    /// Decodes the `inboxes` list; duplicate names and paths are errors.
    static func decodeInboxes(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> [InboxConfiguration]?
    {
        guard let items = decoder.list(node, "a list of inboxes") else { return nil }
        if items.isEmpty {
            decoder.error(
                "inboxes is empty; expected at least one inbox with name, path and kind",
                at: node.mark)
        }
        var inboxes: [InboxConfiguration] = []
        var names: [String: Int] = [:]
        var paths: [String: String] = [:]
        for item in items {
            guard let inbox = decodeInbox(item, decoder) else { continue }
            if let line = names[inbox.name] {
                decoder.error(
                    "duplicate inbox name '\(inbox.name)', first used on line \(line); give each inbox its own name",
                    at: item.mark)
                continue
            }
            names[inbox.name] = item.mark.line
            if let other = paths[inbox.path] {
                decoder.error(
                    "inbox '\(inbox.name)' uses the same path as inbox '\(other)' (\(inbox.path)); give each inbox its own folder",
                    at: item.mark)
                continue
            }
            paths[inbox.path] = inbox.name
            inboxes.append(inbox)
        }
        return inboxes
    }

    private static func decodeInbox(_ node: YAMLNode, _ decoder: ConfigurationDecoder)
        -> InboxConfiguration?
    {
        guard
            let map = decoder.mapping(
                node, "an inbox", known: inboxKeys, required: ["name", "path", "kind"])
        else {
            return nil
        }
        let name = map["name"].flatMap { decoder.identifier($0, "inbox name") }
        let what = name.map { "inbox '\($0)'" } ?? "an inbox"
        let path = map["path"].flatMap { decoder.path($0, "the path of \(what)") }
        var kind: InboxKind?
        if let node = map["kind"],
            let text = decoder.string(node, "the kind of \(what) (leads or events)")
        {
            kind = InboxKind(rawValue: text)
            if kind == nil {
                decoder.error(
                    "invalid kind '\(text)' for \(what); expected leads or events", at: node.mark)
            }
        }
        let source = map["source"].flatMap { decoder.string($0, "the source of \(what)") }
        let locale = map["locale"].flatMap { decodeLocale($0, what, decoder) }
        let mapping = map["mapping"].flatMap { decodeMapping($0, what, decoder) } ?? [:]
        guard let name, let path, let kind else { return nil }
        return InboxConfiguration(
            name: name, path: path, kind: kind, source: source, locale: locale, mapping: mapping)
    }

    private static func decodeLocale(
        _ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder
    ) -> String? {
        guard let text = decoder.string(node, "the locale of \(what)") else { return nil }
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        let language = parts[0]
        let validLanguage =
            (2...3).contains(language.count) && language.allSatisfy { $0.isASCII && $0.isLowercase }
        let validRegion =
            parts.count == 1
            || (parts.count == 2 && parts[1].count == 2
                && parts[1].allSatisfy { $0.isASCII && $0.isUppercase })
        guard validLanguage, validRegion else {
            decoder.error(
                "invalid locale '\(text)' for \(what); expected a POSIX locale name such as de_DE or en_US",
                at: node.mark)
            return nil
        }
        return text
    }

    /// Decodes `mapping`: column headers, as written, to a lead field name or `custom.NAME`.
    private static func decodeMapping(
        _ node: YAMLNode, _ what: String, _ decoder: ConfigurationDecoder
    ) -> [String: ColumnTarget]? {
        guard case .mapping(let pairs, _) = node else {
            decoder.error(
                "expected the mapping of \(what) as column headers to lead fields, found \(node.kindDescription)",
                at: node.mark)
            return nil
        }
        var mapping: [String: ColumnTarget] = [:]
        var seen: [String: Int] = [:]
        for (keyNode, valueNode) in pairs {
            guard let header = decoder.string(keyNode, "a column header") else { continue }
            if let line = seen[header] {
                decoder.error(
                    "duplicate key '\(header)' in the mapping of \(what), first given on line \(line); remove one of them",
                    at: keyNode.mark)
                continue
            }
            seen[header] = keyNode.mark.line
            guard let target = decoder.string(valueNode, "a lead field name or custom.NAME") else {
                continue
            }
            if let field = LeadField(rawValue: target) {
                mapping[header] = .field(field)
            } else if target.hasPrefix("custom."), target.count > "custom.".count {
                let name = String(target.dropFirst("custom.".count))
                mapping[header] = .custom(
                    name.lowercased().replacingOccurrences(of: " ", with: "_"))
            } else {
                let hint =
                    NameSuggestion.nearest(to: target, in: LeadField.allCases.map(\.rawValue))
                    .map { "did you mean '\($0)'? " } ?? ""
                decoder.error(
                    "unknown lead field '\(target)' in the mapping of \(what); \(hint)expected a lead field (\(LeadField.allCases.map(\.rawValue).joined(separator: ", "))) or custom.NAME",
                    at: valueNode.mark)
            }
        }
        return mapping
    }
}
