/// The built-in column names of common exports, the first step of header mapping.
///
/// Names are compared by their comparison key: folded, with only ASCII letters and digits, so
/// `E-mail`, `Email Address`, `email_address` and `Country/Region` become `email`, `emailaddress`,
/// `emailaddress` and `countryregion`. A rank breaks ties when several columns of one file name the
/// same field. For example, Meta exports both `campaign_id` and `campaign_name`, so the name has
/// rank 0 and wins over the id with rank 1, which stays a custom attribute.
enum HeaderSynonyms {
    struct Match: Sendable, Hashable {
        var field: LeadField
        var rank: Int
    }

    static func match(_ name: String) -> Match? {
        table[name.comparisonKey]
    }

    private static func entries(_ field: LeadField, rank: Int = 0, _ keys: [String]) -> [(
        String, Match
    )] {
        keys.map { ($0, Match(field: field, rank: rank)) }
    }

    /// Returns whether a column of a known export maps to no field on purpose. Such a column stays
    /// a custom attribute, and the phrase and shape steps skip it.
    static func isKnownCustom(_ name: String) -> Bool {
        knownCustom.contains(name.comparisonKey)
    }

    /// Ids and bookkeeping columns of the sending tools. Meta's `inbox_url` is not the lead's
    /// website, and HubSpot's `Contact owner` is an owner in another tool, not a rep to route to.
    /// The others are ids and metadata of Meta, HubSpot, Mailchimp, Typeform and Google Ads.
    private static let knownCustom: Set<String> = [
        "id", "adid", "adname", "adsetid", "adsetname", "isorganic", "inboxurl", "recordid",
        "contactowner", "hubspotowner", "leid", "euid", "memberrating", "optinip", "confirmtime",
        "confirmip", "lastchanged", "latitude", "longitude", "gmtoff", "dstoff", "timezone", "tags",
        "startdateutc", "networkid", "leadid", "gclid", "adgroupid", "creativeid", "apiversion",
        "googlekey", "istest", "postalcode",
    ]

    private static let table: [String: Match] = {
        var result: [String: Match] = [:]
        let all: [[(String, Match)]] = [
            entries(
                .email,
                [
                    "email", "emailaddress", "workemail", "businessemail", "personemail", "mail",
                    "emailadresse", "courriel", "correoelectronico", "contactemail", "primaryemail",
                ]),
            entries(.email, rank: 1, ["email1", "emailaddress1", "personalemail", "otheremail"]),
            entries(
                .firstName,
                [
                    "firstname", "first", "givenname", "fname", "vorname", "prenom",
                    "personfirstname",
                    "contactfirstname",
                ]),
            entries(
                .lastName,
                [
                    "lastname", "last", "surname", "familyname", "lname", "nachname",
                    "personlastname",
                    "contactlastname",
                ]),
            entries(
                .fullName,
                [
                    "fullname", "name", "contactname", "personname", "leadname", "yourname",
                    "vollstandigername",
                ]),
            entries(
                .phone,
                [
                    "phone", "phonenumber", "mobile", "mobilephone", "mobilenumber",
                    "mobilephonenumber",
                    "cellphone", "telephone", "telephonenumber", "tel", "telefon", "telefonnummer",
                    "personphone", "contactphone", "primaryphone",
                ]),
            entries(.phone, rank: 1, ["workphone", "businessphone", "officephone", "otherphone"]),
            entries(
                .company,
                [
                    "company", "companyname", "organization", "organisation", "organizationname",
                    "organisationname", "account", "accountname", "companyaccount", "firma",
                    "unternehmen",
                    "entreprise", "employer", "businessname",
                ]),
            entries(
                .jobTitle,
                [
                    "jobtitle", "title", "position", "role", "jobrole", "designation",
                    "personjobtitle",
                    "berufsbezeichnung",
                ]),
            entries(
                .website,
                [
                    "website", "websiteurl", "companywebsite", "web", "homepage", "url", "domain",
                    "companydomain", "companydomainname", "webseite",
                ]),
            entries(
                .country,
                [
                    "country", "countryregion", "countryname", "countrycode", "cc", "land", "pays",
                    "pais",
                    "paese", "personcountry",
                ]),
            entries(
                .region,
                [
                    "region", "state", "stateregion", "province", "stateprovince", "county",
                    "bundesland",
                ]),
            entries(
                .city, ["city", "town", "ort", "stadt", "ville", "ciudad", "citta", "personcity"]),
            entries(
                .employees,
                [
                    "employees", "numberofemployees", "noofemployees", "companysize",
                    "employeecount",
                    "headcount", "numemployees", "companyheadcount", "anzahlmitarbeiter",
                    "mitarbeiter",
                ]),
            entries(.industry, ["industry", "sector", "branche", "vertical"]),
            entries(
                .source,
                [
                    "source", "leadsource", "originalsource", "utmsource", "platform", "quelle",
                ]),
            entries(.campaign, ["campaign", "campaignname", "utmcampaign"]),
            entries(.campaign, rank: 1, ["campaignid"]),
            entries(.medium, ["medium", "utmmedium"]),
            entries(.form, ["form", "formname", "formtitle"]),
            entries(.form, rank: 1, ["formid"]),
            entries(
                .consent,
                [
                    "consent", "gdprconsent", "marketingconsent", "optin", "emailoptin",
                    "acceptsmarketing", "privacyconsent", "einwilligung",
                ]),
            entries(.stage, ["stage", "lifecyclestage", "leadstatus", "status", "leadstage"]),
            entries(
                .createdAt,
                [
                    "createdat", "createdtime", "createdate", "createddate", "datecreated",
                    "submittedat",
                    "submitdate", "submitdateutc", "submissiondate", "timestamp", "signupdate",
                ]),
            entries(.createdAt, rank: 1, ["optintime", "date"]),
            entries(
                .notes,
                [
                    "notes", "note", "description", "comments", "comment", "message", "remarks",
                    "bemerkung", "anmerkungen",
                ]),
        ]
        for (key, match) in all.joined() {
            precondition(result[key] == nil, "header synonym \(key) is listed twice")
            result[key] = match
        }
        return result
    }()
}
