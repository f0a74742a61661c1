import Foundation
import Testing

/// An option given twice with two values is a usage error that names both, not a silent choice.
struct RepeatedOptionTests {
    @Test func twoValuesExitUsage() throws {
        let result = try SmarketdBinary.run(
            ["--config", "/nonexistent/smarketd.yaml", "report", "--since", "2026-12-01", "--since", "2026-12-02"])
        #expect(result.status == 64)
        let message = "--since is given twice (2026-12-01 and 2026-12-02)"
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    /// The same value twice changes nothing, so it passes on to the next check: here the missing file.
    @Test func sameValueTwiceIsAccepted() throws {
        let result = try SmarketdBinary.run(
            ["--config", "/nonexistent/smarketd.yaml", "report", "--format", "json", "--format=json"])
        #expect(result.status != 64, "\(result.errorOutput)")
        #expect(!result.errorOutput.contains("given twice"))
    }
}

/// `--config` is read before the command's options, so its repeat has its own check.
struct RepeatedConfigTests {
    @Test func secondConfigExitsUsage() throws {
        let result = try SmarketdBinary.run(["--config", "a.yaml", "report", "--config=b.yaml"])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("--config is given 2 times"), "\(result.errorOutput)")
    }
}
