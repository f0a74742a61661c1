/// The dialing plan of one country, enough to turn a national number into E.164.
struct DialingPlan: Sendable {
    /// The country calling code without `+`, such as `49`.
    var callingCode: String
    /// The digits dialed before a national number inside the country (`0` in Germany), or nil.
    var trunkPrefix: String?
    /// The lengths that a national significant number (after the trunk prefix) may have.
    var lengths: ClosedRange<Int>
}

/// Country calling codes, trunk prefixes and national number lengths by ISO 3166 alpha-2 code.
///
/// Lengths are the national significant number without the trunk prefix, from the ITU-T E.164
/// national numbering plans as commonly published; they are deliberately a little wide so that
/// a valid number is never rejected, and they serve to tell which country a national number fits.
enum CallingCodes {
    static func plan(for country: String) -> DialingPlan? {
        plans[country]
    }

    /// The ISO 3166 alpha-2 codes that have a plan.
    static var countries: Dictionary<String, DialingPlan>.Keys {
        plans.keys
    }

    private static func p(_ code: String, _ trunk: String?, _ lengths: ClosedRange<Int>)
        -> DialingPlan
    {
        DialingPlan(callingCode: code, trunkPrefix: trunk, lengths: lengths)
    }

    private static let plans: [String: DialingPlan] = [
        // EU and EEA
        "AT": p("43", "0", 4...13), "BE": p("32", "0", 8...9), "BG": p("359", "0", 7...9),
        "HR": p("385", "0", 8...9), "CY": p("357", nil, 8...8), "CZ": p("420", nil, 9...9),
        "DK": p("45", nil, 8...8), "EE": p("372", nil, 7...8), "FI": p("358", "0", 5...12),
        "FR": p("33", "0", 9...9), "DE": p("49", "0", 5...13), "GR": p("30", nil, 10...10),
        "HU": p("36", "06", 8...9), "IE": p("353", "0", 7...9), "IT": p("39", nil, 6...11),
        "LV": p("371", nil, 8...8), "LT": p("370", "8", 8...8), "LU": p("352", nil, 4...11),
        "MT": p("356", nil, 8...8), "NL": p("31", "0", 9...9), "PL": p("48", nil, 9...9),
        "PT": p("351", nil, 9...9), "RO": p("40", "0", 9...9), "SK": p("421", "0", 9...9),
        "SI": p("386", "0", 8...8), "ES": p("34", nil, 9...9), "SE": p("46", "0", 7...9),
        "IS": p("354", nil, 7...9), "LI": p("423", nil, 7...9), "NO": p("47", nil, 8...8),
        // Neighbours, North America and other large countries
        "CH": p("41", "0", 9...9), "GB": p("44", "0", 9...10), "US": p("1", "1", 10...10),
        "CA": p("1", "1", 10...10), "MC": p("377", nil, 8...9), "SM": p("378", nil, 6...10),
        "AD": p("376", nil, 6...9), "RS": p("381", "0", 8...10), "BA": p("387", "0", 8...9),
        "AL": p("355", "0", 8...9), "MK": p("389", "0", 8...8), "ME": p("382", "0", 8...8),
        "UA": p("380", "0", 9...9), "TR": p("90", "0", 10...10), "RU": p("7", "8", 10...10),
        "IL": p("972", "0", 8...9), "AE": p("971", "0", 8...9), "SA": p("966", "0", 8...9),
        "EG": p("20", "0", 9...10), "ZA": p("27", "0", 9...9), "NG": p("234", "0", 8...10),
        "KE": p("254", "0", 9...9), "MA": p("212", "0", 9...9), "IN": p("91", "0", 10...10),
        "CN": p("86", "0", 10...11), "JP": p("81", "0", 9...10), "KR": p("82", "0", 8...10),
        "SG": p("65", nil, 8...8), "HK": p("852", nil, 8...8), "TW": p("886", "0", 8...9),
        "ID": p("62", "0", 8...12), "MY": p("60", "0", 8...10), "TH": p("66", "0", 8...9),
        "VN": p("84", "0", 9...10), "PH": p("63", "0", 9...10), "PK": p("92", "0", 9...10),
        "AU": p("61", "0", 9...9), "NZ": p("64", "0", 8...10), "BR": p("55", "0", 10...11),
        "MX": p("52", nil, 10...10), "AR": p("54", "0", 10...10), "CL": p("56", nil, 9...9),
        "CO": p("57", nil, 10...10), "PE": p("51", "0", 8...9),
    ]
}

extension CallingCodes {
    /// The plans that use a calling code, such as both US and CA for `1`.
    static func plans(withCallingCode code: String) -> [DialingPlan] {
        plansByCallingCode[code] ?? []
    }

    private static let plansByCallingCode: [String: [DialingPlan]] = {
        var result: [String: [DialingPlan]] = [:]
        for country in countries {
            guard let plan = plan(for: country) else { continue }
            result[plan.callingCode, default: []].append(plan)
        }
        return result
    }()
}
