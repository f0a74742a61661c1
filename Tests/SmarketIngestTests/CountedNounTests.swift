import Testing

@testable import SmarketIngest

struct CountedNounTests {
    @Test func singularForOne() {
        #expect(counted(1, "lead") == "1 lead")
        #expect(counted(Int64(1), "error") == "1 error")
    }

    @Test func pluralForOtherCounts() {
        #expect(counted(0, "lead") == "0 leads")
        #expect(counted(2, "lead") == "2 leads")
        #expect(counted(-1, "lead") == "-1 leads")
    }

    @Test func irregularPlural() {
        #expect(counted(1, "kind of change", plural: "kinds of change") == "1 kind of change")
        #expect(counted(3, "kind of change", plural: "kinds of change") == "3 kinds of change")
        #expect(counted(2, "inbox", plural: "inboxes") == "2 inboxes")
    }
}
