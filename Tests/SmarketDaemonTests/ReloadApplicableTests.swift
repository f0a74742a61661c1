import Foundation
import SmarketRules
import Testing

@testable import SmarketDaemon

/// The parts of a reloaded configuration that a running daemon takes at once.
@Suite struct ReloadApplicableTests {
    static func configuration(_ inbox: String, stateDirectory: String = "state") throws -> Configuration {
        let yaml = """
            state_dir: \(stateDirectory)
            timezone: Europe/Berlin
            inboxes:
              - \(inbox)
            """
        return try ConfigurationLoader.load(yaml: yaml, path: "/tmp/reload-test.yaml").configuration
    }

    @Test func pathChangeKeepsFolderButTakesLocale() throws {
        let running = try Self.configuration("{name: web, path: spool/web, kind: leads, locale: de_DE}")
        let loaded = try Self.configuration(
            "{name: web, path: spool/other, kind: leads, locale: en_US}", stateDirectory: "elsewhere")
        let applied = Daemon.applicable(loaded, running: running)
        #expect(applied.inboxes.count == 1)
        #expect(applied.inboxes[0].path == running.inboxes[0].path)
        #expect(applied.inboxes[0].locale == "en_US")
        #expect(applied.stateDirectory == running.stateDirectory)
    }

    @Test func addedInboxWaitsForRestart() throws {
        let running = try Self.configuration("{name: web, path: spool/web, kind: leads}")
        let yaml = """
            state_dir: state
            timezone: Europe/Berlin
            inboxes:
              - {name: web, path: spool/web, kind: leads}
              - {name: ads, path: spool/ads, kind: leads}
            """
        let loaded = try ConfigurationLoader.load(yaml: yaml, path: "/tmp/reload-test.yaml").configuration
        #expect(Daemon.applicable(loaded, running: running).inboxes.map(\.name) == ["web"])
    }
}
