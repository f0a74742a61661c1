import Foundation
import Testing

@testable import SmarketIngest

@Suite struct NormalizerLeadTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/corpus")

    /// Normalizes rows given as header names and values, learning the mapping from the rows.
    private func normalize(
        _ names: [String], _ rows: [[String]], source: String? = nil, locale: String? = "de_DE",
        overrides: [String: ColumnTarget] = [:]
    ) -> [RowOutcome] {
        let records = rows.enumerated().map { index, values in
            RawRecord(
                line: index + 2, fields: zip(names, values).map { RawField(name: $0, value: $1) })
        }
        var mapper = HeaderMapper(overrides: overrides)
        mapper.learn(names: names, sample: records)
        let normalizer = LeadNormalizer(
            defaultSource: source, locale: locale, timeZone: Self.berlin)
        return records.map { normalizer.normalize($0, mapper: &mapper) }
    }

    private func lead(
        _ names: [String], _ values: [String], source: String? = nil, locale: String? = "de_DE"
    )
        -> NormalizedLead?
    {
        guard
            case .accepted(let lead) = normalize(names, [values], source: source, locale: locale)[0]
        else {
            return nil
        }
        return lead
    }

    private func reason(_ outcome: RowOutcome) -> String? {
        if case .rejected(let reason) = outcome { return reason }
        return nil
    }

    /// Reads `bad/mixed-rows.csv`, a plain comma-separated file without quotes.
    private func mixedRows() throws -> (names: [String], rows: [[String]]) {
        let text = try String(
            contentsOf: Self.corpus.appendingPathComponent("bad/mixed-rows.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return (lines[0], Array(lines.dropFirst()))
    }

    @Test func mixedRowsOutcomes() throws {
        let (names, rows) = try mixedRows()
        let outcomes = normalize(names, rows)
        #expect(outcomes.count == 4)
        #expect(reason(outcomes[0]) == nil)
        #expect(
            reason(outcomes[1])
                == "no valid email or phone: email \"not-an-email\" is invalid and no phone is given"
        )
        #expect(reason(outcomes[2]) == "no valid email or phone: no email and no phone is given")
        #expect(reason(outcomes[3]) == nil)
    }

    @Test func mixedRowsAcceptedValues() throws {
        let (names, rows) = try mixedRows()
        let outcomes = normalize(names, rows)
        guard case .accepted(let first) = outcomes[0], case .accepted(let last) = outcomes[3] else {
            Issue.record("rows 1 and 4 must be accepted")
            return
        }
        #expect(first.email == "ok1@contoso.example")
        #expect(first.phone == nil)
        #expect(first.fields[.firstName] == "Ann")
        #expect(last.phone == "+49301234567")
    }

    @Test func invalidPhoneInReason() {
        let outcome = normalize(["email", "phone"], [["not-an-email", "12"]])[0]
        #expect(
            reason(outcome)
                == "no valid email or phone: email \"not-an-email\" is invalid and phone \"12\" is invalid"
        )
    }

    @Test func phoneAloneIsEnough() {
        let lead = lead(["phone", "first_name"], ["030 555040", "Ann"])
        #expect(lead?.phone == "+4930555040")
        #expect(lead?.identity == "tel:+4930555040")
    }

    @Test func metaTestLead() {
        let names = ["id", "full_name", "phone_number", "work_email", "city"]
        let outcome = normalize(
            names,
            [
                [
                    "l:900099", "<test lead: dummy data>", "<test lead: dummy data>",
                    "test@fb.example",
                    "<Test Lead: Dummy Data>",
                ]
            ])[0]
        #expect(reason(outcome)?.hasPrefix("Meta test lead") == true)
    }

    @Test func metaRow() {
        let names = [
            "created_time", "campaign_name", "platform", "what_is_your_biggest_challenge?",
            "full_name",
            "phone_number", "work_email", "city", "lead_status",
        ]
        let lead = lead(
            names,
            [
                "2026-11-10T15:05:13+01:00", "Q4 Demand Gen", "ig", "pricing", "Jonas García",
                "p:+49305550001",
                "jonas.garca@tailspin.example", "Berlin", "CREATED",
            ], source: "meta")
        #expect(lead?.email == "jonas.garca@tailspin.example")
        #expect(lead?.phone == "+49305550001")
        #expect(lead?.fields[.firstName] == "Jonas")
        #expect(lead?.fields[.lastName] == "García")
        #expect(lead?.fields[.fullName] == "Jonas García")
        #expect(lead?.fields[.createdAt] == "2026-11-10T14:05:13Z")
        #expect(lead?.fields[.source] == "ig")
        #expect(lead?.fields[.stage] == "lead")
        #expect(lead?.custom["what_is_your_biggest_challenge"] == "pricing")
        #expect(lead?.notes == [])
    }

    @Test func salesforceSwissRowWithGermanNumber() {
        let names = [
            "First Name", "Last Name", "Company", "Email", "Phone", "Country", "No. of Employees",
            "Lead Source", "Lead Status", "Description",
        ]
        let lead = lead(
            names,
            [
                "Lea", "Müller", "Litware Inc.", "lea.mller@litware.example", "030 555042",
                "Schweiz", "1.200",
                "Messe", "Open - Not Contacted", "Rückruf erwünscht",
            ])
        #expect(lead?.phone == "+4930555042")
        #expect(lead?.fields[.country] == "CH")
        #expect(lead?.fields[.employees] == "1200")
        #expect(lead?.custom["employees_range"] == nil)
        #expect(lead?.fields[.stage] == "lead")
        #expect(lead?.fields[.source] == "Messe")
        #expect(lead?.notes.count == 1)
        #expect(lead?.notes.first?.contains("030 555042") == true)
    }

    @Test func employeesRange() {
        let lead = lead(["email", "Company Size"], ["ann@contoso.example", "51-200"])
        #expect(lead?.fields[.employees] == "51")
        #expect(lead?.custom["employees_range"] == "51-200")
    }

    @Test func typeformUTCHeader() {
        let lead = lead(
            ["Your work email, please", "Submit Date (UTC)"],
            ["ann@contoso.example", "2026-11-20 09:07:40"])
        #expect(lead?.fields[.createdAt] == "2026-11-20T09:07:40Z")
    }

    @Test func defaultSource() {
        let lead = lead(["email"], ["ann@contoso.example"], source: "website")
        #expect(lead?.fields[.source] == "website")
        #expect(lead?.defaulted == [.source])
    }

    @Test func repeatedColumnKeepsSecondValue() {
        let lead = lead(
            ["email", "email", "first_name"], ["dup@contoso.example", "other@contoso.example", "D"])
        #expect(lead?.email == "dup@contoso.example")
        #expect(lead?.custom["email_2"] == "other@contoso.example")
        #expect(lead?.notes.contains { $0.contains("custom attribute email_2") } == true)
    }

    @Test func rowSourceBeatsDefault() {
        let lead = lead(
            ["email", "utm_source"], ["ann@contoso.example", "google"], source: "website")
        #expect(lead?.fields[.source] == "google")
        #expect(lead?.defaulted.isEmpty == true)
    }

    @Test func invalidFieldsKeptAndNoted() {
        let names = ["email", "country", "employees", "created_at", "stage", "website"]
        let values = [
            "ANN@Contoso.Example", "Atlantis", "many", "soon", "Prospect-ish", "not a site",
        ]
        let lead = lead(names, values)
        #expect(lead?.email == "ann@contoso.example")
        for (field, value) in [
            (LeadField.country, "Atlantis"), (.employees, "many"), (.createdAt, "soon"),
            (.stage, "Prospect-ish"),
            (.website, "not a site"),
        ] {
            #expect(lead?.invalid[field] == value)
            #expect(lead?.fields[field] == nil)
            #expect(lead?.notes.contains { $0.hasPrefix("\(field.rawValue) \"\(value)\"") } == true)
        }
    }

    @Test func invalidEmailWithValidPhone() {
        let lead = lead(["email", "phone"], ["not-an-email", "+49 30 1234567"])
        #expect(lead?.email == nil)
        #expect(lead?.invalid[.email] == "not-an-email")
        #expect(lead?.phone == "+49301234567")
        #expect(
            lead?.notes.first
                == "email \"not-an-email\" is not a valid email address, so it is kept as written.")
    }

    @Test func ambiguousDateWithoutLocale() {
        let lead = lead(
            ["email", "created_at"], ["ann@contoso.example", "03/04/2026"], locale: nil)
        #expect(lead?.fields[.createdAt] == nil)
        #expect(lead?.invalid[.createdAt] == "03/04/2026")
    }

    @Test func ambiguousDateWithLocale() {
        let lead = lead(
            ["email", "created_at"], ["ann@contoso.example", "03/04/2026"], locale: "en_US")
        #expect(lead?.fields[.createdAt] == "2026-03-03T23:00:00Z")
    }

    @Test func givenNamesKept() {
        let lead = lead(
            ["email", "Name", "first_name"], ["ann@contoso.example", "Anna van der Berg", " Anna "])
        #expect(lead?.fields[.firstName] == "Anna")
        #expect(lead?.fields[.lastName] == "van der Berg")
    }

    @Test func emptyValuesAreAbsent() {
        let lead = lead(["email", "company", "notes"], ["ann@contoso.example", "  ", ""])
        #expect(lead?.fields[.company] == nil)
        #expect(lead?.fields[.notes] == nil)
    }

    @Test func customAttributes() {
        let lead = lead(
            ["email", "What is your biggest challenge?"], ["ann@contoso.example", "pricing"])
        #expect(lead?.custom == ["what_is_your_biggest_challenge": "pricing"])
    }

    @Test func websiteHostLowerCased() {
        let lead = lead(
            ["email", "Website"], ["ann@contoso.example", "https://WWW.Contoso.Example/About"])
        #expect(lead?.fields[.website] == "https://www.contoso.example/About")
    }

    @Test func newJSONKeyMapped() {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: ["email"], sample: [])
        let normalizer = LeadNormalizer(defaultSource: nil, locale: nil, timeZone: Self.berlin)
        let record = RawRecord(
            line: 3,
            fields: [
                RawField(name: "email", value: "ann@contoso.example"),
                RawField(name: "Country", value: "Suisse"),
            ])
        guard case .accepted(let lead) = normalizer.normalize(record, mapper: &mapper) else {
            Issue.record("the row must be accepted")
            return
        }
        #expect(lead.fields[.country] == "CH")
    }

    @Test func hubSpotRow() {
        let names = [
            "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name",
            "Job Title", "Country/Region", "Lifecycle Stage", "Contact owner", "Create Date",
            "Original Source",
        ]
        let lead = lead(
            names,
            [
                "51020", "Anna", "Novak", "ANNA.NOVAK@WIDEWORLD.EXAMPLE", "+49 30 5550020",
                "Wide World Importers", "VP Sales", "Austria", "Marketing Qualified Lead", "",
                "2026-11-10 10:20", "Organic Search",
            ])
        #expect(lead?.email == "anna.novak@wideworld.example")
        #expect(lead?.phone == "+49305550020")
        #expect(lead?.fields[.country] == "AT")
        #expect(lead?.fields[.stage] == "mql")
        #expect(lead?.fields[.createdAt] == "2026-11-10T09:20:00Z")
        #expect(lead?.fields[.source] == "Organic Search")
        #expect(lead?.custom == ["record_id": "51020"])
        #expect(lead?.notes == [])
    }

    @Test func mailchimpRow() {
        let names = [
            "Email Address", "First Name", "Last Name", "Company", "MEMBER_RATING", "OPTIN_TIME",
            "CC", "REGION", "LEID", "NOTES", "TAGS",
        ]
        let lead = lead(
            names,
            [
                "jonas.garca@proseware.example", "Jonas", "García", "Proseware SA", "3",
                "2026-10-01 08:00:00", "FR", "", "3061", "", "\"webinar-nov\",\"newsletter\"",
            ])
        #expect(lead?.fields[.country] == "FR")
        #expect(lead?.fields[.createdAt] == "2026-10-01T06:00:00Z")
        #expect(lead?.fields[.region] == nil)
        #expect(lead?.custom["tags"] == "\"webinar-nov\",\"newsletter\"")
        #expect(lead?.custom["member_rating"] == "3")
    }

    @Test func typeformRow() {
        let names = [
            "#", "What's your first name?", "And your last name?", "Your work email, please",
            "How many people work at your company?", "Anything else we should know?\n(optional)",
            "Start Date (UTC)", "Submit Date (UTC)", "Network ID",
        ]
        let lead = lead(
            names,
            [
                "tok81x", "Jonas", "Fischer", "jonas.fischer@tailspin.example", "11-50",
                "We use spreadsheets today,\nand they break.", "2026-11-21 09:05:14",
                "2026-11-21 09:07:40", "n81",
            ])
        #expect(lead?.fields[.firstName] == "Jonas")
        #expect(lead?.fields[.lastName] == "Fischer")
        #expect(lead?.fields[.employees] == "11")
        #expect(lead?.custom["employees_range"] == "11-50")
        #expect(lead?.fields[.notes] == "We use spreadsheets today,\nand they break.")
        #expect(lead?.fields[.createdAt] == "2026-11-21T09:07:40Z")
        #expect(lead?.custom["start_date_utc"] == "2026-11-21 09:05:14")
        #expect(lead?.custom["number"] == "tok81x")
    }
}
