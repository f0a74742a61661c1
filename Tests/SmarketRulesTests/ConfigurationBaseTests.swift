import Foundation
import SmarketIngest
import Testing

@testable import SmarketRules

@Suite struct ConfigurationBaseTests {
    @Test func minimalLoadsWithDefaults() throws {
        let (configuration, warnings) = try ConfigurationLoader.load(
            yaml: minimalYAML, path: fixturePath)
        #expect(warnings.isEmpty)
        #expect(configuration.stateDirectory == "/var/lib/smarketd")
        #expect(configuration.databasePath == "/var/lib/smarketd/smarketd.db")
        #expect(configuration.timeZone.identifier == "Europe/Berlin")
        #expect(configuration.sourcePath == fixturePath)
        #expect(
            configuration.limits
                == ReadLimits(
                    maxFileSize: 1 << 30, maxUnpackedSize: 4 << 30, maxLineLength: 1 << 20,
                    maxColumns: 1000))
        #expect(
            configuration.retention
                == RetentionSettings(processed: 30 * 86_400, failed: 30 * 86_400))
        #expect(configuration.journal == JournalSettings(personalData: false, perFileLimit: 1000))
        #expect(configuration.sla.firstTouch == .seconds(86_400))
        #expect(configuration.sla.warnBefore == .seconds(4 * 3600))
        #expect(configuration.metrics == nil)
    }

    @Test func inboxFieldsDecode() throws {
        let yaml = """
            state_dir: /srv/state
            timezone: UTC
            inboxes:
              - name: web
                path: /srv/web/
                kind: leads
                source: website
                locale: de_DE
                mapping: {"Your work e-mail": email, "Budget (EUR)": custom.budget_eur}
              - {name: activity, path: /srv/activity, kind: events}
            """
        let inboxes = try ConfigurationLoader.load(yaml: yaml, path: fixturePath).configuration
            .inboxes
        #expect(inboxes.count == 2)
        #expect(
            inboxes[0]
                == InboxConfiguration(
                    name: "web", path: "/srv/web", kind: .leads, source: "website", locale: "de_DE",
                    mapping: [
                        "Your work e-mail": .field(.email), "Budget (EUR)": .custom("budget_eur"),
                    ]))
        #expect(inboxes[1].kind == .events)
    }

    @Test func limitsJournalRetentionDecode() throws {
        let yaml =
            minimalYAML + """
                limits: {max_file_size: 512KiB, max_unpacked_size: 2GiB, max_line_length: 65536, max_columns: 50}
                journal: {personal_data: true, per_file_limit: 20}
                retention: {processed: 7d, failed: 12h}
                """
        let configuration = try ConfigurationLoader.load(yaml: yaml, path: fixturePath)
            .configuration
        #expect(configuration.limits.maxFileSize == 512 * 1024)
        #expect(configuration.limits.maxUnpackedSize == 2 << 30)
        #expect(configuration.limits.maxLineLength == 65536)
        #expect(configuration.limits.maxColumns == 50)
        #expect(configuration.journal.personalData)
        #expect(configuration.journal.perFileLimit == 20)
        #expect(configuration.retention.processed == 7 * 86_400)
        #expect(configuration.retention.failed == 12 * 3600)
    }

    @Test func relativePathsResolveAgainstFile() throws {
        let yaml = """
            state_dir: ../var/lib/smarketd
            timezone: UTC
            inboxes:
              - {name: web, path: ../var/spool/smarketd/web, kind: leads}
              - {name: here, path: ./spool, kind: events}
            """
        let configuration = try ConfigurationLoader.load(
            yaml: yaml, path: "/home/ann/project/config/local.yaml"
        ).configuration
        #expect(configuration.stateDirectory == "/home/ann/project/var/lib/smarketd")
        #expect(configuration.inboxes[0].path == "/home/ann/project/var/spool/smarketd/web")
        #expect(configuration.inboxes[1].path == "/home/ann/project/config/spool")
    }

    @Test func relativeFilePathResolvesAgainstWorkingDirectory() throws {
        let yaml = """
            state_dir: state
            timezone: UTC
            inboxes: [{name: web, path: web, kind: leads}]
            """
        let configuration = try ConfigurationLoader.load(yaml: yaml, path: "conf/x.yaml")
            .configuration
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("conf/state").standardizedFileURL.path
        #expect(configuration.stateDirectory == expected)
    }

    @Test func durationParsing() {
        #expect(ConfigurationUnits.duration("90s") == .seconds(90))
        #expect(ConfigurationUnits.duration("30m") == .seconds(1800))
        #expect(ConfigurationUnits.duration("4h") == .seconds(14_400))
        #expect(ConfigurationUnits.duration("2d") == .days(2))
        #expect(ConfigurationUnits.duration("0h") == .seconds(0))
        #expect(ConfigurationUnits.duration("1.5h") == nil)
        #expect(ConfigurationUnits.duration("4") == nil)
        #expect(ConfigurationUnits.duration("4w") == nil)
        #expect(ConfigurationUnits.duration("h") == nil)
        #expect(ConfigurationUnits.duration("-1h") == nil)
        #expect(ConfigurationUnits.duration("4 h") == nil)
    }

    @Test func sizeParsing() {
        #expect(ConfigurationUnits.size("512KiB") == 524_288)
        #expect(ConfigurationUnits.size("1MiB") == 1_048_576)
        #expect(ConfigurationUnits.size("1GiB") == 1_073_741_824)
        #expect(ConfigurationUnits.size("4096") == 4096)
        #expect(ConfigurationUnits.size("1GB") == nil)
        #expect(ConfigurationUnits.size("1.5MiB") == nil)
        #expect(ConfigurationUnits.size("-1") == nil)
        #expect(ConfigurationUnits.size("KiB") == nil)
        #expect(ConfigurationUnits.size("99999999999GiB") == nil)
    }

    @Test func diagnosticDescriptionIsGCCStyle() {
        let diagnostic = Diagnostic(
            severity: .error, file: "a.yaml", line: 3, column: 7, message: "bad")
        #expect(diagnostic.description == "a.yaml:3:7: error: bad")
    }

    @Test func missingFileIsOneError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "smarketd-missing-\(UUID()).yaml"
        ).path
        let error = #expect(throws: ConfigurationErrors.self) {
            _ = try ConfigurationLoader.load(path: path)
        }
        #expect(error?.diagnostics.count == 1)
        #expect(
            error?.diagnostics.first?.message.hasPrefix("cannot read the configuration file")
                == true)
    }
}
