import Foundation
import Testing

/// A usage error points at the help that lists the options the user got wrong.
struct UsageHintTests {
    @Test func commandErrorPointsAtCommandHelp() throws {
        let result = try SmarketdBinary.run(["--config", "/nonexistent/smarketd.yaml", "report", "--by", "team"])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("Run `smarketd report --help` for its options."), "\(result.errorOutput)")
    }

    @Test func unknownCommandPointsAtOverallHelp() throws {
        let result = try SmarketdBinary.run(["reprot"])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("Run `smarketd --help` for the commands."), "\(result.errorOutput)")
    }
}
