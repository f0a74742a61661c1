import Foundation
import Testing

@testable import SmarketRules

/// The file name that inline fixtures pretend to be read from.
let fixturePath = "/etc/smarketd/test.yaml"

/// The smallest valid configuration, to which a test appends the section it checks.
let minimalYAML = """
    state_dir: /var/lib/smarketd
    timezone: Europe/Berlin
    inboxes:
      - {name: web, path: /var/spool/smarketd/web, kind: leads}

    """

/// Loads `yaml` and returns the errors it throws, or an empty list when it loads.
func loadErrors(_ yaml: String) -> [Diagnostic] {
    do {
        _ = try ConfigurationLoader.load(yaml: yaml, path: fixturePath)
        return []
    } catch let errors as ConfigurationErrors {
        return errors.diagnostics
    } catch {
        Issue.record("unexpected error type: \(error)")
        return []
    }
}

/// The folder `Tests/Fixtures` of the repository.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The repository's root folder.
let repositoryDirectory = fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
