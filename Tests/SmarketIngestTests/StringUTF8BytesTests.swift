import Testing

@testable import SmarketIngest

struct StringUTF8BytesTests {
    /// Small strings are stored inside the value and large ones in a buffer, and both must pass on their bytes.
    @Test(arguments: ["", "a", "café", "fifteen bytes!!", "a string longer than fifteen bytes, é ✓ 🚀"])
    func bytesMatchUTF8View(_ text: String) {
        #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
    }

    @Test func substringBytesMatch() {
        let text = "prefix-café-suffix"
        let middle = String(text.dropFirst(7).dropLast(7))
        #expect(middle.withUTF8Bytes { Array($0) } == Array("café".utf8))
    }

    @Test func isASCIIOverBytes() {
        #expect("plain ASCII 123".isASCII)
        #expect(!"café".isASCII)
        #expect("".isASCII)
        #expect(!"\u{80}".isASCII)
    }
}
