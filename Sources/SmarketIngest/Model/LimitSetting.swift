/// A read limit as error messages name it, with its configuration key and its current value,
/// so that a message names exactly what to raise.
public struct LimitSetting: Sendable, Hashable {
    /// The key under `limits` in the configuration file, such as `limits.max_line_length`.
    public var key: String
    /// The current value with its unit, such as "1048576 bytes (1MiB)" or "1000 columns".
    public var value: String

    public static func maxFileSize(_ bytes: Int64) -> LimitSetting {
        LimitSetting(key: "limits.max_file_size", value: sizeText(bytes))
    }

    public static func maxUnpackedSize(_ bytes: Int64) -> LimitSetting {
        LimitSetting(key: "limits.max_unpacked_size", value: sizeText(bytes))
    }

    public static func maxLineLength(_ bytes: Int) -> LimitSetting {
        LimitSetting(key: "limits.max_line_length", value: sizeText(Int64(bytes)))
    }

    public static func maxColumns(_ count: Int) -> LimitSetting {
        LimitSetting(key: "limits.max_columns", value: "\(count) columns")
    }

    /// The limit as a noun phrase, such as "the limit of 1048576 bytes (1MiB) set by limits.max_line_length".
    public var limitPhrase: String { "the limit of \(value) set by \(key)" }

    /// The fix as a verb phrase, such as "raise limits.max_line_length in the configuration".
    public var raiseAdvice: String { "raise \(key) in the configuration" }

    /// Writes a byte count, adding the largest binary unit that divides it evenly, in the
    /// spelling the configuration accepts.
    static func sizeText(_ bytes: Int64) -> String {
        for (suffix, unit) in [("GiB", Int64(1) << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes >= unit && bytes % unit == 0 {
            return "\(bytes) bytes (\(bytes / unit)\(suffix))"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
