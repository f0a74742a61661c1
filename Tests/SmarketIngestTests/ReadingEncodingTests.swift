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
