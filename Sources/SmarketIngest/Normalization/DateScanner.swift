import Foundation

/// A cursor over the characters of a date or time value, used by ``Timestamp``.
struct DateScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    var isAtEnd: Bool { index == characters.count }

    /// Reads a run of ASCII digits and returns its value and length.
    mutating func number(maxDigits: Int = 4) -> (value: Int, digits: Int)? {
        var value = 0
        var count = 0
        while index < characters.count, count < maxDigits,
            let digit = characters[index].wholeNumberValue,
            characters[index].isASCII
        {
            value = value * 10 + digit
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// Skips `literal` when it comes next and returns whether it did.
    @discardableResult
    mutating func skip(_ literal: Character) -> Bool {
        guard index < characters.count, characters[index] == literal else { return false }
        index += 1
        return true
    }

    /// Skips one of `literals` when it comes next and returns it.
    mutating func skip(anyOf literals: [Character]) -> Character? {
        guard index < characters.count, literals.contains(characters[index]) else { return nil }
        index += 1
        return characters[index - 1]
    }

    mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " { index += 1 }
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
                nanosecond = fraction.value * Int(pow(10, Double(9 - fraction.digits)))
                while index < characters.count, characters[index].isNumber { index += 1 }
            }
        }
        var hourValue = hour.value
        let save = index
        skipSpaces()
        let rest = String(characters[index...].prefix(2)).uppercased()
        if rest == "AM" || rest == "PM" {
            guard (1...12).contains(hourValue) else { return nil }
            hourValue = hourValue % 12 + (rest == "PM" ? 12 : 0)
            index += 2
        } else {
            index = save
        }
        return (hourValue, minute.value, second, nanosecond)
    }

    /// Reads `Z`, `UTC`, `+HH:MM`, `+HHMM` or `+HH`; returns `defaultZone` when nothing follows.
    mutating func zone(default defaultZone: TimeZone) -> TimeZone? {
        if isAtEnd { return defaultZone }
        let rest = String(characters[index...])
        if rest == "Z" || rest == "z" || rest.uppercased() == "UTC" || rest.uppercased() == "GMT" {
            index = characters.count
            return TimeZone(secondsFromGMT: 0)
        }
        guard let sign = skip(anyOf: ["+", "-"]), let hours = number(maxDigits: 2),
            hours.digits == 2
        else { return nil }
        var minutes = 0
        if skip(":") || (!isAtEnd && characters[index].isNumber) {
            guard let m = number(maxDigits: 2), m.digits == 2 else { return nil }
            minutes = m.value
        }
        guard hours.value <= 14, minutes < 60 else { return nil }
        let offset = (hours.value * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: offset)
    }
}
