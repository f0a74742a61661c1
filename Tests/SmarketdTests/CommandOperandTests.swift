import Foundation
import Testing

/// Operands and filters of the commands that take only options.
@Suite struct CommandOperandTests {
    @Test(arguments: ["run", "check-config", "leads", "tasks", "report"])
    func strayOperandIsUsageError(command: String) throws {
        let workspace = try TestWorkspace()
        let result = try workspace.command([command, "extra"])
        #expect(result.status == 64, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("\(command) takes no operands, found extra"), "\(result.errorOutput)")
        #expect(result.output.isEmpty)
    }

    @Test(arguments: ["leads", "tasks"])
    func unknownOwnerWarnsButLists(command: String) throws {
        let workspace = try TestWorkspace(extraYAML: TestWorkspace.salesTeam)
        _ = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/web-form.ndjson").path])
        let result = try workspace.command([command, "--owner", "nobody"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasSuffix("0 \(command)\n"), "\(result.output)")
        #expect(
            result.errorOutput.contains("warning: --owner nobody is not a rep in the configuration"),
            "\(result.errorOutput)")
        #expect(result.errorOutput.contains("the reps are: ann, ben"), "\(result.errorOutput)")
    }

    @Test func knownOwnerDoesNotWarn() throws {
        let workspace = try TestWorkspace(extraYAML: TestWorkspace.salesTeam)
        _ = try workspace.command(["import", "--inbox", "web", Fixtures.url("corpus/web-form.ndjson").path])
        let result = try workspace.command(["leads", "--owner", "ann"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.isEmpty, "\(result.errorOutput)")
    }
}
