import Foundation
import SmarketIngest

/// Removes a person's records from an archived feed file, keeping the file's format.
///
/// CSV, TSV and NDJSON files lose the physical lines of the matching records, byte for byte, so
/// the encoding, byte order mark, delimiter and line ends of every other line stay as they were.
/// JSON files are written again as the remaining records in the same wrapper (a top-level array,
/// or the `leads`, `data` or `records` array of an object), in the file's encoding. A gzip file is
/// compressed again.
public struct FeedRewriter {
    /// The change one file needs.
    public enum Outcome: Equatable, Sendable {
        /// No record of the person is in the file.
        case unchanged
        /// Replace the file with these bytes; `removed` records were dropped.
        case rewritten(bytes: [UInt8], removed: Int)
        /// The whole file is the person's one record, so delete it.
        case delete
    }

    let matcher: PersonMatcher
    let limits: ReadLimits

    public init(matcher: PersonMatcher, limits: ReadLimits = ReadLimits()) {
        self.matcher = matcher
        self.limits = limits
    }

    /// Checks the file for the person and returns the rewrite.
    /// - Parameters:
    ///   - descriptor: The open file, read with `pread` and left open.
    ///   - fileName: Its name, whose extension names the format.
    ///   - bytes: The file's bytes as stored (compressed for gzip).
    /// - Throws: `ErasureError.unreadable` when the file cannot be read as a feed.
    public func rewrite(descriptor: Int32, fileName: String, bytes: [UInt8]) throws -> Outcome {
        var file: FeedFile
        var records: [(line: Int, matches: Bool)] = []
        do {
            file = try FeedFile.open(descriptor: descriptor, fileName: fileName, limits: limits)
            while let record = try file.next() {
                records.append((record.line, record.fields.contains { matcher.matches($0.value) }))
            }
        } catch {
            throw ErasureError.unreadable(file: fileName, reason: error.description)
        }
        let removed = records.filter(\.matches).count
        guard removed > 0 else { return .unchanged }
        let isCompressed = GzipData.isCompressed(bytes)
        let content =
            isCompressed ? try GzipData.decompress(bytes, limit: limits.maxUnpackedSize) : bytes
        var result: [UInt8]
        if file.format == .json {
            guard let rewritten = try rewriteJSON(content, encodingName: file.encodingName) else {
                return .delete
            }
            result = rewritten
        } else {
            result = Self.dropLines(of: records, from: content, encodingName: file.encodingName)
        }
        if isCompressed { result = try GzipData.compress(result) }
        return .rewritten(bytes: result, removed: removed)
    }

    /// Drops the physical lines from the start line of each matching record to the line before
    /// the next record (or the end of the file).
    static func dropLines(
        of records: [(line: Int, matches: Bool)], from content: [UInt8], encodingName: String
    )
        -> [UInt8]
    {
        var dropped: [ClosedRange<Int>] = []
        for (index, record) in records.enumerated() where record.matches {
            let end = index + 1 < records.count ? records[index + 1].line - 1 : Int.max
            dropped.append(record.line...max(record.line, end))
        }
        let unit = encodingName.hasPrefix("UTF-16") ? 2 : 1
        let newlineOffset = encodingName == "UTF-16BE" ? 1 : 0
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        var line = 1
        var lineStart = 0
        var offset = 0
        func flush(through end: Int) {
            if !dropped.contains(where: { $0.contains(line) }) {
                output.append(contentsOf: content[lineStart..<end])
            }
        }
        while offset + unit <= content.count {
            let isNewline =
                content[offset + newlineOffset] == 0x0A
                && (unit == 1 || content[offset + 1 - newlineOffset] == 0)
            offset += unit
            if isNewline {
                flush(through: offset)
                line += 1
                lineStart = offset
            }
        }
        if lineStart < content.count { flush(through: content.count) }
        return output
    }

    /// Returns the JSON document without the person's records, or nil when the document is one
    /// record of the person.
    func rewriteJSON(_ content: [UInt8], encodingName: String) throws -> [UInt8]? {
        let text = Self.decode(content, encodingName: encodingName)
        guard let data = text.data(using: .utf8),
            let document = try? JSONSerialization.jsonObject(
                with: data, options: [.fragmentsAllowed])
        else {
            throw ErasureError.unreadable(
                file: "JSON document", reason: "it does not parse as JSON")
        }
        let remaining: Any
        if let array = document as? [Any] {
            remaining = array.filter { !matcher.matches(json: $0) }
        } else if var object = document as? [String: Any] {
            var hadRows = false
            for key in ["leads", "data", "records"] {
                guard let rows = object[key] as? [Any] else { continue }
                hadRows = true
                object[key] = rows.filter { !matcher.matches(json: $0) }
            }
            guard hadRows else { return nil }
            remaining = object
        } else {
            return nil
        }
        let output = try JSONSerialization.data(
            withJSONObject: remaining,
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Self.encode(
            String(decoding: output, as: UTF8.self) + "\n", encodingName: encodingName)
    }

    static func decode(_ bytes: [UInt8], encodingName: String) -> String {
        var bytes = bytes
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bytes.removeFirst(2)
        }
        switch encodingName {
        case "UTF-16LE": return String(data: Data(bytes), encoding: .utf16LittleEndian) ?? ""
        case "UTF-16BE": return String(data: Data(bytes), encoding: .utf16BigEndian) ?? ""
        case "Windows-1252": return String(data: Data(bytes), encoding: .windowsCP1252) ?? ""
        default:
            return String(
                decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF])
                    ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        }
    }

    static func encode(_ text: String, encodingName: String) -> [UInt8] {
        switch encodingName {
        case "UTF-16LE":
            return [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian) ?? Data())
        case "UTF-16BE": return [0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian) ?? Data())
        case "UTF-8 with BOM": return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case "Windows-1252":
            return Array(text.data(using: .windowsCP1252, allowLossyConversion: true) ?? Data())
        default: return Array(text.utf8)
        }
    }
}
