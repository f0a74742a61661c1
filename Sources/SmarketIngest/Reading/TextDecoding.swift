/// Windows-1252 ("ANSI" in Excel on western Windows) decoding with a table of all 256 bytes.
///
/// Foundation's converter rejects the five bytes that Windows-1252 leaves undefined
/// (0x81, 0x8D, 0x8F, 0x90, 0x9D). This table maps them to the C1 control characters of
/// the same value (U+0081 and so on), so that every byte decodes.
enum Windows1252 {
    /// The Unicode scalar value of each byte.
    static let scalars: [UInt16] = [
        0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007,  // 0x00
        0x0008, 0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x000E, 0x000F,  // 0x08
        0x0010, 0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017,  // 0x10
        0x0018, 0x0019, 0x001A, 0x001B, 0x001C, 0x001D, 0x001E, 0x001F,  // 0x18
        0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027,  // 0x20
        0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,  // 0x28
        0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,  // 0x30
        0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,  // 0x38
        0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,  // 0x40
        0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F,  // 0x48
        0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,  // 0x50
        0x0058, 0x0059, 0x005A, 0x005B, 0x005C, 0x005D, 0x005E, 0x005F,  // 0x58
        0x0060, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067,  // 0x60
        0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,  // 0x68
        0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,  // 0x70
        0x0078, 0x0079, 0x007A, 0x007B, 0x007C, 0x007D, 0x007E, 0x007F,  // 0x78
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 0x88
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 0x98
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  // 0xA0
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  // 0xA8
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // 0xB0
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  // 0xB8
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,  // 0xC0
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,  // 0xC8
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,  // 0xD0
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,  // 0xD8
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,  // 0xE0
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,  // 0xE8
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,  // 0xF0
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,  // 0xF8
    ]

    /// Decodes bytes as Windows-1252; every byte sequence is valid.
    static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var result = String()
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            // Every table entry is below U+D800, so the scalar always exists.
            result.unicodeScalars.append(Unicode.Scalar(scalars[Int(byte)])!)
        }
        return result
    }
}

/// The decoding of value bytes to strings, decided once per file from its first bytes.
enum TextDecoding: Sendable {
    /// UTF-8; a record with bytes that are not valid UTF-8 is decoded as Windows-1252 instead.
    case utf8
    /// Windows-1252 for every record.
    case windows1252

    /// Decodes one value.
    func decode(_ bytes: [UInt8]) -> String {
        switch self {
        case .utf8:
            return Self.validUTF8String(bytes) ?? Windows1252.decode(bytes)
        case .windows1252:
            return Windows1252.decode(bytes)
        }
    }

    /// Returns the bytes as a string, or nil when they are not valid UTF-8.
    ///
    /// `String(validating:as:)` runs unspecialized generic code, about 1,000 instructions per CSV
    /// value in callgrind. ASCII bytes are always valid, so they take `String(decoding:as:)`, which
    /// copies contiguous bytes on a fast path.
    static func validUTF8String(_ bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Decodes the values of one record together, so that a record falls back to
    /// Windows-1252 as a whole when any of its values is not valid UTF-8.
    func decode(record values: [[UInt8]]) -> [String] {
        switch self {
        case .utf8:
            var strings: [String] = []
            strings.reserveCapacity(values.count)
            for value in values {
                guard let string = Self.validUTF8String(value) else {
                    return values.map { Windows1252.decode($0) }
                }
                strings.append(string)
            }
            return strings
        case .windows1252:
            return values.map { Windows1252.decode($0) }
        }
    }
}

/// The check of a sample for UTF-8, which the encoding sniffer weighs.
enum UTF8Check {
    /// Counts the valid multi-byte sequences and the bytes that cannot be UTF-8. A sequence cut off
    /// at the end counts as neither, because a sample may end in the middle of a character.
    static func tally(_ bytes: [UInt8]) -> (multiByte: Int, invalid: Int) {
        var multiByte = 0
        var invalid = 0
        var index = 0
        let count = bytes.count
        scan: while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimumSecond: UInt8 = 0x80
            var maximumSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                minimumSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                maximumSecond = 0x9F
            case 0xF0:
                length = 4
                minimumSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                maximumSecond = 0x8F
            default:
                invalid += 1
                index += 1
                continue scan
            }
            for offset in 1..<length {
                guard index + offset < count else { break scan }
                let byte = bytes[index + offset]
                let minimum = offset == 1 ? minimumSecond : 0x80
                let maximum = offset == 1 ? maximumSecond : 0xBF
                guard byte >= minimum && byte <= maximum else {
                    invalid += 1
                    index += 1
                    continue scan
                }
            }
            multiByte += 1
            index += length
        }
        return (multiByte, invalid)
    }
}
