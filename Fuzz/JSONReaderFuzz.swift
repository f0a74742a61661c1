/// libFuzzer entry for the JSON and NDJSON readers: inputs alternate between `.json`
/// and `.ndjson` names by their first byte, so both readers see every kind of input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let name = size > 0 && data[0] & 1 == 1 ? "fuzz.ndjson" : "fuzz.json"
    readWholeFeed(data, size, fileName: name)
    return 0
}
