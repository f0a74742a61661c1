import Foundation

/// Conversion of country names and codes to ISO 3166 alpha-2.
public enum CountryCode {
    /// Returns the ISO 3166 alpha-2 code for a country name in English, German, French, Spanish,
    /// Italian or Dutch, or for an alpha-2 or alpha-3 code. Returns nil for an unknown value.
    ///
    /// Case, accents, spaces and punctuation are ignored, so `österreich`, `PAYS-BAS` and `U.S.A.`
    /// are found.
    public static func normalize(_ value: String) -> String? {
        let key = value.comparisonKey
        guard !key.isEmpty else { return nil }
        return table[key]
    }

    /// The languages whose country names are read, from the ICU data in Foundation.
    private static let languages = ["en", "de", "fr", "es", "it", "nl"]

    /// ISO 3166 alpha-3 codes of the countries that the calling code table covers and a few more.
    private static let alpha3: [String: String] = [
        "AUT": "AT", "BEL": "BE", "BGR": "BG", "HRV": "HR", "CYP": "CY", "CZE": "CZ", "DNK": "DK",
        "EST": "EE", "FIN": "FI", "FRA": "FR", "DEU": "DE", "GRC": "GR", "HUN": "HU", "IRL": "IE",
        "ITA": "IT", "LVA": "LV", "LTU": "LT", "LUX": "LU", "MLT": "MT", "NLD": "NL", "POL": "PL",
        "PRT": "PT", "ROU": "RO", "SVK": "SK", "SVN": "SI", "ESP": "ES", "SWE": "SE", "ISL": "IS",
        "LIE": "LI", "NOR": "NO", "CHE": "CH", "GBR": "GB", "USA": "US", "CAN": "CA", "MCO": "MC",
        "SMR": "SM", "AND": "AD", "SRB": "RS", "BIH": "BA", "ALB": "AL", "MKD": "MK", "MNE": "ME",
        "UKR": "UA", "TUR": "TR", "RUS": "RU", "ISR": "IL", "ARE": "AE", "SAU": "SA", "EGY": "EG",
        "ZAF": "ZA", "NGA": "NG", "KEN": "KE", "MAR": "MA", "IND": "IN", "CHN": "CN", "JPN": "JP",
        "KOR": "KR", "SGP": "SG", "HKG": "HK", "TWN": "TW", "IDN": "ID", "MYS": "MY", "THA": "TH",
        "VNM": "VN", "PHL": "PH", "PAK": "PK", "AUS": "AU", "NZL": "NZ", "BRA": "BR", "MEX": "MX",
        "ARG": "AR", "CHL": "CL", "COL": "CO", "PER": "PE", "BLR": "BY", "MDA": "MD", "GEO": "GE",
        "ARM": "AM", "AZE": "AZ", "KAZ": "KZ", "QAT": "QA", "KWT": "KW", "BHR": "BH", "OMN": "OM",
        "JOR": "JO", "LBN": "LB", "TUN": "TN", "DZA": "DZ", "GHA": "GH", "ETH": "ET", "BGD": "BD",
        "LKA": "LK", "NPL": "NP", "URY": "UY", "PRY": "PY", "BOL": "BO", "ECU": "EC", "VEN": "VE",
        "CRI": "CR", "PAN": "PA", "GTM": "GT", "DOM": "DO", "CUB": "CU", "PRI": "PR",
    ]

    /// Names that exports use besides the ICU names, by comparison key.
    private static let aliases: [String: String] = [
        "uk": "GB", "greatbritain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
        "northernireland": "GB", "grossbritannien": "GB", "grandebretagne": "GB",
        "granbretana": "GB", "granbretagna": "GB", "grootbrittannie": "GB", "engeland": "GB",
        "angleterre": "GB", "inghilterra": "GB", "inglaterra": "GB",
        "usa": "US", "unitedstatesofamerica": "US", "america": "US",
        "vereinigtestaatenvonamerika": "US",
        "holland": "NL", "thenetherlands": "NL", "czechrepublic": "CZ",
        "tschechischerepublik": "CZ",
        "republiquetcheque": "CZ", "republicacheca": "CZ", "repubblicaceca": "CZ",
        "tsjechischerepubliek": "CZ", "turkey": "TR", "turkiye": "TR", "russia": "RU",
        "southkorea": "KR", "korea": "KR", "republicofkorea": "KR", "suedkorea": "KR",
        "uae": "AE", "ivorycoast": "CI", "macedonia": "MK", "swaziland": "SZ", "burma": "MM",
        "vatican": "VA", "holysee": "VA", "taiwan": "TW", "hongkong": "HK", "macau": "MO",
        "palestine": "PS", "kosovo": "XK",
    ]

    /// Every known spelling by comparison key. ICU names come first so that an alias or code
    /// never hides a country's own name.
    private static let table: [String: String] = {
        var result: [String: String] = [:]
        for (key, code) in aliases { result[key] = code }
        for (code3, code2) in alpha3 { result[code3.lowercased()] = code2 }
        let regions = Locale.Region.isoRegions.map(\.identifier).filter {
            $0.count == 2 && $0.allSatisfy(\.isLetter)
        }
        for region in regions {
            result[region.lowercased()] = region
        }
        for language in languages {
            let locale = Locale(identifier: language)
            for region in regions {
                guard let name = locale.localizedString(forRegionCode: region) else { continue }
                let key = name.comparisonKey
                // Skip names ICU does not have, which it returns as the code itself.
                guard key.count > 2 else { continue }
                result[key] = region
            }
        }
        // Codes that are not countries.
        for pseudo in ["eu", "un", "zz", "qo", "ez"] { result[pseudo] = nil }
        return result
    }()
}
