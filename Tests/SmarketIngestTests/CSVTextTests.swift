import Testing

@testable import SmarketIngest

@Suite struct CSVTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("one\ntwo", "\"one\ntwo\""),
        ("one\rtwo", "\"one\rtwo\""),
        ("one\r\ntwo", "\"one\r\ntwo\""),
        ("\r\n", "\"\r\n\""),
        ("line end\r\n", "\"line end\r\n\""),
    ])
    func quoteMarksSpecialCells(value: String, expected: String) {
        #expect(Array(CSVText.quote(value).utf8) == Array(expected.utf8))
    }

    @Test func quoteDoublesQuoteBeforeCombiningMark() {
        // U+0301 joins the quote before it into one Character.
        let value = "x\"\u{301}y"
        #expect(Array(CSVText.quote(value).utf8) == Array("\"x\"\"\u{301}y\"".utf8))
    }

    @Test func quoteLeavesLeadingFormulaAlone() {
        #expect(CSVText.quote("=1+2") == "=1+2")
        #expect(CSVText.quote("-5") == "-5")
    }

    @Test(arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tindent", "'\tindent"),
        ("\rx", "\"'\rx\""),
        ("\r\nx", "\"'\r\nx\""),
        ("=1,2", "\"'=1,2\""),
        ("a=b", "a=b"),
        ("plain", "plain"),
        ("", ""),
    ])
    func spreadsheetCellGuardsFormulas(value: String, expected: String) {
        #expect(Array(CSVText.spreadsheetCell(value).utf8) == Array(expected.utf8))
    }
}
