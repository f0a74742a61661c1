// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "smarketd",
    products: [
        .executable(name: "smarketd", targets: ["smarketd"])
    ],
    targets: [
        // System libraries from Debian's -dev packages, found through pkg-config.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Linux calls that Swift's Glibc module leaves out.
        .target(name: "CLinux"),
        // SQLite's variadic configuration calls, which Swift cannot make.
        // Valgrind 3.19 of Debian 12 cannot read the DWARF 5 debug information clang writes for it, and
        // callgrind profiles the release build.
        .target(name: "CSQLiteConfig", dependencies: ["CSQLite"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // The pipeline of a lead, from file bytes to the running daemon.
        .target(name: "SmarketIngest", dependencies: ["CZlib", "CCrypto"]),
        .target(name: "SmarketRules", dependencies: ["SmarketIngest", "CYAML"]),
        .target(name: "SmarketStore", dependencies: ["SmarketIngest", "SmarketRules", "CSQLite", "CSQLiteConfig"]),
        .target(
            name: "SmarketDaemon",
            dependencies: ["SmarketIngest", "SmarketRules", "SmarketStore", "CSystemd", "CLinux"]
        ),
        .executableTarget(
            name: "smarketd",
            dependencies: ["SmarketDaemon", "SmarketStore", "SmarketRules", "SmarketIngest"]
        ),

        // Temporary folders that the test process removes when it exits.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SmarketIngestTests", dependencies: ["SmarketIngest", "TestSupport"]),
        .testTarget(name: "SmarketRulesTests", dependencies: ["SmarketRules", "TestSupport"]),
        .testTarget(name: "SmarketStoreTests", dependencies: ["SmarketStore", "TestSupport"]),
        .testTarget(name: "SmarketDaemonTests", dependencies: ["SmarketDaemon", "TestSupport"]),
        .testTarget(name: "SmarketdTests", dependencies: ["smarketd"]),
    ]
)
