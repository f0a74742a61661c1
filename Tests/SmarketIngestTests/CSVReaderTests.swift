import Foundation
import Testing

@testable import SmarketIngest

@Suite struct CSVReaderTests {
    typealias Support = ReadingTestSupport

    @Test func metaLeadAdsUTF16Tabs() throws {
        let (file, records) = try Support.readAll(Support.corpus("meta-lead-ads.tsv"))
        #expect(file.format == .csv)
        #expect(file.encodingName == "UTF-16LE")
        #expect(file.delimiter == "\t")
        #expect(records.count == 13)
        #expect(file.header?.first == "id")
        #expect(records[0].value(named: "ad_name") == "Winter promo – video")
        #expect(records[1].value(named: "full_name") == "Jonas García")
        #expect(records[1].line == 3)
        #expect(records[12].value(named: "full_name") == "<test lead: dummy data>")
        #expect(records[0].value(named: "lead_status") == "CREATED")
    }

    @Test func hubspotUTF8WithBOM() throws {
        let (file, records) = try Support.readAll(Support.corpus("hubspot-contacts.csv"))
        #expect(file.encodingName == "UTF-8 with BOM")
        #expect(file.delimiter == ",")
        #expect(file.header?.first == "Record ID")
        #expect(records.count == 15)
        #expect(records[3].value(named: "Job Title") == "Director, Operations")
        #expect(records[7].value(named: "Last Name") == "Müller")
        #expect(records[14].line == 16)
    }

    @Test func salesforceWindows1252Semicolons() throws {
        let (file, records) = try Support.readAll(Support.corpus("salesforce-leads-excel-de.csv"))
        #expect(file.encodingName == "Windows-1252")
        #expect(file.delimiter == ";")
        #expect(records.count == 12)
        #expect(records[2].value(named: "Last Name") == "Müller")
        #expect(records[0].value(named: "Description") == "Rückruf erwünscht – Preisliste ab 5 €")
        #expect(records[2].value(named: "No. of Employees") == "1.200")
    }

    @Test func mailchimpQuotedFields() throws {
        let (file, records) = try Support.readAll(Support.corpus("mailchimp-subscribed.csv"))
        #expect(file.delimiter == ",")
        #expect(records.count == 10)
        #expect(file.header?.first == "Email Address")
        #expect(records[0].value(named: "TAGS") == "\"webinar-nov\",\"newsletter\"")
        #expect(records[1].value(named: "Last Name") == "García")
        #expect(records[0].value(named: "NOTES") == "")
    }

    @Test func typeformQuotedLineBreaks() throws {
        let (file, records) = try Support.readAll(Support.corpus("typeform-responses.csv"))
        #expect(records.count == 8)
        #expect(file.header?[5] == "Anything else we should know?\n(optional)")
        #expect(records[0].line == 3)
        #expect(records[1].line == 4)
        #expect(records[2].line == 6)
        #expect(records[3].line == 7)
        #expect(records[4].line == 9)
        #expect(
            records[1].value(named: "Anything else we should know?\n(optional)")
                == "We use spreadsheets today,\nand they break.")
        #expect(records[1].value(named: "Network ID") == "n81")
    }

    @Test func activitiesEmptyTrailingValues() throws {
        let (_, records) = try Support.readAll(Support.corpus("activities.csv"))
        #expect(records.count == 4)
        #expect(records[1].value(named: "value") == "connected")
        #expect(records[0].value(named: "value") == "")
        #expect(records[0].fields.count == 6)
    }

    @Test func laterStageProblemsReadFine() throws {
        let (_, mixed) = try Support.readAll(Support.corpus("bad/mixed-rows.csv"))
        #expect(mixed.count == 4)
        let (_, noContact) = try Support.readAll(Support.corpus("bad/no-contact-column.csv"))
        #expect(noContact.count == 1)
    }

    @Test(arguments: [(",", "a,b,c"), (";", "a;b;c"), ("\t", "a\tb\tc"), ("|", "a|b|c")])
    func sniffsDelimiter(delimiter: Character, header: String) throws {
        let row = header.replacingOccurrences(of: "a", with: "x1").replacingOccurrences(
            of: "b", with: "\"y, z\"")
        let url = try Support.write("\(header)\n\(row)\n\(row)\n", named: "leads.txt")
        let (file, records) = try Support.readAll(url)
        #expect(file.delimiter == delimiter)
        #expect(records.count == 2)
        #expect(records[0].value(named: "b") == "y, z")
    }

    @Test func sniffPrefersConsistentDelimiter() throws {
        // Commas appear in the header too, but only the semicolon count recurs in every row.
        let text = "name;note, extra;email\nAnn;a, b, c;a@x.example\nBob;none;b@x.example\n"
        let (file, _) = try Support.readAll(try Support.write(text, named: "leads.csv"))
        #expect(file.delimiter == ";")
    }

    @Test func lineNumbersSkipBlankLinesAndMixedEndings() throws {
        let text = "email,name\r\n\r\na@x.example,Ann\n\nb@x.example,\"B\r\nob\"\rc@x.example,Cid"
        let (_, records) = try Support.readAll(try Support.write(text, named: "leads.csv"))
        #expect(records.count == 3)
        #expect(records[0].line == 3)
        #expect(records[1].line == 5)
        #expect(records[1].value(named: "name") == "B\r\nob")
        #expect(records[2].line == 7)
        #expect(records[2].value(named: "name") == "Cid")
    }

    @Test func shortAndLongRows() throws {
        let text = "a,b,c\n1\n1,2,3,4,5\n"
        let (_, records) = try Support.readAll(try Support.write(text, named: "leads.csv"))
        #expect(records[0].fields.count == 3)
        #expect(records[0].value(named: "c") == "")
        #expect(records[1].value(named: "column_4") == "4")
        #expect(records[1].value(named: "column_5") == "5")
    }

    @Test func valuesKeptAsWritten() throws {
        let text = "a,b\n  spaced  ,\"x \"\"q\"\" y\"\n"
        let (_, records) = try Support.readAll(try Support.write(text, named: "leads.csv"))
        #expect(records[0].value(named: "a") == "  spaced  ")
        #expect(records[0].value(named: "b") == "x \"q\" y")
    }

    @Test func txtFileContainingJSON() throws {
        let url = try Support.write("[{\"email\": \"a@x.example\"}]", named: "leads.txt")
        let (file, records) = try Support.readAll(url)
        #expect(file.format == .json)
        #expect(records.count == 1)
    }

    @Test func csvNamedUTF16TabFile() throws {
        let bytes = Array(try Data(contentsOf: Support.corpus("meta-lead-ads.tsv")))
        let (file, records) = try Support.readAll(try Support.write(bytes, named: "export.csv"))
        #expect(file.delimiter == "\t")
        #expect(file.encodingName == "UTF-16LE")
        #expect(records.count == 13)
    }

    @Test func growingFileReadsOn() throws {
        let url = try Support.write("email,name\na@x.example,Ann\n", named: "leads.csv")
        var (file, descriptor) = try Support.open(url)
        defer { close(descriptor) }
        let first = try file.next()
        #expect(first?.value(named: "name") == "Ann")
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("b@x.example,Bob\n".utf8))
        try handle.close()
        var names: [String] = []
        while let record = try file.next() {
            names.append(record.value(named: "name") ?? "")
        }
        #expect(names == ["Bob"])
    }

    @Test func gzNameOnPlainText() throws {
        let url = try Support.write("email,name\na@x.example,Ann\n", named: "leads.csv.gz")
        let (file, records) = try Support.readAll(url)
        #expect(!file.isCompressed)
        #expect(records.count == 1)
    }
}
