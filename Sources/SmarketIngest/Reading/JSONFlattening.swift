/// Conversion of one JSON record to named string fields.
///
/// Scalars become strings (numbers as written, `true`/`false`, null as empty). Nested objects
/// flatten with dotted names (`address.city`). Arrays of scalars become their values joined
/// with ", ", and other arrays flatten with 1-based positions (`items.2.sku`). A Google Ads
/// lead form `user_column_data` array becomes one field per entry, named by `column_id`.
enum JSONFlattening {
    /// Keys that Google Ads lead form webhooks carry and that are not lead data: the
    /// `google_key` is the shared secret that authenticates the webhook, so it is not stored.
    static let webhookSecretKeys: Set<String> = ["google_key"]

    /// Returns the fields of one record object.
    static func fields(of members: [JSONMember]) -> [RawField] {
        var fields: [RawField] = []
        appendObject(members, prefix: "", to: &fields)
        return fields
    }

    private static func appendObject(
        _ members: [JSONMember], prefix: String, to fields: inout [RawField]
    ) {
        let isWebhook = members.contains { $0.key == "user_column_data" }
        for member in members {
            if isWebhook && webhookSecretKeys.contains(member.key) { continue }
            let name = prefix + member.key
            if member.key == "user_column_data", case .array(let columns) = member.value {
                appendUserColumns(columns, prefix: prefix, name: name, to: &fields)
            } else {
                append(member.value, name: name, to: &fields)
            }
        }
    }

    private static func append(_ value: JSONValue, name: String, to fields: inout [RawField]) {
        switch value {
        case .object(let members):
            if members.isEmpty {
                fields.append(RawField(name: name, value: ""))
            } else {
                appendObject(members, prefix: name + ".", to: &fields)
            }
        case .array(let elements):
            if let scalars = scalarStrings(elements) {
                fields.append(RawField(name: name, value: scalars.joined(separator: ", ")))
            } else {
                for (index, element) in elements.enumerated() {
                    append(element, name: "\(name).\(index + 1)", to: &fields)
                }
            }
        default:
            fields.append(RawField(name: name, value: scalarString(value) ?? ""))
        }
    }

    /// Appends the entries of a `user_column_data` array: `{column_id, column_name?, string_value}`.
    private static func appendUserColumns(
        _ columns: [JSONValue], prefix: String, name: String, to fields: inout [RawField]
    ) {
        for (index, column) in columns.enumerated() {
            guard case .object(let members) = column else {
                append(column, name: "\(name).\(index + 1)", to: &fields)
                continue
            }
            let columnID = members.first { $0.key == "column_id" }.flatMap {
                scalarString($0.value)
            }
            let columnName = members.first { $0.key == "column_name" }.flatMap {
                scalarString($0.value)
            }
            let value =
                members.first { $0.key == "string_value" }.flatMap { scalarString($0.value) } ?? ""
            let fieldName = columnID ?? columnName ?? "\(name).\(index + 1)"
            fields.append(RawField(name: prefix + fieldName, value: value))
        }
    }

    private static func scalarStrings(_ elements: [JSONValue]) -> [String]? {
        var strings: [String] = []
        for element in elements {
            guard let string = scalarString(element) else { return nil }
            strings.append(string)
        }
        return strings
    }

    private static func scalarString(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .array, .object: return nil
        }
    }
}
