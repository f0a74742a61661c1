import Foundation
import Testing

/// `smarketd event`: the checks before the event file is written, and the file that passes them.
@Suite struct EventCommandTests {
    /// A workspace with lead 1, `zoe@example.com`, imported.
    func workspaceWithLead() throws -> TestWorkspace {
        let workspace = try TestWorkspace(extraYAML: TestWorkspace.salesTeam)
        let file = workspace.root.path + "/one.csv"
        try "email,first_name\r\nzoe@example.com,Zoe\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try workspace.command(["import", "--inbox", "web", file])
        #expect(imported.status == 0, "\(imported.errorOutput)")
        return workspace
    }

    @Test(arguments: [
        (["1", "call", "--at", "yesterday"], Int32(64), "--at yesterday is not a time"),
        (["1", "call", "--at", "2030-01-01T00:00:00Z"], 65, "later than now"),
        (["1", "stage_change", "--stage", "bogus"], 65, "unknown stage bogus"),
        (["1", "stage_change"], 64, "stage_change needs the new stage in --stage"),
        (["1", "reassign", "--value", "nobody"], 65, "--value nobody is not a rep in the configuration"),
        (["1", "reassign"], 64, "reassign needs the new rep's id in --value"),
        (["1", "meeting", "--rep", "nobody"], 65, "--rep nobody is not a rep in the configuration"),
        (["nobody@nowhere.example", "call"], 65, "no lead matches nobody@nowhere.example"),
        (["99", "call"], 65, "no lead matches 99"),
        (["zoe@", "call"], 65, "email \"zoe@\" is invalid"),
    ])
    func invalidEventIsNotWritten(arguments: [String], status: Int32, message: String) throws {
        let workspace = try workspaceWithLead()
        let result = try workspace.command(["event"] + arguments)
        #expect(result.status == status, "\(result.errorOutput)")
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
        #expect(result.output.isEmpty)
        #expect(workspace.contents(of: workspace.activityInbox).isEmpty)
    }

    @Test func unknownRepMessageListsReps() throws {
        let workspace = try workspaceWithLead()
        let result = try workspace.command(["event", "1", "call", "--rep", "nobody"])
        #expect(result.errorOutput.contains("the reps are: ann, ben"), "\(result.errorOutput)")
    }

    @Test func validEventIsWritten() throws {
        let workspace = try workspaceWithLead()
        let result = try workspace.command([
            "event", "zoe@example.com", "meeting", "--rep", "ann", "--at", "2026-11-02T10:00:00Z",
        ])
        #expect(result.status == 0, "\(result.errorOutput)")
        let files = workspace.contents(of: workspace.activityInbox)
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(result.output == workspace.activityInbox + "/" + name + "\n")
        let text = try String(contentsOfFile: workspace.activityInbox + "/" + name, encoding: .utf8)
        #expect(text.contains("zoe@example.com,meeting,2026-11-02T10:00:00Z,ann"), "\(text)")
    }

    /// A phone number as `leads` prints it, with its + country code, names the lead by phone, not by id.
    @Test func phoneWithPlusIsNotLeadID() throws {
        let workspace = try TestWorkspace(extraYAML: TestWorkspace.salesTeam)
        let file = workspace.root.path + "/one.csv"
        try "email,phone\r\nzoe@example.com,+49 30 5550023\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try workspace.command(["import", "--inbox", "web", file]).status == 0)

        let result = try workspace.command(["event", "+49305550023", "call", "--rep", "ann"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let name = try #require(workspace.contents(of: workspace.activityInbox).first)
        let text = try String(contentsOfFile: workspace.activityInbox + "/" + name, encoding: .utf8)
        #expect(text.hasPrefix("phone,type,"), "\(text)")
    }

    @Test func reassignToKnownRepIsWritten() throws {
        let workspace = try workspaceWithLead()
        let result = try workspace.command(["event", "1", "reassign", "--value", "ben", "--stage", "Opportunity"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(workspace.contents(of: workspace.activityInbox).count == 1)
    }
}
