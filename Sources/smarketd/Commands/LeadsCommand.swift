import Foundation
import SmarketIngest
import SmarketStore

/// `smarketd leads`: lists leads from the database, opened read-only so it works beside the daemon.
enum LeadsCommand {
    static let slaStates = ["open", "at_risk", "breached", "met", "none"]

    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["owner", "stage", "sla", "format"])
        try parsed.requireNoOperands(of: "leads")
        let format = try parsed.format()
        let slaState = parsed["sla"]?.replacingOccurrences(of: "-", with: "_")
        if let state = slaState, !slaStates.contains(state) {
            throw UsageError(description: "--sla \(state) is not one of open, at-risk, breached, met, none")
        }
        if let stage = parsed["stage"], LeadStage(rawValue: stage) == nil {
            throw UsageError(
                description: "--stage \(stage) is not one of \(LeadStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let configuration = try Command.loadConfiguration(configurationPath)
        OwnerCheck.warnIfUnknown(parsed["owner"], listing: "leads", in: configuration)
        guard let database = try ReadOnlyStore.open(configuration.databasePath) else { return ExitCode.noInput }
        let leads = try database.leads(
            matching: LeadFilter(owner: parsed["owner"], stage: parsed["stage"], slaState: slaState))
        print(render(leads, format: format), terminator: "")
        return ExitCode.success
    }

    static let columns = [
        "id", "email", "first_name", "last_name", "company", "country", "source", "campaign", "score", "stage",
        "owner", "created_at", "first_touch_at", "sla_due_at", "sla_state",
    ]

    static func render(_ leads: [LeadListing], format: String) -> String {
        switch format {
        case "json":
            return JSONValue.array(leads.map(json)).rendered() + "\n"
        case "csv":
            return TableOutput.csv(header: columns, rows: leads.map(cells))
        default:
            let shown = ["id", "email", "first_name", "last_name", "company", "country", "score", "stage", "owner", "sla_state"]
            let indexes = shown.compactMap { columns.firstIndex(of: $0) }
            return TableOutput.text(header: shown, rows: leads.map { row in indexes.map { cells(row)[$0] } })
                + counted(leads.count, "lead") + "\n"
        }
    }

    static func json(_ lead: LeadListing) -> JSONValue {
        .object([
            ("id", .integer(lead.id)), ("email", .optional(lead.email)), ("phone", .optional(lead.phone)),
            ("first_name", .optional(lead.firstName)), ("last_name", .optional(lead.lastName)),
            ("company", .optional(lead.company)), ("country", .optional(lead.country)),
            ("source", .optional(lead.source)), ("campaign", .optional(lead.campaign)), ("score", .number(lead.score)),
            ("stage", .string(lead.stage)), ("owner", .optional(lead.owner)), ("created_at", .string(lead.createdAt)),
            ("first_touch_at", .optional(lead.firstTouchAt)), ("sla_due_at", .optional(lead.slaDueAt)),
            ("sla_state", .string(lead.slaState)),
        ])
    }

    static func cells(_ lead: LeadListing) -> [String] {
        [
            String(lead.id), lead.email ?? lead.phone ?? "", lead.firstName ?? "", lead.lastName ?? "",
            lead.company ?? "", lead.country ?? "", lead.source ?? "", lead.campaign ?? "", formatScore(lead.score),
            lead.stage, lead.owner ?? "", lead.createdAt, lead.firstTouchAt ?? "", lead.slaDueAt ?? "", lead.slaState,
        ]
    }

    static func formatScore(_ score: Double) -> String {
        score == score.rounded() ? String(Int64(score)) : String(format: "%.1f", score)
    }
}

/// Opens the database for the read commands.
enum ReadOnlyStore {
    /// Returns nil, after printing why, when there is no database yet.
    static func open(_ path: String) throws -> Database? {
        guard FileManager.default.fileExists(atPath: path) else {
            printError(
                "smarketd: no database at \(path) yet: start the daemon (`smarketd run`) or import a file first")
            return nil
        }
        let database = try Database(path: path, readOnly: true)
        try database.checkReadable()
        return database
    }
}
