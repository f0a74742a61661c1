import Foundation

extension CommandLine {
    /// Runs the subcommand named by the process arguments and returns the exit code.
    public static func run() -> Int32 {
        FileHandle.standardError.write(Data("smarketd: no command yet\n".utf8))
        return 64
    }
}
