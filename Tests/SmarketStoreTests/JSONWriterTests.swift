import Foundation
import Testing

@testable import SmarketStore

struct JSONWriterTests {
    @Test func writesWhatFoundationReadsBack() throws {
        let object: [String: Any] = [
            "type": "lead.mql", "lead_id": Int64(42), "score": 37.5, "whole": 40.0, "sent": true,
            "missing": NSNull(), "fields": ["company": "Müller & Söhne", "note": "line\nbreak \"quoted\" \\ /"],
            "list": [1, "two", false],
        ]
        let text = JSONWriter.string(object)
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["type"] as? String == "lead.mql")
        #expect(parsed["lead_id"] as? Int == 42)
        #expect(parsed["score"] as? Double == 37.5)
        #expect(parsed["sent"] as? Bool == true)
        #expect(parsed["missing"] is NSNull)
        let fields = try #require(parsed["fields"] as? [String: String])
        #expect(fields["note"] == "line\nbreak \"quoted\" \\ /")
        #expect(fields["company"] == "Müller & Söhne")
        #expect((parsed["list"] as? [Any])?.count == 3)
    }

    @Test func sortsKeysAndKeepsWholeNumbersWhole() {
        #expect(JSONWriter.string(["b": 40.0, "a": "x/y", "c": Double.nan]) == #"{"a":"x/y","b":40,"c":null}"#)
    }

    @Test func escapesControlCharacters() {
        #expect(JSONWriter.string(["k": "\u{01}\t"]) == #"{"k":"\u0001\t"}"#)
    }

    /// Escapes at the start, at the end and side by side, between runs of plain and multi-byte text.
    @Test func escapedTextReadsBack() throws {
        let alphabet: [Character] = ["a", "é", "\"", "\\", "\n", "\u{01}", "\u{1F}", "/", " ", "✓", "\r", "\t"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let text = String((0..<length % 23).map { _ in alphabet.randomElement(using: &generator)! })
            let json = JSONWriter.string(["k": text])
            let parsed = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
            #expect(parsed["k"] == text, "text \(text.debugDescription) was written as \(json)")
        }
    }
}
