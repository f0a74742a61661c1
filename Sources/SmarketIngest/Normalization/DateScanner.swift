/// A cursor over the characters of a date or time value, used by ``Timestamp``.
///
/// The scanner reads one byte per Character. An ASCII value is read as its UTF-8 bytes. In any other
/// value, each Character that is not a single ASCII scalar becomes a placeholder byte that no rule
/// accepts, except where a Unicode number may follow a fraction. So a combining mark after a digit
/// makes the digit unreadable, as it does for Swift's Characters.
struct DateScanner {
    /// The placeholder for a non-ASCII Character that is a Unicode number, such as `٣`.
    private static let otherNumber: UInt8 = 0x80
    /// The placeholder for any other non-ASCII Character.
    private static let otherCharacter: UInt8 = 0xFF

    private let units: [UInt8]
    private var index = 0

    init(_ text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            units = Array(text.utf8)
        } else {
            units = text.map { character in
                if let ascii = character.asciiValue, character.unicodeScalars.count == 1 {
                    return ascii
                }
                return character.isNumber ? Self.otherNumber : Self.otherCharacter
            }
        }
    }

    var isAtEnd: Bool { index == units.count }

    /// Whether the whole value is ASCII digits, at least one.
    var isDigitsOnly: Bool {
        !units.isEmpty && units.allSatisfy(Self.isDigit)
    }

    /// Reads a run of ASCII digits and returns its value and length.
    mutating func number(maxDigits: Int = 4) -> (value: Int, digits: Int)? {
        var value = 0
        var count = 0
        while index < units.count, count < maxDigits, Self.isDigit(units[index]) {
            value = value * 10 + Int(units[index] - UInt8(ascii: "0"))
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// Skips `literal` when it comes next and returns whether it did.
    @discardableResult
    mutating func skip(_ literal: Unicode.Scalar) -> Bool {
        guard index < units.count, units[index] == UInt8(ascii: literal) else { return false }
        index += 1
        return true
    }

    /// Skips one of `literals` when it comes next and returns it.
    mutating func skip(anyOf literals: [Unicode.Scalar]) -> Unicode.Scalar? {
        guard index < units.count,
            let literal = literals.first(where: { UInt8(ascii: $0) == units[index] })
        else { return nil }
        index += 1
        return literal
    }

    mutating func skipSpaces() {
        while index < units.count, units[index] == UInt8(ascii: " ") { index += 1 }
    }

    /// Reads `HH:MM`, optional `:SS` and fraction, and an optional `AM`/`PM`.
    mutating func time() -> (hour: Int, minute: Int, second: Int, nanosecond: Int)? {
        guard let hour = number(maxDigits: 2), skip(":"), let minute = number(maxDigits: 2),
            minute.digits == 2
        else { return nil }
        var second = 0
        var nanosecond = 0
        if skip(":") {
            guard let s = number(maxDigits: 2), s.digits == 2 else { return nil }
            second = s.value
            if skip(".") || skip(",") {
                guard let fraction = number(maxDigits: 9) else { return nil }
                nanosecond = fraction.value
                for _ in fraction.digits..<9 { nanosecond *= 10 }
                // Digits past nanoseconds, ASCII or not, are dropped.
                while index < units.count,
                    Self.isDigit(units[index]) || units[index] == Self.otherNumber
                {
                    index += 1
                }
            }
        }
        var hourValue = hour.value
        let save = index
        skipSpaces()
        if let isPM = meridiem() {
            guard (1...12).contains(hourValue) else { return nil }
            hourValue = hourValue % 12 + (isPM ? 12 : 0)
            index += 2
        } else {
            index = save
        }
        return (hourValue, minute.value, second, nanosecond)
    }

    /// The offset that ends a value: `Z`, `UTC`, `+HH:MM`, `+HHMM` or `+HH`, or nothing.
    enum Zone: Equatable {
        /// No offset is written, so the value is in the caller's zone.
        case unstated
        /// A fixed offset east of UTC, in seconds.
        case fixed(seconds: Int)
    }

    /// Reads the offset that ends the value, or returns nil when the rest is not an offset.
    mutating func zone() -> Zone? {
        if isAtEnd { return .unstated }
        if restEquals("Z") || restEquals("UTC") || restEquals("GMT") {
            index = units.count
            return .fixed(seconds: 0)
        }
        guard let sign = skip(anyOf: ["+", "-"]), let hours = number(maxDigits: 2),
            hours.digits == 2
        else { return nil }
        var minutes = 0
        if skip(":") || (!isAtEnd && Self.isDigit(units[index])) {
            guard let m = number(maxDigits: 2), m.digits == 2 else { return nil }
            minutes = m.value
        }
        guard hours.value <= 14, minutes < 60 else { return nil }
        return .fixed(seconds: (hours.value * 3600 + minutes * 60) * (sign == "-" ? -1 : 1))
    }

    /// Returns whether `AM` (false) or `PM` (true) comes next, in any case, or nil.
    private func meridiem() -> Bool? {
        guard index + 1 < units.count, Self.uppercased(units[index + 1]) == UInt8(ascii: "M")
        else { return nil }
        switch Self.uppercased(units[index]) {
        case UInt8(ascii: "A"): return false
        case UInt8(ascii: "P"): return true
        default: return nil
        }
    }

    /// Returns whether the rest of the value is `word`, ignoring ASCII case. `word` is upper case ASCII.
    private func restEquals(_ word: StaticString) -> Bool {
        guard units.count - index == word.utf8CodeUnitCount else { return false }
        for offset in 0..<word.utf8CodeUnitCount
        where Self.uppercased(units[index + offset]) != word.utf8Start[offset] {
            return false
        }
        return true
    }

    private static func isDigit(_ unit: UInt8) -> Bool {
        unit >= UInt8(ascii: "0") && unit <= UInt8(ascii: "9")
    }

    private static func uppercased(_ unit: UInt8) -> UInt8 {
        unit >= UInt8(ascii: "a") && unit <= UInt8(ascii: "z") ? unit - 0x20 : unit
    }
}
