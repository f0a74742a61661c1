/// Byte order of UTF-16 text.
enum UTF16ByteOrder: Sendable {
    case littleEndian
    case bigEndian
}

/// Streaming conversion of UTF-16 chunks to UTF-8, carrying a split code unit or surrogate
/// pair over to the next chunk.
struct UTF16Transcoder {
    let byteOrder: UTF16ByteOrder
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?

    init(byteOrder: UTF16ByteOrder) {
        self.byteOrder = byteOrder
    }

    /// Converts one chunk; unpaired surrogates become U+FFFD.
    mutating func transcode(_ chunk: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(chunk.count + chunk.count / 2)
        var index = 0
        if let first = pendingByte, !chunk.isEmpty {
            appendUnit(combine(first, chunk[0]), to: &output)
            pendingByte = nil
            index = 1
        }
        while index + 1 < chunk.count {
            appendUnit(combine(chunk[index], chunk[index + 1]), to: &output)
            index += 2
        }
        if index < chunk.count {
            pendingByte = chunk[index]
        }
        return output
    }

    /// Flushes what is left at the end of the stream: a lone byte or surrogate becomes U+FFFD.
    mutating func finish() -> [UInt8] {
        var output: [UInt8] = []
        if pendingHighSurrogate != nil || pendingByte != nil {
            appendScalar(0xFFFD, to: &output)
        }
        pendingHighSurrogate = nil
        pendingByte = nil
        return output
    }

    private func combine(_ first: UInt8, _ second: UInt8) -> UInt16 {
        switch byteOrder {
        case .littleEndian: return UInt16(first) | UInt16(second) << 8
        case .bigEndian: return UInt16(first) << 8 | UInt16(second)
        }
    }

    private mutating func appendUnit(_ unit: UInt16, to output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                appendScalar(scalar, to: &output)
                return
            }
            appendScalar(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF:
            pendingHighSurrogate = unit
        case 0xDC00...0xDFFF:
            appendScalar(0xFFFD, to: &output)
        default:
            appendScalar(UInt32(unit), to: &output)
        }
    }

    private func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
