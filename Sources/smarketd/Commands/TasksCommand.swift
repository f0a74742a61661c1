import Foundation
import SmarketIngest
import SmarketStore

/// `smarketd tasks`: lists follow-up tasks, opened read-only so it works beside the daemon.
enum TasksCommand {
    static func run(configurationPath: String, arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, valueOptions: ["owner", "state", "format"])
        try parsed.requireNoOperands(of: "tasks")
        let format = try parsed.format()
        if let state = parsed["state"], !["open", "done", "cancelled"].contains(state) {
            throw UsageError(description: "--state \(state) is not one of open, done, cancelled")
        }
        let configuration = try Command.loadConfiguration(configurationPath)
        OwnerCheck.warnIfUnknown(parsed["owner"], listing: "tasks", in: configuration)
        guard let database = try ReadOnlyStore.open(configuration.databasePath) else { return ExitCode.noInput }
        let tasks = try TaskStore(database: database).list(owner: parsed["owner"], state: parsed["state"])
        let columns = ["id", "lead_id", "owner", "title", "type", "due_at", "state"]
        func cells(_ task: TaskListing, due: String) -> [String] {
            [String(task.id), String(task.leadID), task.owner ?? "", task.title, task.type, due, task.state]
        }
        switch format {
        case "json":
            let objects = tasks.map { task in
                JSONValue.object([
                    ("id", .integer(task.id)), ("lead_id", .integer(task.leadID)), ("owner", .optional(task.owner)),
                    ("title", .string(task.title)), ("type", .string(task.type)), ("due_at", .string(task.dueAt)),
                    ("state", .string(task.state)), ("created_at", .string(task.createdAt)),
                    ("automation", .optional(task.automation)),
                ])
            }
            print(JSONValue.array(objects).rendered())
        case "csv":
            let rows = tasks.map { cells($0, due: $0.dueAt) }
            print(TableOutput.csv(header: columns, rows: rows), terminator: "")
        default:
            // The table shows due times in the configured zone, as `lead` does, and JSON and CSV keep UTC.
            let formatting = ReportFormatting(timeZone: configuration.timeZone)
            let rows = tasks.map { task in
                cells(task, due: Timestamp.date(task.dueAt).map(formatting.timestamp) ?? task.dueAt)
            }
            print(TableOutput.text(header: columns, rows: rows) + counted(tasks.count, "task"))
        }
        return ExitCode.success
    }
}
