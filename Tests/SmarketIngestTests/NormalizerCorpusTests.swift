import Foundation
import Testing

@testable import SmarketIngest

/// Whole corpus files in formats that Foundation reads without the feed readers: the web form's
/// NDJSON, the partner JSON and the activities CSV, which has no quoted fields.
@Suite struct NormalizerCorpusTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/corpus")

    /// Turns JSON objects into records. The line numbers are positions, not physical lines.
    private func records(_ objects: [[String: Any]]) -> [RawRecord] {
        objects.enumerated().map { index, object in
            let fields = object.keys.sorted().map { key in
                RawField(name: key, value: (object[key] as? String) ?? "\(object[key]!)")
            }
            return RawRecord(line: index + 1, fields: fields)
        }
    }

    private func accepted(_ records: [RawRecord], source: String?) -> [NormalizedLead] {
        var mapper = HeaderMapper(overrides: [:])
        mapper.learn(names: records.first?.fields.map(\.name) ?? [], sample: records)
        let normalizer = LeadNormalizer(
            defaultSource: source, locale: "de_DE", timeZone: Self.berlin)
        return records.compactMap {
            if case .accepted(let lead) = normalizer.normalize($0, mapper: &mapper) { return lead }
            return nil
        }
    }

    @Test func webFormAllAccepted() throws {
        let text = try String(
            contentsOf: Self.corpus.appendingPathComponent("web-form.ndjson"), encoding: .utf8)
        let objects = try text.split(whereSeparator: \.isNewline).map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let leads = accepted(records(objects), source: "website")
        #expect(leads.count == 10)
        #expect(leads.allSatisfy { $0.notes.isEmpty })
        #expect(leads.allSatisfy { $0.fields[.country] == "DE" })
        #expect(leads.first?.fields[.source] == "google")
        #expect(leads.first?.fields[.campaign] == "brand")
        #expect(leads.first?.fields[.createdAt] == "2026-12-01T10:00:00Z")
    }

    @Test func partnerJSONAllAccepted() throws {
        let data = try Data(contentsOf: Self.corpus.appendingPathComponent("partner-leads.json"))
        let root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let objects = try #require(root["data"] as? [[String: Any]])
        let leads = accepted(records(objects), source: "partner")
        #expect(leads.count == objects.count)
        #expect(leads.allSatisfy { $0.fields[.country] == "CH" })
        #expect(leads.allSatisfy { $0.fields[.employees] == "250" })
        #expect(leads.allSatisfy { $0.fields[.source] == "partner" })
        #expect(leads.first?.fields[.firstName] == "Anna")
        #expect(leads.first?.fields[.lastName] == "Becker")
        #expect(leads.first?.fields[.company] == "Northwind Traders")
    }

    @Test func activitiesAllAccepted() throws {
        let text = try String(
            contentsOf: Self.corpus.appendingPathComponent("activities.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let normalizer = EventNormalizer(locale: nil, timeZone: Self.berlin)
        let outcomes = lines.dropFirst().enumerated().map { index, values in
            normalizer.normalize(
                RawRecord(
                    line: index + 2,
                    fields: zip(lines[0], values).map { RawField(name: $0, value: $1) }))
        }
        let events = outcomes.compactMap { outcome -> LeadEvent? in
            if case .accepted(let event) = outcome { return event }
            return nil
        }
        #expect(events.count == 4)
        #expect(events.map(\.type) == [.webinarAttended, .call, .emailOpen, .stageChange])
        #expect(events[2].lead == .email("jonas.dubois@proseware.example"))
    }
}
