import Foundation
import Testing

@testable import SmarketIngest

@Suite struct JSONReaderTests {
    typealias Support = ReadingTestSupport

    @Test func partnerLeadsUnderData() throws {
        let (file, records) = try Support.readAll(Support.corpus("partner-leads.json"))
        #expect(file.format == .json)
        #expect(file.header == nil)
        #expect(file.delimiter == nil)
        #expect(records.count == 6)
        #expect(records[0].line == 3)
        #expect(records[1].line == 10)
        #expect(records[1].value(named: "Name") == "Jonas García")
        #expect(records[0].value(named: "Employees") == "250")
    }

    @Test func webFormNDJSON() throws {
        let (file, records) = try Support.readAll(Support.corpus("web-form.ndjson"))
        #expect(file.format == .ndjson)
        #expect(records.count == 10)
        #expect(records[2].line == 3)
        #expect(records[2].value(named: "last_name") == "Müller")
        #expect(records[0].value(named: "utm_source") == "google")
    }

    @Test func ndjsonSkipsBlankLines() throws {
        let url = try Support.write("{\"a\": 1}\n\n{\"a\": 2}\n", named: "events.jsonl")
        let (file, records) = try Support.readAll(url)
        #expect(file.format == .ndjson)
        #expect(records.count == 2)
        #expect(records[1].line == 3)
    }

    @Test(arguments: ["leads", "records", "data"])
    func wrapperKeys(key: String) throws {
        let text =
            "{\"paging\": {\"next\": \"x\"}, \"\(key)\": [{\"email\": \"a@x.example\"}, {\"email\": \"b@x.example\"}]}"
        let (_, records) = try Support.readAll(try Support.write(text, named: "leads.json"))
        #expect(records.count == 2)
        #expect(records[1].value(named: "email") == "b@x.example")
        #expect(records[1].fields.count == 1)
    }

    @Test func topLevelArrayFlattens() throws {
        let text = """
            [
              {"email": "a@x.example", "address": {"city": "Wien", "zip": 1010},
               "tags": ["a", "b", 3], "optin": true, "fax": null, "price": 1.50,
               "items": [{"sku": "x"}], "note": "line\\nbreak \\u00e9 \\ud83d\\ude00"}
            ]
            """
        let (_, records) = try Support.readAll(try Support.write(text, named: "leads.json"))
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.line == 2)
        #expect(record.value(named: "address.city") == "Wien")
        #expect(record.value(named: "address.zip") == "1010")
        #expect(record.value(named: "tags") == "a, b, 3")
        #expect(record.value(named: "optin") == "true")
        #expect(record.value(named: "fax") == "")
        #expect(record.value(named: "price") == "1.50")
        #expect(record.value(named: "items.1.sku") == "x")
        #expect(record.value(named: "note") == "line\nbreak é 😀")
    }

    @Test func googleAdsWebhook() throws {
        let text = """
            {
              "lead_id": "TeSter-123", "api_version": "1.0", "form_id": 40000000000,
              "campaign_id": 12345, "google_key": "secret", "gcl_id": "gcl-1",
              "user_column_data": [
                {"column_name": "Full Name", "string_value": "Anna Müller", "column_id": "FULL_NAME"},
                {"string_value": "anna@x.example", "column_id": "EMAIL"},
                {"string_value": "+4930555", "column_id": "PHONE_NUMBER"},
                {"string_value": "Contoso", "column_id": "COMPANY_NAME"},
                {"string_value": "anna@contoso.example", "column_id": "WORK_EMAIL"}
              ],
              "is_test": true
            }
            """
        let (file, records) = try Support.readAll(try Support.write(text, named: "webhook.json"))
        #expect(file.format == .json)
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.line == 1)
        #expect(record.value(named: "FULL_NAME") == "Anna Müller")
        #expect(record.value(named: "EMAIL") == "anna@x.example")
        #expect(record.value(named: "PHONE_NUMBER") == "+4930555")
        #expect(record.value(named: "COMPANY_NAME") == "Contoso")
        #expect(record.value(named: "WORK_EMAIL") == "anna@contoso.example")
        #expect(record.value(named: "lead_id") == "TeSter-123")
        #expect(record.value(named: "form_id") == "40000000000")
        #expect(record.value(named: "campaign_id") == "12345")
        #expect(record.value(named: "gcl_id") == "gcl-1")
        #expect(record.value(named: "is_test") == "true")
        #expect(record.value(named: "google_key") == nil)
    }

    @Test func webhookRowsInArray() throws {
        let text = """
            [{"lead_id": "1", "user_column_data": [{"column_id": "EMAIL", "string_value": "a@x.example"}]},
             {"lead_id": "2", "user_column_data": [{"column_id": "EMAIL", "string_value": "b@x.example"}]}]
            """
        let (_, records) = try Support.readAll(try Support.write(text, named: "leads.json"))
        #expect(records.count == 2)
        #expect(records[1].value(named: "EMAIL") == "b@x.example")
        #expect(records[1].line == 2)
    }

    @Test func minifiedArrayOnOneLine() throws {
        let rows = (1...3).map { "{\"n\":\($0)}" }.joined(separator: ",")
        let (_, records) = try Support.readAll(try Support.write("[\(rows)]", named: "leads.json"))
        #expect(records.count == 3)
        #expect(records[2].value(named: "n") == "3")
    }
}
