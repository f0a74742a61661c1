import Testing

@testable import SmarketIngest

/// The header rows of the corpus files and of other common exports, copied by hand, with the
/// target each column must get.
@Suite struct MappingCorpusHeaderTests {
    private func targets(_ names: [String]) -> [ColumnTarget] {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: names, sample: [])
        return names.map { mapper.target(for: $0) }
    }

    private func check(_ expected: [(String, ColumnTarget)]) {
        let actual = targets(expected.map(\.0))
        for (index, (name, target)) in expected.enumerated() {
            #expect(actual[index] == target, "column \(name)")
        }
    }

    @Test func metaLeadAds() {
        check([
            ("id", .custom("id")), ("created_time", .field(.createdAt)),
            ("ad_id", .custom("ad_id")),
            ("ad_name", .custom("ad_name")), ("adset_id", .custom("adset_id")),
            ("adset_name", .custom("adset_name")), ("campaign_id", .custom("campaign_id")),
            ("campaign_name", .field(.campaign)), ("form_id", .custom("form_id")),
            ("form_name", .field(.form)), ("is_organic", .custom("is_organic")),
            ("platform", .field(.source)),
            ("what_is_your_biggest_challenge?", .custom("what_is_your_biggest_challenge")),
            ("full_name", .field(.fullName)), ("phone_number", .field(.phone)),
            ("work_email", .field(.email)), ("city", .field(.city)),
            ("inbox_url", .custom("inbox_url")),
            ("lead_status", .field(.stage)),
        ])
    }

    @Test func hubSpotContacts() {
        check([
            ("Record ID", .custom("record_id")), ("First Name", .field(.firstName)),
            ("Last Name", .field(.lastName)), ("Email", .field(.email)),
            ("Phone Number", .field(.phone)),
            ("Company Name", .field(.company)), ("Job Title", .field(.jobTitle)),
            ("Country/Region", .field(.country)), ("Lifecycle Stage", .field(.stage)),
            ("Contact owner", .custom("contact_owner")), ("Create Date", .field(.createdAt)),
            ("Original Source", .field(.source)),
        ])
    }

    @Test func salesforceLeads() {
        check([
            ("First Name", .field(.firstName)), ("Last Name", .field(.lastName)),
            ("Company", .field(.company)), ("Email", .field(.email)), ("Phone", .field(.phone)),
            ("Country", .field(.country)), ("No. of Employees", .field(.employees)),
            ("Lead Source", .field(.source)), ("Lead Status", .field(.stage)),
            ("Description", .field(.notes)),
        ])
    }

    @Test func salesforceOtherColumns() {
        check([
            ("Company / Account", .field(.company)), ("Mobile", .field(.phone)),
            ("Email", .field(.email)), ("Title", .field(.jobTitle)),
        ])
    }

    @Test func mailchimpSubscribed() {
        check([
            ("Email Address", .field(.email)), ("First Name", .field(.firstName)),
            ("Last Name", .field(.lastName)), ("Company", .field(.company)),
            ("MEMBER_RATING", .custom("member_rating")), ("OPTIN_TIME", .field(.createdAt)),
            ("OPTIN_IP", .custom("optin_ip")), ("CONFIRM_TIME", .custom("confirm_time")),
            ("CONFIRM_IP", .custom("confirm_ip")), ("LATITUDE", .custom("latitude")),
            ("LONGITUDE", .custom("longitude")), ("GMTOFF", .custom("gmtoff")),
            ("DSTOFF", .custom("dstoff")), ("TIMEZONE", .custom("timezone")),
            ("CC", .field(.country)),
            ("REGION", .field(.region)), ("LAST_CHANGED", .custom("last_changed")),
            ("LEID", .custom("leid")), ("EUID", .custom("euid")), ("NOTES", .field(.notes)),
            ("TAGS", .custom("tags")),
        ])
    }

    @Test func typeformResponses() {
        check([
            ("#", .custom("number")), ("What's your first name?", .field(.firstName)),
            ("And your last name?", .field(.lastName)), ("Your work email, please", .field(.email)),
            ("How many people work at your company?", .field(.employees)),
            ("Anything else we should know?\n(optional)", .field(.notes)),
            ("Start Date (UTC)", .custom("start_date_utc")),
            ("Submit Date (UTC)", .field(.createdAt)),
            ("Network ID", .custom("network_id")),
        ])
    }

    @Test func webFormKeys() {
        check([
            ("email", .field(.email)), ("first_name", .field(.firstName)),
            ("last_name", .field(.lastName)),
            ("company", .field(.company)), ("job_title", .field(.jobTitle)),
            ("country", .field(.country)),
            ("form", .field(.form)), ("utm_source", .field(.source)),
            ("utm_campaign", .field(.campaign)),
            ("utm_medium", .field(.medium)), ("submitted_at", .field(.createdAt)),
        ])
    }

    @Test func partnerJSONKeys() {
        check([
            ("Email", .field(.email)), ("Name", .field(.fullName)),
            ("Organization", .field(.company)),
            ("Country", .field(.country)), ("Employees", .field(.employees)),
        ])
    }

    @Test func linkedInLeadGen() {
        check([
            ("First Name", .field(.firstName)), ("Last Name", .field(.lastName)),
            ("Email Address", .field(.email)), ("Phone Number", .field(.phone)),
            ("Company Name", .field(.company)), ("Job Title", .field(.jobTitle)),
            ("Country/Region", .field(.country)), ("Company Size", .field(.employees)),
            ("Campaign Name", .field(.campaign)),
        ])
    }

    @Test func pipedrivePersons() {
        check([
            ("Person - Name", .field(.fullName)), ("Person - Email", .field(.email)),
            ("Organization - Name", .field(.company)), ("Person - Phone", .field(.phone)),
        ])
    }

    @Test func googleAdsLeadForm() {
        check([
            ("FULL_NAME", .field(.fullName)), ("FIRST_NAME", .field(.firstName)),
            ("LAST_NAME", .field(.lastName)), ("EMAIL", .field(.email)),
            ("WORK_EMAIL", .custom("work_email")),
            ("PHONE_NUMBER", .field(.phone)), ("WORK_PHONE", .custom("work_phone")),
            ("COMPANY_NAME", .field(.company)), ("JOB_TITLE", .field(.jobTitle)),
            ("CITY", .field(.city)),
            ("REGION", .field(.region)), ("COUNTRY", .field(.country)),
            ("POSTAL_CODE", .custom("postal_code")),
            ("campaign_id", .field(.campaign)), ("form_id", .field(.form)),
        ])
    }

    @Test func googleForms() {
        check([
            ("Timestamp", .field(.createdAt)), ("Email address", .field(.email)),
            ("What is your biggest challenge?", .custom("what_is_your_biggest_challenge")),
        ])
    }
}
