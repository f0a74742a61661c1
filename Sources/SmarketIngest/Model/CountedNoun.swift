/// Writes a count with its noun, in the singular for exactly one: `1 lead`, `0 leads`, `3 leads`.
/// - Parameter plural: The plural when it is not the singular with `s` appended, such as
///   `kinds of change` for `kind of change`.
public func counted<Count: BinaryInteger>(_ count: Count, _ singular: String, plural: String? = nil) -> String {
    count == 1 ? "1 \(singular)" : "\(count) \(plural ?? singular + "s")"
}
