import Foundation
import SmarketStore

/// `smarketd lead EMAIL|PHONE|ID`: one lead's fields and timeline, from the database opened read-only.
enum LeadCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["format"])
        let format = try parsed.format()
        guard parsed.operands.count == 1, let reference = parsed.operands.first else {
            throw UsageError(description: "lead needs exactly one EMAIL, PHONE or lead ID")
        }
        let configuration = try Command.loadConfiguration(configurationPath)
        guard let database = try ReadOnlyStore.open(configuration.databasePath) else {
            return ExitCode.noInput
        }
        let query = TimelineQuery(database: database)
        guard let id = try query.findLead(reference), let timeline = try query.timeline(leadID: id)
        else {
            printError(
                "smarketd: no lead matches \(reference); give an email address, a phone number or a lead id "
                    + "as `smarketd leads` lists them")
            return ExitCode.noInput
        }
        let output = LeadOutput(timeline: timeline, formatting: ReportFormatting(timeZone: configuration.timeZone))
        switch format {
        case "json": print(output.json(), terminator: "")
        case "csv": print(output.csv(), terminator: "")
        default: print(output.table(), terminator: "")
        }
        return ExitCode.success
    }
}
