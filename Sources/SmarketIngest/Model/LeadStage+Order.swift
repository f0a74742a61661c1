extension LeadStage {
    /// The position on the way to a sale: lead < mql < sql < won. The closed stages lost and disqualified
    /// rank with won, so that nothing reopens a closed lead.
    public var rank: Int {
        switch self {
        case .lead: 0
        case .mql: 1
        case .sql: 2
        case .won, .lost, .disqualified: 3
        }
    }

    /// Whether moving from `self` to `other` goes forward, the only move an import may make.
    public func precedes(_ other: LeadStage) -> Bool { rank < other.rank }

    /// Whether the lead is closed and takes no more follow-up.
    public var isClosed: Bool { self == .won || self == .lost || self == .disqualified }
}
