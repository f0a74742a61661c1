import CSQLite

/// One step of the schema, run inside the transaction that upgrades a database.
enum Migration {
    /// SQL statements, run as written.
    case script(String)
    /// Replaces `old` with `new` in the stored `CREATE TABLE` text of `table`, without copying its rows.
    ///
    /// The text is edited through `PRAGMA writable_schema`, and a new schema version makes every
    /// connection parse it again. That is safe only when the rows already stored satisfy the new
    /// definition and the change leaves the table's file format alone, as rewriting a constraint
    /// into an equivalent one does.
    case rewriteDefinition(table: String, old: String, new: String)

    func apply(to database: Database) throws {
        switch self {
        case .script(let sql):
            try database.execute(sql)
        case .rewriteDefinition(let table, let old, let new):
            try database.execute("PRAGMA writable_schema = ON")
            // RESET also makes this connection parse the new text. Other connections notice the new
            // schema version set below.
            defer { try? database.execute("PRAGMA writable_schema = RESET") }
            try database.statement(
                """
                UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3)
                WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0
                """
            ).bind(.text(table), .text(old), .text(new)).run()
            guard database.changes == 1 else {
                throw StoreError(
                    code: SQLITE_SCHEMA,
                    message: "cannot upgrade the database \(database.path): the definition of table \(table) "
                        + "does not contain \(old). Restore the database from a backup taken before its schema "
                        + "was changed by hand"
                )
            }
            let version = try database.statement("PRAGMA schema_version").scalarInt() ?? 0
            try database.execute("PRAGMA schema_version = \(version + 1)")
        }
    }
}
