import Foundation
import Testing

/// `--help` and `-h` after a command: the command's usage on standard output and exit 0.
@Suite struct CommandHelpTests {
    static let commands = ["run", "check-config", "import", "leads", "tasks", "event", "lead", "report", "forget"]

    @Test(arguments: commands, ["--help", "-h"])
    func helpPrintsCommandUsage(command: String, flag: String) throws {
        // A missing configuration shows that help neither loads it nor opens the database.
        let result = try SmarketdBinary.run(["--config", "/nonexistent/smarketd.yaml", command, flag])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.isEmpty, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("usage: smarketd [--config FILE] \(command)"), "\(result.output)")
        #expect(result.output.contains("--help, -h"), "\(result.output)")
        #expect(!result.output.contains("commands:"), "\(result.output)")
    }

    @Test func helpListsCommandOptions() throws {
        let leads = try SmarketdBinary.run(["leads", "--help"])
        for option in ["--owner REP", "--stage S", "--sla STATE", "--format F", "--config FILE"] {
            #expect(leads.output.contains("\n  \(option) "), "\(option) in \(leads.output)")
        }
        let report = try SmarketdBinary.run(["report", "-h"])
        #expect(report.output.contains("json, csv or html"), "\(report.output)")
    }

    @Test func helpAfterOtherArguments() throws {
        let result = try SmarketdBinary.run(["lead", "ann@example.com", "--format", "json", "--help"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("usage: smarketd [--config FILE] lead EMAIL|PHONE|ID"), "\(result.output)")
    }

    @Test func overallUsageListsEveryCommand() throws {
        let result = try SmarketdBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("\n  run                                   run the daemon in the foreground\n"))
        for command in Self.commands {
            #expect(result.output.contains("\n  \(command)"), "\(command) in \(result.output)")
        }
    }
}
