import Foundation
import Testing

@testable import SmarketIngest

@Suite struct ReadingLargeFileTests {
    typealias Support = ReadingTestSupport

    @Test func hundredThousandColumns() throws {
        let header = (1...100_000).map { "c\($0)" }.joined(separator: ",")
        let url = try Support.write(
            header + "\n" + String(repeating: ",", count: 99_999) + "\n", named: "wide.csv")
        let error = Support.readError(url)
        #expect(error?.code == .tooManyColumns)
        #expect(error?.line == 1)
        let (_, records) = try Support.readAll(url, limits: ReadLimits(maxColumns: 100_000))
        #expect(records.first?.fields.count == 100_000)
    }

    @Test func fiveMegabyteLine() throws {
        let line = String(repeating: "x", count: 5 << 20)
        let url = try Support.write("email,note\na@x.example," + line + "\n", named: "long.csv")
        let error = Support.readError(url)
        #expect(error?.code == .lineTooLong)
        #expect(error?.line == 2)
    }

    @Test func fiveMegabyteJSONRecord() throws {
        let note = String(repeating: "x", count: 5 << 20)
        let text = "[{\"email\": \"a@x.example\"},\n {\"note\": \"\(note)\"}]"
        let error = Support.readError(try Support.write(text, named: "long.json"))
        #expect(error?.code == .lineTooLong)
        #expect(error?.line == 2)
    }

    @Test func fiftyMegabyteCSV() throws {
        let folder = try Support.temporaryFolder()
        let url = folder.appendingPathComponent("big.csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("email,first_name,last_name,company,note\n".utf8))
        var block = Data()
        for index in 0..<10_000 {
            block.append(
                Data(
                    "lead\(index)@contoso.example,Anna,Müller,Contoso Ltd,\"Called, no answer\"\n"
                        .utf8))
        }
        // About 0.7 MB per block; 72 blocks make about 50 MB.
        let blocks = 72
        for _ in 0..<blocks { try handle.write(contentsOf: block) }
        try handle.close()
        var (file, descriptor) = try Support.open(url)
        defer { close(descriptor) }
        var count = 0
        var last: RawRecord?
        while let record = try file.next() {
            count += 1
            last = record
        }
        #expect(count == blocks * 10_000)
        #expect(last?.line == blocks * 10_000 + 1)
        #expect(last?.value(named: "note") == "Called, no answer")
    }
}
