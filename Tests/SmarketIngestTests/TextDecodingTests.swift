import Testing

@testable import SmarketIngest

@Suite struct TextDecodingTests {
    @Test(arguments: [
        [], [0x61, 0x62], [0xC3, 0xA4], [0xEF, 0xBF, 0xBD], [0xF0, 0x9F, 0x98, 0x80],
        // Invalid: a lone byte, a cut-off sequence, a surrogate, an overlong form, past U+10FFFF.
        [0xFF], [0x61, 0xEF, 0xBF], [0xEF, 0xBF, 0x61], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
        [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3],
    ] as [[UInt8]])
    func validUTF8MatchesStandardLibrary(bytes: [UInt8]) {
        #expect(TextDecoding.validUTF8String(bytes) == String(validating: bytes, as: UTF8.self))
    }

    @Test func invalidRecordFallsBackWhole() {
        let values: [[UInt8]] = [[0xC3, 0xA4], [0x66, 0xFC, 0x72]]
        #expect(TextDecoding.utf8.decode(record: values) == ["Ã¤", "für"])
    }
}
