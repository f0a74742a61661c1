import Foundation
import Glibc
import Testing

/// A daemon killed at the worst moments resumes without applying any row twice or losing one.
@Suite struct CrashRecoveryTests {
    /// Five leads, so that chunks of two rows give three commits.
    static let fiveLeads = (1...5).map { "lead\($0)@contoso.example,Name\($0)" }.joined(separator: "\n")

    @Test func crashAfterChunkCommitResumes() throws {
        let workspace = try TestWorkspace()
        try workspace.drop("email,first_name\n" + Self.fiveLeads + "\n", as: "five.csv")
        let crashing = try DaemonProcess(workspace: workspace, environment: ["SMARKETD_FAULT": "chunk-rows=2,crash-after-chunk=1"])
        #expect(crashing.waitForExit())
        #expect(crashing.process.terminationReason == .uncaughtSignal)
        #expect(workspace.contents(of: workspace.webInbox).contains("five.csv"))
        #expect(try workspace.leads().count == 2)

        let daemon = try DaemonProcess(workspace: workspace, environment: ["SMARKETD_FAULT": "chunk-rows=2"])
        #expect(eventually { workspace.processed().contains("five.csv") }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("resumed after 2 committed records") })
        #expect(eventually { daemon.log.contains("5 rows accepted (5 new leads, 0 merged)") })
        let leads = try workspace.leads()
        #expect(leads.count == 5)
        #expect(Set(leads.compactMap { $0["email"] as? String }).count == 5)
    }

    @Test func crashBeforeMoveFinishesMove() throws {
        let workspace = try TestWorkspace()
        try workspace.drop("email,first_name\n" + Self.fiveLeads + "\nnot-an-email,X\n", as: "five.csv")
        let crashing = try DaemonProcess(workspace: workspace, environment: ["SMARKETD_FAULT": "crash-before-move"])
        #expect(crashing.waitForExit())
        #expect(workspace.contents(of: workspace.webInbox).contains("five.csv"))
        #expect(try workspace.leads().count == 5)

        let daemon = try DaemonProcess(workspace: workspace)
        #expect(eventually { workspace.processed().contains("five.csv") }, "\(daemon.log)")
        #expect(workspace.processed().contains("five.csv.rejects.csv"))
        #expect(!daemon.log.contains("same content"))
        #expect(try workspace.leads().count == 5)
    }

    @Test func stopSignalEndsCleanly() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        #expect(daemon.stop(with: SIGINT) == 0)
        #expect(daemon.log.contains("smarketd stopping"))
    }
}

/// A burst of events larger than the kernel's inotify queue loses events; the rescan finds the files.
@Suite struct QueueOverflowTests {
    @Test func overflowTriggersRescan() throws {
        let workspace = try TestWorkspace()
        let daemon = try DaemonProcess(workspace: workspace)
        #expect(daemon.waitUntilStarted())
        let limit = Int((try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "16384") ?? 16384

        kill(daemon.pid, SIGSTOP)
        // SIGSTOP takes effect when the kernel next schedules each thread, so a thread still reading the
        // queue meanwhile could drain it below the limit.
        #expect(eventually { Self.isStopped(daemon.pid) }, "the daemon did not stop")
        // Each ignored temporary file queues an IN_CREATE and an IN_CLOSE_WRITE event and leaves no file.
        for index in 0..<(limit / 2 + 100) {
            let path = workspace.webInbox + "/.noise\(index % 2)"
            let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
            close(descriptor)
            unlink(path)
        }
        for index in 0..<20 {
            try workspace.drop("email\nburst\(index)@contoso.example\n", as: "burst\(index).csv")
        }
        kill(daemon.pid, SIGCONT)

        #expect(eventually(timeout: 60) { workspace.processed().filter { $0.hasPrefix("burst") }.count == 20 }, "\(daemon.log)")
        #expect(eventually { daemon.log.contains("inotify queue overflowed") })
        #expect(try workspace.leads().count == 20)
    }

    /// Returns whether every thread of the process is stopped (state `T` in its `stat` file).
    static func isStopped(_ pid: Int32) -> Bool {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return !tasks.isEmpty && tasks.allSatisfy { task in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")")
            else { return false }
            // The state follows the command name, which is in parentheses and may contain spaces.
            return stat[stat.index(after: nameEnd)...].split(separator: " ").first == "T"
        }
    }
}
