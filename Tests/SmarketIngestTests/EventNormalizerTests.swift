import Foundation
import Testing

@testable import SmarketIngest

@Suite struct EventNormalizerTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let normalizer = EventNormalizer(locale: "de_DE", timeZone: berlin)
    /// The header of the corpus file activities.csv.
    static let header = ["email", "type", "at", "rep", "stage", "value"]

    private func record(_ values: [String], names: [String] = header) -> RawRecord {
        RawRecord(line: 2, fields: zip(names, values).map { RawField(name: $0, value: $1) })
    }

    private func event(_ values: [String], names: [String] = header) -> LeadEvent? {
        guard case .accepted(let event) = Self.normalizer.normalize(record(values, names: names))
        else { return nil }
        return event
    }

    private func reason(_ values: [String], names: [String] = header) -> String? {
        guard case .rejected(let reason) = Self.normalizer.normalize(record(values, names: names))
        else { return nil }
        return reason
    }

    @Test func corpusCallRow() {
        let event = event([
            "anna.kowalski@wideworld.example", "call", "2026-12-01T12:30:00Z", "alice", "",
            "connected",
        ])
        #expect(event?.lead == .email("anna.kowalski@wideworld.example"))
        #expect(event?.type == .call)
        #expect(event?.at == Date(timeIntervalSince1970: 1_796_128_200))
        #expect(event?.rep == "alice")
        #expect(event?.value == "connected")
        #expect(event?.stage == nil)
    }

    @Test func upperCaseEmailMatches() {
        let event = event([
            "JONAS.DUBOIS@PROSEWARE.EXAMPLE", "email_open", "2026-12-01T12:31:00Z", "", "", "",
        ])
        #expect(event?.lead == .email("jonas.dubois@proseware.example"))
    }

    @Test func stageChangeRow() {
        let event = event([
            "lea.mller@fabrikam.example", "stage_change", "2026-12-02T09:00:00Z", "bob", "sql", "",
        ])
        #expect(event?.type == .stageChange)
        #expect(event?.stage == "sql")
    }

    @Test func stageFromToolName() {
        let event = event([
            "ann@contoso.example", "stage_change", "2026-12-02T09:00:00Z", "", "Closed - Converted",
            "",
        ])
        #expect(event?.stage == "won")
    }

    @Test func reassignRow() {
        let event = event([
            "ann@contoso.example", "reassign", "2026-12-02T09:00:00Z", "", "", "erin",
        ])
        #expect(event?.value == "erin")
    }

    @Test func headerIgnoresCase() {
        let names = ["Lead ID", "Type", "AT", "Rep", "Campaign"]
        let event = event(
            ["42", "Webinar Attended", "02.12.2026 10:00", "", "Q4 Demand Gen"], names: names)
        #expect(event?.lead == .id(42))
        #expect(event?.type == .webinarAttended)
        #expect(event?.at == Date(timeIntervalSince1970: 1_796_202_000))
        #expect(event?.campaign == "Q4 Demand Gen")
    }

    @Test func phoneReference() {
        let event = event(
            ["030 555040", "call", "2026-12-02T09:00:00Z"], names: ["phone", "type", "at"])
        #expect(event?.lead == .phone("+4930555040"))
    }

    @Test func salesTouches() {
        let touches = EventType.allCases.filter(\.isSalesTouch)
        #expect(touches == [.call, .emailSent, .meeting])
    }

    @Test(arguments: [
        (
            ["ann@contoso.example", "fax", "2026-12-01T12:30:00Z", "", "", ""],
            "unknown event type \"fax\""
        ),
        (["ann@contoso.example", "", "2026-12-01T12:30:00Z", "", "", ""], "no event type"),
        (["ann@contoso.example", "call", "", "", "", ""], "no event time"),
        (
            ["ann@contoso.example", "call", "yesterday", "", "", ""],
            "invalid event time \"yesterday\""
        ),
        (["", "call", "2026-12-01T12:30:00Z", "", "", ""], "no lead reference"),
        (
            ["not-an-email", "call", "2026-12-01T12:30:00Z", "", "", ""],
            "no valid lead reference: email \"not-an-email\" is invalid"
        ),
        (
            ["ann@contoso.example", "stage_change", "2026-12-01T12:30:00Z", "", "", ""],
            "stage_change without a stage"
        ),
        (
            ["ann@contoso.example", "stage_change", "2026-12-01T12:30:00Z", "", "hot", ""],
            "unknown stage \"hot\""
        ),
        (
            ["ann@contoso.example", "reassign", "2026-12-01T12:30:00Z", "", "", ""],
            "reassign without a rep"
        ),
    ])
    func rejected(values: [String], reasonPrefix: String) {
        #expect(
            reason(values)?.hasPrefix(reasonPrefix) == true, "reason: \(reason(values) ?? "none")")
    }

    @Test func ambiguousTimeWithoutLocale() {
        let normalizer = EventNormalizer(locale: nil, timeZone: Self.berlin)
        let outcome = normalizer.normalize(
            record(["ann@contoso.example", "call", "03/04/2026 10:00", "", "", ""]))
        guard case .rejected(let reason) = outcome else {
            Issue.record("an ambiguous date without a locale must be rejected")
            return
        }
        #expect(reason.contains("03/04/2026 10:00"))
    }

    @Test func invalidLeadIDRejected() {
        let reason = reason(
            ["abc", "call", "2026-12-01T12:30:00Z"], names: ["lead_id", "type", "at"])
        #expect(reason == "no valid lead reference: lead_id \"abc\" is not a positive whole number")
    }
}
