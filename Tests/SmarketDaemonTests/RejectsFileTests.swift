import SmarketStore
import Testing

@testable import SmarketDaemon

/// The rejects file: the original columns of each rejected row, then its line and reason.
@Suite struct RejectsFileTests {
    @Test func columnsThenLineAndReason() {
        let text = RejectsFile.render([
            RejectedRow(line: 3, reason: "no lead", fields: [("email", "a@x.example"), ("type", "call")])
        ])
        #expect(text == "email,type,line,reason\r\na@x.example,call,3,no lead\r\n")
    }

    /// A rejects file dropped into the inbox again gets new line and reason columns in place of its old ones.
    @Test func rejectsFileDroppedAgainKeepsOneReason() {
        let text = RejectsFile.render([
            RejectedRow(
                line: 2, reason: "still no lead",
                fields: [("email", "a@x.example"), ("line", "3"), ("reason", "no lead")])
        ])
        #expect(text == "email,line,reason\r\na@x.example,2,still no lead\r\n")
    }

    /// A feed's own `reason` column that is not part of a trailing line and reason pair stays.
    @Test func feedReasonColumnStays() {
        let text = RejectsFile.render([
            RejectedRow(line: 2, reason: "invalid email", fields: [("reason", "pricing"), ("email", "x")])
        ])
        #expect(text == "reason,email,line,reason\r\npricing,x,2,invalid email\r\n")
    }
}
