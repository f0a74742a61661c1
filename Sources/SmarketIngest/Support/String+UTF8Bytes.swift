extension String {
    /// Calls `body` with the string's UTF-8 bytes in contiguous memory.
    ///
    /// A search over the buffer is a plain loop, while the collection algorithms on `utf8` step through
    /// string indices one byte at a time. The copy runs only for a string without contiguous UTF-8 storage.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }
}
