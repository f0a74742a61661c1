/// The text encoding of a feed, decided from the first bytes of its (decompressed) content.
struct SniffedEncoding: Equatable {
    /// The name reported to operators, such as "UTF-8 with BOM".
    var name: String
    /// How many leading bytes are a byte order mark.
    var byteOrderMarkLength: Int
    /// The UTF-16 byte order, or nil for 8-bit text.
    var utf16: UTF16ByteOrder?
    /// The decoding of values after any UTF-16 conversion.
    var decoding: TextDecoding

    /// Decides the encoding from a sample of the start of the file.
    ///
    /// A byte order mark wins. Without one, text where most code units have a zero byte on
    /// the same side is UTF-16 without a BOM, which is read in the byte order the zeros show.
    /// Otherwise the sample is UTF-8 when it is valid UTF-8 or has more valid multi-byte characters
    /// than bytes that cannot be UTF-8 (each value that is not UTF-8 then decodes as Windows-1252),
    /// else Windows-1252.
    static func sniff(_ sample: [UInt8]) -> SniffedEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) {
            return SniffedEncoding(
                name: "UTF-8 with BOM", byteOrderMarkLength: 3, utf16: nil, decoding: .utf8)
        }
        if sample.starts(with: [0xFF, 0xFE]) {
            return SniffedEncoding(
                name: "UTF-16LE", byteOrderMarkLength: 2, utf16: .littleEndian, decoding: .utf8)
        }
        if sample.starts(with: [0xFE, 0xFF]) {
            return SniffedEncoding(
                name: "UTF-16BE", byteOrderMarkLength: 2, utf16: .bigEndian, decoding: .utf8)
        }
        if let byteOrder = utf16WithoutMark(sample) {
            let name = byteOrder == .littleEndian ? "UTF-16LE" : "UTF-16BE"
            return SniffedEncoding(
                name: name, byteOrderMarkLength: 0, utf16: byteOrder, decoding: .utf8)
        }
        let tally = UTF8Check.tally(sample)
        if tally.invalid == 0 {
            return SniffedEncoding(
                name: "UTF-8", byteOrderMarkLength: 0, utf16: nil, decoding: .utf8)
        }
        // More valid multi-byte characters than stray bytes: a UTF-8 file with a few values in another
        // encoding. Reading all of it as Windows-1252 would garble every accented letter of the others.
        if tally.multiByte > tally.invalid {
            return SniffedEncoding(
                name: "UTF-8 with some Windows-1252 values", byteOrderMarkLength: 0, utf16: nil, decoding: .utf8)
        }
        return SniffedEncoding(
            name: "Windows-1252", byteOrderMarkLength: 0, utf16: nil, decoding: .windows1252)
    }

    /// Returns the byte order when at least 30% of the code units have a zero byte on one
    /// side and under 2% on the other, as Latin-script UTF-16 text typically does.
    private static func utf16WithoutMark(_ sample: [UInt8]) -> UTF16ByteOrder? {
        let units = sample.count / 2
        guard units >= 2 else { return nil }
        var zeroHigh = 0  // zero in the odd byte: little-endian ASCII
        var zeroLow = 0  // zero in the even byte: big-endian ASCII
        for unit in 0..<units {
            if sample[2 * unit] == 0 { zeroLow += 1 }
            if sample[2 * unit + 1] == 0 { zeroHigh += 1 }
        }
        if zeroHigh * 10 >= units * 3 && zeroLow * 50 < units { return .littleEndian }
        if zeroLow * 10 >= units * 3 && zeroHigh * 50 < units { return .bigEndian }
        return nil
    }
}

/// Checks of a sample of text (after any UTF-16 conversion) for content that is not text.
enum BinaryCheck {
    /// Returns a description of the first sign of binary content, or nil for text.
    ///
    /// A NUL byte is binary. Other C0 control characters (not tab, line feed, carriage
    /// return or form feed) are binary when they make up more than 1% of the sample, so that
    /// a stray control character in a real export does not reject the file.
    static func firstProblem(in sample: [UInt8]) -> String? {
        var controls = 0
        var firstControl: (offset: Int, byte: UInt8)?
        for (offset, byte) in sample.enumerated() {
            if byte == 0 {
                return "a NUL byte at byte \(offset)"
            }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C
                || byte == 0x7F
            {
                controls += 1
                if firstControl == nil { firstControl = (offset, byte) }
            }
        }
        if let first = firstControl, controls * 100 > sample.count {
            let hex = String(first.byte, radix: 16, uppercase: true)
            return "\(controls) control characters, the first (0x\(hex)) at byte \(first.offset)"
        }
        return nil
    }
}
