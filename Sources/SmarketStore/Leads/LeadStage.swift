/// The stages of a lead; lead < mql < sql < won, while lost and disqualified close it.
public enum LeadStage: String, Sendable, CaseIterable, Codable {
    case lead
    case mql
    case sql
    case won
    case lost
    case disqualified

    /// The position on the way to a sale; closed stages rank with `won` so nothing reopens them.
    public var rank: Int {
        switch self {
        case .lead: 0
        case .mql: 1
        case .sql: 2
        case .won, .lost, .disqualified: 3
        }
    }

    /// Whether moving from `self` to `other` goes forward, which is the only move an import may make.
    public func precedes(_ other: LeadStage) -> Bool { rank < other.rank }
}
