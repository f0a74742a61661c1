import Foundation

/// Turns one record of a leads feed into a normalized lead, or rejects it.
///
/// A row is rejected only when it has neither a valid email nor a valid phone number, or when it is
/// a Meta test lead. Any other invalid value is kept as written in ``NormalizedLead/invalid``, left
/// out of ``NormalizedLead/fields``, and described in ``NormalizedLead/notes``.
public struct LeadNormalizer: Sendable {
    /// The value Meta puts in every field of a test lead.
    static let metaTestLeadValue = "<test lead: dummy data>"

    /// The order in which fields are normalized. The country comes first because national phone
    /// numbers are read with it.
    private static let normalizationOrder =
        [LeadField.country] + LeadField.allCases.filter { $0 != .country }

    private let defaultSource: String?
    private let locale: InboxLocale?
    private let timeZone: TimeZone

    /// Creates a normalizer for one inbox.
    /// - Parameters:
    ///   - defaultSource: The inbox's `source`, used for rows without one.
    ///   - locale: The inbox's `locale` (`de_DE`), which orders ambiguous dates, groups thousands and
    ///     gives the country of national phone numbers.
    ///   - timeZone: The zone of times written without an offset.
    public init(defaultSource: String?, locale: String?, timeZone: TimeZone) {
        self.defaultSource = defaultSource?.trimmed.isEmpty == false ? defaultSource?.trimmed : nil
        self.locale = locale.flatMap(InboxLocale.init)
        self.timeZone = timeZone
    }

    /// Normalizes one record, mapping its columns with `mapper`.
    public func normalize(_ record: RawRecord, mapper: inout HeaderMapper) -> RowOutcome {
        if let testField = record.fields.first(where: { Self.isMetaTestLeadValue($0.value) }) {
            return .rejected(
                reason:
                    "Meta test lead: column \"\(testField.name)\" is \"\(testField.value.trimmed)\". "
                    + "Test leads from Meta's lead ads testing tool are not ingested.")
        }

        // The first non-empty value of each field, with its column. A row has a few mapped
        // columns, so lists beat a dictionary here. The fields have a list of their own, so that
        // a search compares enum cases without copying strings.
        var rawFields: [LeadField] = []
        var raw: [(value: String, column: String)] = []
        rawFields.reserveCapacity(record.fields.count)
        raw.reserveCapacity(record.fields.count)
        var lead = NormalizedLead()
        lead.fields.reserveCapacity(record.fields.count)
        let targets = mapper.targets(for: record.fields)
        for (field, target) in zip(record.fields, targets) {
            let value = field.value.trimmed
            switch target {
            case .field(let target):
                guard !value.isEmpty else { break }
                if let index = rawFields.firstIndex(of: target) {
                    if raw[index].value != value {
                        keepRepeatedColumn(field.name, target, value, in: &lead)
                    }
                } else {
                    rawFields.append(target)
                    raw.append((value, field.name))
                }
            case .custom(let name):
                if !value.isEmpty, lead.custom[name] == nil { lead.custom[name] = value }
            }
        }

        for field in Self.normalizationOrder {
            guard let index = rawFields.firstIndex(of: field) else { continue }
            normalize(field, value: raw[index].value, column: raw[index].column, into: &lead)
        }
        if lead.fields[.source] == nil, lead.invalid[.source] == nil, let defaultSource {
            lead.fields[.source] = defaultSource
            lead.defaulted.insert(.source)
        }
        splitFullName(into: &lead)

        guard lead.email != nil || lead.phone != nil else {
            return .rejected(reason: "no valid email or phone: " + missingContactDetail(lead))
        }
        return .accepted(lead)
    }

    /// Returns whether a value is Meta's test lead marker, ignoring case and surrounding white space.
    private static func isMetaTestLeadValue(_ value: String) -> Bool {
        let text = value.trimmed
        // Only ASCII characters lower to, or are canonically equal to, the marker's characters.
        // The Kelvin sign does both for `k`, which the marker lacks. So a match has the marker's
        // length in bytes, and checking it first spares lowering every value of every row.
        guard text.utf8.count == metaTestLeadValue.utf8.count else { return false }
        return text.lowercased() == metaTestLeadValue
    }

    /// Normalizes one field and stores it, or marks it invalid.
    private func normalize(
        _ field: LeadField, value: String, column: String, into lead: inout NormalizedLead
    ) {
        switch field {
        case .email:
            if let email = EmailAddress.normalize(value) {
                lead.email = email
            } else {
                markInvalid(.email, value, "is not a valid email address", in: &lead)
            }
        case .country:
            if let code = CountryCode.normalize(value) {
                lead.fields[.country] = code
            } else {
                markInvalid(
                    .country, value, "is not a known country name or ISO 3166 code", in: &lead)
            }
        case .phone:
            normalizePhone(value, into: &lead)
        case .employees:
            if let count = EmployeeCount(value, locale: locale) {
                lead.fields[.employees] = String(count.representative)
                if let range = count.range { lead.custom["employees_range"] = range }
            } else {
                markInvalid(
                    .employees, value, "is not a number of employees or a range such as 51-200",
                    hint: localeHint, in: &lead)
            }
        case .createdAt:
            normalizeDate(value, column: column, into: &lead)
        case .stage:
            if let stage = LeadStage(toolStage: value) {
                lead.fields[.stage] = stage.rawValue
            } else {
                let stages = LeadStage.allCases.map(\.rawValue).joined(separator: ", ")
                markInvalid(
                    .stage, value, "is not a known stage",
                    hint: "Known stages are \(stages), and the lifecycle stages of HubSpot and "
                        + "Salesforce.", in: &lead)
            }
        case .website:
            if let website = Website.normalize(value) {
                lead.fields[.website] = website
            } else {
                markInvalid(.website, value, "is not a website address", in: &lead)
            }
        default:
            lead.fields[field] = value
        }
    }

    /// Keeps the value of a second column that maps to the same field (a header such as `email,email`) as a
    /// custom attribute, with a note, because only the first column's value becomes the field.
    private func keepRepeatedColumn(_ column: String, _ field: LeadField, _ value: String, in lead: inout NormalizedLead) {
        var number = 2
        while lead.custom["\(field.rawValue)_\(number)"] != nil { number += 1 }
        let name = "\(field.rawValue)_\(number)"
        lead.custom[name] = value
        lead.notes.append(
            "column \"\(column)\" repeats the \(field.rawValue) of an earlier column with another value; "
                + "it is kept as the custom attribute \(name)")
    }

    private var localeHint: String {
        guard let locale else {
            return
                "The inbox has no locale, so a . or , before three digits is read as a thousands separator."
        }
        return "Numbers are read with the thousands separator \"\(locale.groupingSeparator)\" "
            + "of the inbox locale."
    }

    private func normalizePhone(_ value: String, into lead: inout NormalizedLead) {
        let rowCountry = lead.fields[.country]
        guard
            let phone = PhoneNumber.normalize(
                value, rowCountry: rowCountry, localeCountry: locale?.region)
        else {
            var reason = "cannot be read as an international number"
            if !value.hasPrefix("+") {
                let countries = [rowCountry, locale?.region].compactMap { $0 }
                reason =
                    countries.isEmpty
                    ? "is a national number and neither the row nor the inbox locale gives a country"
                    : "does not fit the numbering plan of \(countries.joined(separator: " or "))"
            }
            markInvalid(.phone, value, reason, in: &lead)
            return
        }
        lead.phone = phone.e164
        if phone.usedFallbackCountry, let rowCountry, let country = phone.country {
            lead.notes.append(
                "phone \"\(value)\" does not fit the numbering plan of the row's country \(rowCountry), "
                    + "so it was read as a number of \(country), the inbox locale's country: \(phone.e164)"
            )
        }
    }

    private func normalizeDate(_ value: String, column: String, into lead: inout NormalizedLead) {
        // Typeform writes `Submit Date (UTC)`: the header gives the zone of the values.
        let zone = column.containsFoldedWord("utc") ? TimeZone(identifier: "UTC")! : timeZone
        switch Timestamp.parse(value, dayFirst: locale?.dayFirst, timeZone: zone) {
        case .success(let date):
            lead.fields[.createdAt] = Timestamp.rfc3339(date)
        case .failure(.ambiguousDayMonth):
            markInvalid(
                .createdAt, value,
                "could be day/month or month/day",
                hint: "Set the inbox locale (such as de_DE or en_US) to decide.",
                in: &lead)
        case .failure(.unreadable):
            markInvalid(.createdAt, value, "is not a date and time in a known form", in: &lead)
        }
    }

    /// Fills missing first and last names from the full name.
    private func splitFullName(into lead: inout NormalizedLead) {
        guard let fullName = lead.fields[.fullName],
            lead.fields[.firstName] == nil || lead.fields[.lastName] == nil
        else { return }
        let parts = PersonName.split(fullName)
        if lead.fields[.firstName] == nil, let first = parts.first {
            lead.fields[.firstName] = first
        }
        if lead.fields[.lastName] == nil, let last = parts.last { lead.fields[.lastName] = last }
    }

    /// Keeps an invalid value as written and adds a note: the field, the value, the reason and,
    /// when given, a hint on how to fix it.
    private func markInvalid(
        _ field: LeadField, _ value: String, _ reason: String, hint: String? = nil,
        in lead: inout NormalizedLead
    ) {
        lead.invalid[field] = value
        var note = "\(field.rawValue) \"\(value)\" \(reason), so it is kept as written."
        if let hint { note += " " + hint }
        lead.notes.append(note)
    }

    /// Describes the email and phone of a row that has neither valid.
    private func missingContactDetail(_ lead: NormalizedLead) -> String {
        let email = lead.invalid[.email].map { "email \"\($0)\" is invalid" } ?? "no email"
        let phone = lead.invalid[.phone].map { "phone \"\($0)\" is invalid" } ?? "no phone"
        switch (lead.invalid[.email], lead.invalid[.phone]) {
        case (nil, nil): return "no email and no phone is given"
        case (_, nil): return "\(email) and no phone is given"
        case (nil, _): return "no email is given and \(phone)"
        default: return "\(email) and \(phone)"
        }
    }
}
