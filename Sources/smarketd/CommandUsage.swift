/// The usage of one subcommand: its entry in the overall usage text and the options it takes.
struct CommandUsage {
    let name: String
    /// The command and its operands and options, as the usage text lists them.
    let synopsis: String
    /// The lines that describe the command in the usage text.
    let summary: [String]
    /// Each option with the help line that describes what it sets.
    let options: [(option: String, help: String)]

    /// The column where the summaries start in the usage text.
    private static let summaryColumn = 40

    /// The command's entry in the overall usage text: the synopsis, followed on the same line by the
    /// first summary line when the synopsis is short enough, else on the lines below it.
    var entry: String {
        let indent = String(repeating: " ", count: Self.summaryColumn)
        var lines: [String] = []
        var summaryLines = summary[...]
        let head = "  " + synopsis
        if head.count < Self.summaryColumn, let first = summaryLines.popFirst() {
            lines.append(head.padding(toLength: Self.summaryColumn, withPad: " ", startingAt: 0) + first)
        } else {
            lines.append(head)
        }
        lines += summaryLines.map { indent + $0 }
        return lines.joined(separator: "\n")
    }

    /// The text that `smarketd COMMAND --help` prints: the synopsis, the summary and every option,
    /// including the two that every command takes.
    var help: String {
        let allOptions =
            options + [
                ("--config FILE", "the configuration (default: $SMARKETD_CONFIG, else /etc/smarketd/smarketd.yaml)"),
                ("--help, -h", "print this help and exit"),
            ]
        let width = allOptions.map(\.option.count).max() ?? 0
        let optionLines = allOptions.map { option, help in
            "  " + option.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + help
        }
        return (["usage: smarketd [--config FILE] \(synopsis)", ""] + summary + ["", "options:"] + optionLines)
            .joined(separator: "\n")
    }
}

extension CommandUsage {
    private static let formatHelp = "the output format: table (the default), json or csv"

    /// Every subcommand, in the order of the usage text.
    static let all: [CommandUsage] = [
        CommandUsage(
            name: "run", synopsis: "run", summary: ["run the daemon in the foreground"], options: []),
        CommandUsage(
            name: "check-config", synopsis: "check-config",
            summary: ["validate the configuration and print a summary"], options: []),
        CommandUsage(
            name: "import", synopsis: "import --inbox NAME FILE...",
            summary: ["ingest files once through the same pipeline"],
            options: [
                ("--inbox NAME", "the inbox whose kind and mapping the files are read with; required"),
                ("FILE...", "the files to ingest; they stay where they are"),
            ]),
        CommandUsage(
            name: "leads",
            synopsis: "leads [--owner REP] [--stage S] [--sla open|at_risk|breached|met] [--format table|json|csv]",
            summary: ["list leads; an unknown REP gets a warning"],
            options: [
                ("--owner REP", "list only the leads owned by the rep with id REP"),
                ("--stage S", "list only the leads in stage S: lead, mql, sql, won, lost or disqualified"),
                ("--sla STATE", "list only the leads whose SLA state is open, at_risk (or at-risk), breached, met or none"),
                ("--format F", formatHelp),
            ]),
        CommandUsage(
            name: "tasks", synopsis: "tasks [--owner REP] [--state open|done|cancelled] [--format table|json|csv]",
            summary: ["list follow-up tasks"],
            options: [
                ("--owner REP", "list only the tasks of the rep with id REP"),
                ("--state S", "list only the tasks in state S: open, done or cancelled"),
                ("--format F", formatHelp),
            ]),
        CommandUsage(
            name: "event",
            synopsis: "event EMAIL|PHONE|ID TYPE [--rep R] [--stage S] [--value V] [--at TIME] [--campaign C]",
            summary: [
                "record one event through the first events inbox;",
                "R and V are rep ids, TIME is ISO 8601 (default: now)",
            ],
            options: [
                ("--rep R", "the id of the rep who made the event, such as the caller of a call"),
                ("--stage S", "the lead's new stage; required for stage_change"),
                ("--value V", "the id of the new rep; required for reassign"),
                ("--at TIME", "when the event happened, in ISO 8601 (default: now)"),
                ("--campaign C", "the campaign the event belongs to"),
            ]),
        CommandUsage(
            name: "lead", synopsis: "lead EMAIL|PHONE|ID [--format table|json|csv]",
            summary: ["one lead with its timeline; csv has one row per entry"],
            options: [("--format F", formatHelp)]),
        CommandUsage(
            name: "report",
            synopsis: "report [--since DATE] [--until DATE] [--by source|campaign|rep] [--format table|json|csv|html]",
            summary: ["closed-loop report; DATE is YYYY-MM-DD in `timezone`"],
            options: [
                ("--since DATE", "count the leads first ingested on or after DATE"),
                ("--until DATE", "count the leads first ingested before DATE"),
                ("--by G", "add one row per source, campaign or rep"),
                ("--format F", "the output format: table (the default), json, csv or html"),
            ]),
        CommandUsage(
            name: "forget", synopsis: "forget EMAIL|PHONE",
            summary: ["erase a person's personal data, keeping counts"], options: []),
    ]

    static func named(_ name: String) -> CommandUsage? {
        all.first { $0.name == name }
    }
}

/// A `--help` or `-h` among a command's arguments: the command prints its usage instead of running.
struct HelpRequest: Error {}
