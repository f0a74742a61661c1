import Foundation
import Testing

@testable import SmarketIngest

@Suite struct ReadingEncodingTests {
    typealias Support = ReadingTestSupport

    private static let text =
        "email\tname\r\nanna@x.example\tAnna Müller 😀\r\nbob@x.example\tBöb\r\n"

    private func utf16(_ text: String, bigEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        if byteOrderMark { bytes += bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE] }
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test func utf16BigEndianWithBOM() throws {
        let url = try Support.write(
            utf16(Self.text, bigEndian: true, byteOrderMark: true), named: "leads.csv")
        let (file, records) = try Support.readAll(url)
        #expect(file.encodingName == "UTF-16BE")
        #expect(file.delimiter == "\t")
        #expect(file.header == ["email", "name"])
        #expect(records.count == 2)
        #expect(records[0].value(named: "name") == "Anna Müller 😀")
    }

    @Test func utf16WithoutBOMIsRead() throws {
        let url = try Support.write(
            utf16(Self.text, bigEndian: false, byteOrderMark: false), named: "leads.csv")
        let (file, records) = try Support.readAll(url)
        #expect(file.encodingName == "UTF-16LE")
        #expect(records[1].value(named: "name") == "Böb")
    }

    /// One stray byte in a UTF-8 file decodes its own value as Windows-1252 and leaves the others intact.
    @Test func strayByteInUTF8KeepsOtherRows() throws {
        let bytes: [UInt8] =
            Array("first_name,last_name\nJürgen,Müller\nRené,Søren\n".utf8) + Array("Bad".utf8) + [0xFF]
            + Array(",Ok\n".utf8)
        let (file, records) = try Support.readAll(try Support.write(bytes, named: "leads.csv"))
        #expect(file.encodingName == "UTF-8 with some Windows-1252 values")
        #expect(records[0].value(named: "first_name") == "Jürgen")
        #expect(records[0].value(named: "last_name") == "Müller")
        #expect(records[1].value(named: "last_name") == "Søren")
        #expect(records[2].value(named: "first_name") == "Badÿ")
    }

    /// A Windows-1252 file stays Windows-1252 although a letter pair of it happens to be valid UTF-8.
    @Test func windows1252WithChanceUTF8Pair() throws {
        // "Straß“" ends in ß (0xDF) and “ (0x93), which together are a valid two-byte UTF-8 sequence.
        let bytes: [UInt8] =
            Array("street,city\nStra".utf8) + [0xDF, 0x93] + Array(",K".utf8) + [0xF6] + Array("ln\n".utf8)
            + Array("Gro".utf8) + [0xDF] + Array("weg,M".utf8) + [0xFC] + Array("nchen\n".utf8)
        let (file, records) = try Support.readAll(try Support.write(bytes, named: "leads.csv"))
        #expect(file.encodingName == "Windows-1252")
        #expect(records[0].value(named: "street") == "Straß“")
        #expect(records[0].value(named: "city") == "Köln")
        #expect(records[1].value(named: "street") == "Großweg")
    }

    @Test func windows1252UndefinedBytes() throws {
        let bytes: [UInt8] =
            Array("name,note\nA".utf8) + [0x81, 0x8D, 0x8F, 0x90, 0x9D] + Array(",\u{20}".utf8) + [
                0x80, 0x96, 0xFC, 0x0A,
            ]
        let (file, records) = try Support.readAll(try Support.write(bytes, named: "leads.csv"))
        #expect(file.encodingName == "Windows-1252")
        #expect(records[0].value(named: "name") == "A\u{81}\u{8D}\u{8F}\u{90}\u{9D}")
        #expect(records[0].value(named: "note") == " €–ü")
    }

    @Test func windows1252TableIsComplete() {
        #expect(Windows1252.scalars.count == 256)
        #expect(Windows1252.decode([0x80]) == "€")
        #expect(Windows1252.decode([0x9F]) == "Ÿ")
        #expect(Windows1252.decode([0xE9]) == "é")
    }

    @Test func lateInvalidUTF8FallsBackPerRecord() throws {
        // The sample (the first 64 KiB) is valid UTF-8; a later record is Windows-1252.
        var bytes = Array("email,name\n".utf8)
        let row = Array("a@x.example,Jürgen\n".utf8)
        while bytes.count < 70_000 { bytes += row }
        bytes += Array("b@x.example,M".utf8) + [0xFC] + Array("ller\n".utf8)
        let (file, records) = try Support.readAll(try Support.write(bytes, named: "leads.csv"))
        #expect(file.encodingName == "UTF-8")
        #expect(records.first?.value(named: "name") == "Jürgen")
        #expect(records.last?.value(named: "name") == "Müller")
    }
}
