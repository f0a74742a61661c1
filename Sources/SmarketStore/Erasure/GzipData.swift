import CZlib
import SmarketIngest

/// Whole-buffer gzip packing and unpacking, for rewriting archived feed files that were gzip.
enum GzipData {
    /// Returns whether the bytes start with the gzip magic number.
    static func isCompressed(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x1F, 0x8B]) }

    /// Unpacks every gzip member of `bytes`, stopping with an error past `limit` unpacked bytes.
    static func decompress(_ bytes: [UInt8], limit: Int64) throws -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS selects the gzip wrapper.
        guard
            inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
                == Z_OK
        else {
            throw ErasureError.gzip("starting gzip decompression failed")
        }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var offset = 0
        while offset < input.count {
            var status: Int32 = Z_OK
            var consumed = 0
            var produced = 0
            input.withUnsafeMutableBufferPointer { inputBuffer in
                buffer.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_in = inputBuffer.baseAddress! + offset
                    stream.avail_in = UInt32(inputBuffer.count - offset)
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(outputBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    consumed = inputBuffer.count - offset - Int(stream.avail_in)
                    produced = outputBuffer.count - Int(stream.avail_out)
                }
            }
            offset += consumed
            output.append(contentsOf: buffer[..<produced])
            if Int64(output.count) > limit {
                let setting = LimitSetting.maxUnpackedSize(limit)
                throw ErasureError.gzip(
                    "the gzip data unpacks to more than \(setting.limitPhrase). "
                        + "To rewrite the file, \(setting.raiseAdvice) and run forget again")
            }
            switch status {
            case Z_STREAM_END:
                // Another member may follow, as `cat a.gz b.gz` makes.
                guard offset < input.count, input[offset] == 0x1F else { return output }
                inflateReset(&stream)
            case Z_OK:
                continue
            case Z_BUF_ERROR where produced > 0:
                continue
            default:
                throw ErasureError.gzip(
                    "the gzip data is corrupt or truncated (zlib status \(status))")
            }
        }
        return output
    }

    /// Packs `bytes` as one gzip member at the default compression level.
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ErasureError.gzip("starting gzip compression failed") }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](
            repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var result: Int32 = Z_OK
        var produced = 0
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                result = deflate(&stream, Z_FINISH)
                produced = outputBuffer.count - Int(stream.avail_out)
            }
        }
        guard result == Z_STREAM_END else {
            throw ErasureError.gzip("gzip compression failed (zlib status \(result))")
        }
        return Array(output[..<produced])
    }
}
