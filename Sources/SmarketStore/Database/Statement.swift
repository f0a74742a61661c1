import CSQLite
import Foundation

/// A value bound to or read from SQL.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A prepared statement with positional parameters.
public final class Statement {
    private let handle: OpaquePointer
    private unowned let database: Database
    private let parameterCount: Int32
    /// Set by `reset()`: the parameters still hold the values of the last use, which a run without a new
    /// `bind` must not see. Clearing them only then, instead of on every reset, saves a call per statement.
    private var holdsOldValues = false
    /// The text of the bound parameters, read by SQLite in place.
    private let parameterText = ParameterText()

    init(database: Database, sql: String) throws {
        var pointer: OpaquePointer?
        let result = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard result == SQLITE_OK, let pointer else {
            throw database.error(result, "cannot prepare \(sql.prefix(80))")
        }
        self.handle = pointer
        self.database = database
        parameterCount = sqlite3_bind_parameter_count(pointer)
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        holdsOldValues = parameterCount > 0
    }

    /// Sets the parameters a run without `bind` leaves to NULL, as a freshly prepared statement has them.
    private func clearOldValues() {
        if holdsOldValues {
            sqlite3_clear_bindings(handle)
            holdsOldValues = false
        }
    }

    /// Binds the values to the parameters `?1...?N` in order; parameters past the values are NULL.
    @discardableResult
    public func bind(_ values: [SQLValue]) -> Statement {
        sqlite3_reset(handle)
        // Every parameter is bound again or cleared below, so none still points at the text replaced here.
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        holdsOldValues = false
        var textBytes = 0
        for case .text(let text) in values { textBytes += text.utf8.count }
        let inPlace = parameterText.start(needing: textBytes)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .text(let text): bindText(text, at: index, inPlace: inPlace)
            }
        }
        return self
    }

    /// Binds the UTF-8 bytes of `text` up to its first NUL, where SQLite's C strings end, without the
    /// copy into a C string that passing a `String` as a pointer makes. With `inPlace`, the bytes go to
    /// `parameterText` and SQLite reads them there, else SQLite copies them.
    private func bindText(_ text: String, at index: Int32, inPlace: Bool) {
        var text = text
        text.withUTF8 { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else {
                sqlite3_bind_text(handle, index, "", 0, transientDestructor)
                return
            }
            let length = memchr(start, 0, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? bytes.count
            if inPlace {
                let copy = parameterText.append(UnsafeBufferPointer(start: start, count: length))
                sqlite3_bind_text64(handle, index, copy, UInt64(length), nil, UInt8(SQLITE_UTF8))
            } else {
                sqlite3_bind_text64(handle, index, start, UInt64(length), transientDestructor, UInt8(SQLITE_UTF8))
            }
        }
    }

    @discardableResult
    public func bind(_ values: SQLValue...) -> Statement { bind(values) }

    /// Runs a statement that returns no rows.
    public func run() throws {
        clearOldValues()
        defer { sqlite3_reset(handle) }
        let result = sqlite3_step(handle)
        guard result == SQLITE_DONE || result == SQLITE_ROW else {
            throw database.error(result, "statement failed")
        }
    }

    /// Steps to the next row; returns false at the end.
    public func step() throws -> Bool {
        clearOldValues()
        let result = sqlite3_step(handle)
        if result == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if result == SQLITE_DONE { return false }
        throw database.error(result, "query failed")
    }

    /// Collects every row with `transform`.
    public func rows<T>(_ transform: (Statement) throws -> T) throws -> [T] {
        var result: [T] = []
        while try step() { result.append(try transform(self)) }
        return result
    }

    /// Returns the first column of the first row as an integer, or nil without rows or for NULL.
    public func scalarInt() throws -> Int64? {
        guard try step() else { return nil }
        defer { sqlite3_reset(handle) }
        return isNull(0) ? nil : int(0)
    }

    /// Returns the first column of the first row as text, or nil without rows or for NULL.
    public func scalarText() throws -> String? {
        guard try step() else { return nil }
        defer { sqlite3_reset(handle) }
        return text(0)
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }
}

extension SQLValue {
    /// Text, or NULL for nil.
    public static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    /// An integer, or NULL for nil.
    public static func optional(_ number: Int64?) -> SQLValue { number.map(SQLValue.integer) ?? .null }
}
