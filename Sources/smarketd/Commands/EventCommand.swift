import Foundation
import Glibc
import SmarketIngest
import SmarketRules

/// `smarketd event EMAIL|PHONE|ID TYPE`: records one event by writing a one-row file into the first events
/// inbox, so it takes the same path, checks and de-duplication as every other event. It checks the row
/// first, so that a mistake fails here instead of in a rejects file.
enum EventCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["rep", "stage", "value", "at", "campaign"])
        guard parsed.operands.count == 2 else {
            throw UsageError(description: "event needs a lead (EMAIL, PHONE or ID) and a TYPE, for example: event ann@example.com call --rep alice")
        }
        let lead = parsed.operands[0]
        guard let type = EventType(feedValue: parsed.operands[1]) else {
            let types = EventType.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(description: "unknown event type \(parsed.operands[1]); the types are: \(types)")
        }
        let configuration = try Command.loadConfiguration(configurationPath)
        guard let inbox = configuration.inboxes.first(where: { $0.kind == .events }) else {
            throw UsageError(description: "the configuration has no inbox of kind events to write the event into")
        }
        let validation = EventValidation(type: type, options: parsed, inbox: inbox, configuration: configuration)
        try validation.checkOptions()
        try validation.checkReps()
        let at = parsed["at"] ?? Timestamp.string(Date())
        // Digits alone are a lead id. A phone number as `leads` prints it starts with +, which Int64 would accept.
        let isLeadID = !lead.isEmpty && lead.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let column = lead.contains("@") ? "email" : (isLeadID ? "lead_id" : "phone")
        let header = [column, "type", "at", "rep", "stage", "value", "campaign"]
        let row = [lead, type.rawValue, at, parsed["rep"] ?? "", parsed["stage"] ?? "", parsed["value"] ?? "", parsed["campaign"] ?? ""]
        let event = try validation.normalize(header, row)
        guard try validation.checkLead(event, named: lead) else { return ExitCode.noInput }
        let text = header.joined(separator: ",") + "\r\n" + row.map(CSVText.quote).joined(separator: ",") + "\r\n"
        let name = "event-\(Int64(Date().timeIntervalSince1970 * 1000))-\(UUID().uuidString.prefix(8).lowercased()).csv"
        try FileManager.default.createDirectory(atPath: inbox.path, withIntermediateDirectories: true)
        let temporary = inbox.path + "/." + name + ".part"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, inbox.path + "/" + name) == 0 else {
            let error = String(cString: strerror(errno))
            unlink(temporary)
            throw UsageError(description: "cannot move the event into \(inbox.path): \(error)")
        }
        print("\(inbox.path)/\(name)")
        return ExitCode.success
    }
}
