/// libFuzzer entry for the rule expression parser and evaluator.
///
/// Input that is not valid UTF-8 is repaired by `String(decoding:as:)`, as the YAML loader
/// would hand the parser only valid strings. A parsed expression is evaluated once on a
/// fixed lead, so evaluation paths (regular expressions, `in` lists) are fuzzed too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let context = ExpressionContext(
        fields: [
            "email": "anna.novak@contoso.example", "country": "DE", "job_title": "Head of IT",
            "company": "Contoso GmbH", "custom.budget": "50000",
        ],
        score: 42, stage: "lead")
    if let expression = try? Expression(parsing: source) {
        _ = expression.evaluate(context)
    }
    return 0
}
