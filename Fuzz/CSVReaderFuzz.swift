/// libFuzzer entry for the CSV reader: every input is read as `fuzz.csv`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    readWholeFeed(data, size, fileName: "fuzz.csv")
    return 0
}
