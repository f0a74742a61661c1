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
/// The lengths serve to tell which country a national number fits. They count the national
/// significant number without the trunk prefix.
// NOTE: The lengths are estimates from general knowledge of each national numbering plan, kept a
// little wide, and not checked against the ITU-T publications. A valid number outside them is
// reported invalid.
enum CallingCodes {
    static func plan(for country: String) -> DialingPlan? {
        plans[country]
    }

    /// The ISO 3166 alpha-2 codes that have a plan.
    static var countries: Dictionary<String, DialingPlan>.Keys {
        plans.keys
    }

    private static func dialing(_ code: String, _ trunk: String?, _ lengths: ClosedRange<Int>)
        -> DialingPlan
    {
        DialingPlan(callingCode: code, trunkPrefix: trunk, lengths: lengths)
    }

    private static let plans: [String: DialingPlan] = [
        // EU and EEA
        "AT": dialing("43", "0", 4...13), "BE": dialing("32", "0", 8...9),
        "BG": dialing("359", "0", 7...9),
        "HR": dialing("385", "0", 8...9), "CY": dialing("357", nil, 8...8),
        "CZ": dialing("420", nil, 9...9),
        "DK": dialing("45", nil, 8...8), "EE": dialing("372", nil, 7...8),
        "FI": dialing("358", "0", 5...12),
        "FR": dialing("33", "0", 9...9), "DE": dialing("49", "0", 5...13),
        "GR": dialing("30", nil, 10...10),
        "HU": dialing("36", "06", 8...9), "IE": dialing("353", "0", 7...9),
        "IT": dialing("39", nil, 6...11),
        "LV": dialing("371", nil, 8...8), "LT": dialing("370", "8", 8...8),
        "LU": dialing("352", nil, 4...11),
        "MT": dialing("356", nil, 8...8), "NL": dialing("31", "0", 9...9),
        "PL": dialing("48", nil, 9...9),
        "PT": dialing("351", nil, 9...9), "RO": dialing("40", "0", 9...9),
        "SK": dialing("421", "0", 9...9),
        "SI": dialing("386", "0", 8...8), "ES": dialing("34", nil, 9...9),
        "SE": dialing("46", "0", 7...9),
        "IS": dialing("354", nil, 7...9), "LI": dialing("423", nil, 7...9),
        "NO": dialing("47", nil, 8...8),
        // Neighbours, North America and other large countries
        "CH": dialing("41", "0", 9...9), "GB": dialing("44", "0", 9...10),
        "US": dialing("1", "1", 10...10),
        "CA": dialing("1", "1", 10...10), "MC": dialing("377", nil, 8...9),
        "SM": dialing("378", nil, 6...10),
        "AD": dialing("376", nil, 6...9), "RS": dialing("381", "0", 8...10),
        "BA": dialing("387", "0", 8...9),
        "AL": dialing("355", "0", 8...9), "MK": dialing("389", "0", 8...8),
        "ME": dialing("382", "0", 8...8),
        "UA": dialing("380", "0", 9...9), "TR": dialing("90", "0", 10...10),
        "RU": dialing("7", "8", 10...10),
        "IL": dialing("972", "0", 8...9), "AE": dialing("971", "0", 8...9),
        "SA": dialing("966", "0", 8...9),
        "EG": dialing("20", "0", 9...10), "ZA": dialing("27", "0", 9...9),
        "NG": dialing("234", "0", 8...10),
        "KE": dialing("254", "0", 9...9), "MA": dialing("212", "0", 9...9),
        "IN": dialing("91", "0", 10...10),
        "CN": dialing("86", "0", 10...11), "JP": dialing("81", "0", 9...10),
        "KR": dialing("82", "0", 8...10),
        "SG": dialing("65", nil, 8...8), "HK": dialing("852", nil, 8...8),
        "TW": dialing("886", "0", 8...9),
        "ID": dialing("62", "0", 8...12), "MY": dialing("60", "0", 8...10),
        "TH": dialing("66", "0", 8...9),
        "VN": dialing("84", "0", 9...10), "PH": dialing("63", "0", 9...10),
        "PK": dialing("92", "0", 9...10),
        "AU": dialing("61", "0", 9...9), "NZ": dialing("64", "0", 8...10),
        "BR": dialing("55", "0", 10...11),
        "MX": dialing("52", nil, 10...10), "AR": dialing("54", "0", 10...10),
        "CL": dialing("56", nil, 9...9),
        "CO": dialing("57", nil, 10...10), "PE": dialing("51", "0", 8...9),
    ]
}

extension CallingCodes {
    /// Returns the plans that use a calling code, such as both US and CA for `1`.
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
