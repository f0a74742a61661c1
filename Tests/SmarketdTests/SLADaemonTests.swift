import Foundation
import Glibc
import Testing

/// The follow-up SLA in the running daemon with short durations: the timers fire on the wall clock.
@Suite struct SLADaemonTests {
    static let rules = """
        reps:
          - {id: ann, name: Ann, email: ann@corp.example, team: sales, manager: meg}
          - {id: ben, name: Ben, email: ben@corp.example, team: sales, manager: meg}
          - {id: meg, name: Meg, email: meg@corp.example}
        teams:
          - {id: sales, strategy: round_robin}
        routing:
          rules:
            - {team: sales}
        outboxes:
          - {name: crm, path: spool/outbox}
        sla:
          first_touch: 3s
          warn_before: 1s
          notify_outbox: crm
          escalation:
            - {after: 0s, notify: manager}
            - {after: 2s, reassign: next}
        automations:
          - name: first call
            on: assigned
            do:
              - {create_task: {title: "Call {first_name}", due: 3s, type: call}}
        """

    func entries(_ log: String, _ text: String) -> Int {
        log.components(separatedBy: "\n").filter { $0.contains(text) }.count
    }

    @Test func warningBreachAndEscalationFireOnce() throws {
        let workspace = try TestWorkspace(extraYAML: Self.rules)
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop("email,first_name\nlea@contoso.example,Lea\n", as: "one.csv")
        #expect(eventually(timeout: 30) { daemon.log.contains("reassigned to ben") }, "\(daemon.log)")
        usleep(1_500_000)
        let log = daemon.log
        #expect(entries(log, "<4>lead 1: first touch by ann is due") == 1)
        #expect(entries(log, "<3>lead 1: ann missed the first-touch deadline") == 1)
        #expect(entries(log, "manager meg notified") == 1)
        #expect(entries(log, "reassigned to ben") == 1)
        let leads = try workspace.leads()
        #expect(leads.first?["owner"] as? String == "ben")
        let tasks = try workspace.command(["tasks", "--format", "json"])
        #expect(tasks.output.contains("\"owner\": \"ben\""))
        #expect(!tasks.output.contains("\"owner\": \"ann\""))
        let notices = workspace.contents(of: workspace.root.path + "/spool/outbox")
        #expect(!notices.isEmpty)
    }

    @Test func touchBeforeDeadlineMeets() throws {
        let workspace = try TestWorkspace(extraYAML: Self.rules)
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop("email,first_name\nlea@contoso.example,Lea\n", as: "one.csv")
        #expect(eventually { (try? workspace.leads().first?["owner"] as? String) == "ann" }, "\(daemon.log)")
        let event = try workspace.command(["event", "lea@contoso.example", "call", "--rep", "ann"])
        #expect(event.status == 0, "\(event.errorOutput)")
        #expect(eventually { (try? workspace.leads().first?["sla_state"] as? String) == "met" }, "\(daemon.log)")
        let met = try workspace.command(["leads", "--sla", "met", "--format", "csv"])
        #expect(met.output.contains("lea@contoso.example"))
        let open = try workspace.command(["leads", "--sla", "open", "--format", "csv"])
        #expect(!open.output.contains("lea@contoso.example"))
        let atRisk = try workspace.command(["leads", "--sla", "at-risk", "--format", "csv"])
        #expect(atRisk.status == 0)
        usleep(4_000_000)
        #expect(!daemon.log.contains("missed the first-touch deadline"))
        #expect(try workspace.leads().first?["first_touch_at"] is String)
    }

    @Test func importedDeadlineReachesDaemon() throws {
        let workspace = try TestWorkspace(extraYAML: Self.rules.replacingOccurrences(of: "    - {after: 2s, reassign: next}\n", with: ""))
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        let file = workspace.root.path + "/outside.csv"
        try "email,first_name\nmax@fabrikam.example,Max\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try workspace.command(["import", "--inbox", "web", file])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(eventually(timeout: 30) { daemon.log.contains("lead 1: ann missed the first-touch deadline") }, "\(daemon.log)")
        #expect(!daemon.log.contains("while smarketd was not running"))
    }

    @Test func personalDataOnlyWhenAllowed() throws {
        let workspace = try TestWorkspace(extraYAML: "journal: {personal_data: true}\n")
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop("email,first_name\nlea@contoso.example,Lea\n", as: "one.csv")
        #expect(eventually { daemon.log.contains("EMAIL=lea@contoso.example") }, "\(daemon.log)")
    }

    @Test func touchAfterDeadlineLeavesBreach() throws {
        let workspace = try TestWorkspace(extraYAML: Self.rules.replacingOccurrences(of: "    - {after: 2s, reassign: next}\n", with: ""))
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        try workspace.drop("email,first_name\nlea@contoso.example,Lea\n", as: "one.csv")
        #expect(eventually(timeout: 30) { daemon.log.contains("missed the first-touch deadline") }, "\(daemon.log)")
        // Stored times have whole seconds: a touch within the deadline's second would still count as in time.
        usleep(1_500_000)
        _ = try workspace.command(["event", "lea@contoso.example", "call", "--rep", "ann"])
        #expect(eventually { daemon.log.contains("came after the deadline of ann; the breach stands") }, "\(daemon.log)")
        #expect(try workspace.leads().first?["sla_state"] as? String == "breached")
    }

    @Test func restartFiresMissedDeadlinesLate() throws {
        let workspace = try TestWorkspace(extraYAML: Self.rules.replacingOccurrences(of: "first_touch: 3s", with: "first_touch: 6s"))
        let first = try DaemonProcess(workspace: workspace)
        #expect(first.waitUntilStarted())
        try workspace.drop("email,first_name\nlea@contoso.example,Lea\nmax@fabrikam.example,Max\n", as: "two.csv")
        #expect(eventually { workspace.processed().contains("two.csv") }, "\(first.log)")
        #expect(first.stop() == 0)
        usleep(7_000_000)
        let second = try DaemonProcess(workspace: workspace)
        #expect(eventually(timeout: 30) { second.log.components(separatedBy: "while smarketd was not running").count >= 5 }, "\(second.log)")
        let log = second.log
        let started = try #require(log.range(of: "smarketd started"))
        let firstLate = try #require(log.range(of: "while smarketd was not running"))
        #expect(started.lowerBound < firstLate.lowerBound)
        let warningOne = try #require(log.range(of: "lead 1: first touch by ann is due"))
        let breachOne = try #require(log.range(of: "lead 1: ann missed"))
        #expect(warningOne.lowerBound < breachOne.lowerBound)
        let lateBreaches = log.components(separatedBy: "\n").filter {
            $0.contains("lead 1: ann missed the first-touch deadline") && $0.contains("while smarketd was not running")
        }
        #expect(lateBreaches.count == 1)
    }
}

/// The example configuration routes the corpus end to end.
@Suite struct ExampleConfigurationTests {
    @Test func corpusLeadsGetOwnersAndTasks() throws {
        let workspace = try TestWorkspace()
        let example = try String(contentsOf: Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/local.yaml"), encoding: .utf8)
        let localized = example
            .replacingOccurrences(of: "../var/lib/smarketd", with: "state")
            .replacingOccurrences(of: "../var/spool/smarketd/web", with: "spool/web")
            .replacingOccurrences(of: "../var/spool/smarketd/activity", with: "spool/activity")
            .replacingOccurrences(of: "../var/spool/smarketd/outbox/crm", with: "spool/outbox")
            .replacingOccurrences(of: "../var/lib/prometheus", with: "metrics")
        #expect(!localized.contains("../var"), "config/local.yaml has a path this test does not move")
        try localized.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted(), "\(daemon.log)")
        for file in Fixtures.goodLeadFiles { try workspace.dropFixture(file) }
        #expect(eventually { workspace.processed().count >= Fixtures.goodLeadFiles.count }, "\(daemon.log)")
        try workspace.dropFixture("corpus/activities.csv", into: workspace.activityInbox)
        #expect(eventually { workspace.processed(workspace.activityInbox).contains("activities.csv") }, "\(daemon.log)")

        let leads = try workspace.leads()
        #expect(leads.count == 67)
        #expect(leads.allSatisfy { $0["owner"] is String })
        let tasks = try workspace.command(["tasks", "--format", "json"])
        let taskObjects = try JSONSerialization.jsonObject(with: Data(tasks.output.utf8)) as? [[String: Any]] ?? []
        let leadsWithCallTask = Set(taskObjects.filter { $0["type"] as? String == "call" }.compactMap { $0["lead_id"] as? Int })
        #expect(leadsWithCallTask.count == 67)
        let stages = leads.compactMap { $0["stage"] as? String }
        #expect(stages.contains("sql"))
        #expect(stages.contains("mql"))
        #expect(leads.contains { $0["sla_state"] as? String == "met" })
        #expect(workspace.processed(workspace.activityInbox).allSatisfy { !$0.hasSuffix(".rejects.csv") })
    }
}
