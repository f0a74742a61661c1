import Foundation

/// Small named values the daemon keeps across restarts, such as the day of the last pace warning.
public struct SettingsStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func value(of name: String) throws -> String? {
        try database.statement("SELECT value FROM settings WHERE name = ?1").bind(.text(name)).scalarText()
    }

    public func set(_ name: String, to value: String) throws {
        try database.statement("INSERT OR REPLACE INTO settings (name, value) VALUES (?1, ?2)")
            .bind(.text(name), .text(value)).run()
    }
}
