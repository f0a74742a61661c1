/// Decides which lead field, or which custom attribute, each column of a leads feed goes to.
///
/// The inbox's `mapping` overrides everything. The other columns are mapped in three steps:
/// built-in synonyms of common exports (``HeaderSynonyms``), then phrases inside longer headers such
/// as form questions (``HeaderPhrases``), then, for email and phone only, the shape of the sampled
/// values (``ColumnShape``). A field goes to one column only: a column whose field another column
/// already has stays a custom attribute.
public struct HeaderMapper: Sendable {
    private let overrides: [String: ColumnTarget]
    /// Overrides by comparison key, for headers that differ from the configuration only in case,
    /// spacing or punctuation.
    private let overridesByKey: [String: ColumnTarget]
    /// The decided target of every column name seen so far.
    private var targets: [String: ColumnTarget] = [:]
    /// Fields that a column already has.
    private var claimed: Set<LeadField> = []
    /// Custom attribute names in use, so that two headers never share one.
    private var customNames: Set<String> = []
    /// The column names of the last ``targets(for:)`` call and their targets. Every row of a CSV
    /// file has the same names, so this spares a dictionary lookup per value.
    private var lastColumns: (names: [String], targets: [ColumnTarget]) = ([], [])

    /// Creates a mapper with overrides from the inbox's `mapping` configuration, by header as written.
    public init(overrides: [String: ColumnTarget]) {
        self.overrides = overrides
        var byKey: [String: ColumnTarget] = [:]
        for (name, target) in overrides where byKey[name.comparisonKey] == nil {
            byKey[name.comparisonKey] = target
        }
        overridesByKey = byKey
    }

    /// Decides the columns from their names and a sample of the first records, which serves to
    /// detect email and phone columns by the shape of their values.
    ///
    /// Calling it again starts over, for the next file.
    public mutating func learn(names: [String], sample: [RawRecord]) {
        targets = [:]
        claimed = []
        customNames = []
        lastColumns = ([], [])
        var open: [String] = []
        for name in names where targets[name] == nil && !open.contains(name) {
            if let target = override(for: name) {
                assign(target, to: name)
            } else {
                open.append(name)
            }
        }

        // Step 1: synonyms. The best rank wins a field, and the first column wins a tie.
        var winners: [LeadField: (name: String, rank: Int)] = [:]
        var losers: [String] = []
        for name in open {
            guard let match = HeaderSynonyms.match(name) else { continue }
            if claimed.contains(match.field) {
                losers.append(name)
            } else if let current = winners[match.field], current.rank <= match.rank {
                losers.append(name)
            } else {
                if let current = winners[match.field] { losers.append(current.name) }
                winners[match.field] = (name, match.rank)
            }
        }
        for (field, winner) in winners {
            assign(.field(field), to: winner.name)
        }
        // A column that lost its synonym's field does not go on to the other steps.
        for name in losers {
            assignCustom(name, position: names.firstIndex(of: name) ?? 0)
        }

        // Step 2: phrases, in column order.
        for name in open where targets[name] == nil && !HeaderSynonyms.isKnownCustom(name) {
            if let field = HeaderPhrases.match(name), !claimed.contains(field) {
                assign(.field(field), to: name)
            }
        }

        // Step 3: the shape of the values, for email and phone only.
        let unmapped = open.filter {
            targets[$0] == nil && HeaderPhrases.match($0) == nil
                && !HeaderSynonyms.isKnownCustom($0)
        }
        for (field, share) in [
            (LeadField.email, ColumnShape.emailShare), (LeadField.phone, ColumnShape.phoneShare),
        ] where !claimed.contains(field) {
            var best: (name: String, share: Double)?
            for name in unmapped where targets[name] == nil {
                let values = sample.compactMap { $0.value(named: name) }
                guard let fraction = share(values), fraction >= ColumnShape.threshold else {
                    continue
                }
                if best == nil || fraction > best!.share { best = (name, fraction) }
            }
            if let best { assign(.field(field), to: best.name) }
        }

        for name in open where targets[name] == nil {
            assignCustom(name, position: names.firstIndex(of: name) ?? 0)
        }
    }

    /// Returns the target of a column. Names that ``learn(names:sample:)`` did not see, such as new
    /// keys in later JSON records, are mapped by the overrides and the first two steps only.
    public mutating func target(for name: String) -> ColumnTarget {
        if let target = targets[name] { return target }
        if let target = override(for: name) {
            assign(target, to: name)
        } else if let match = HeaderSynonyms.match(name) {
            if claimed.contains(match.field) {
                assignCustom(name, position: nil)
            } else {
                assign(.field(match.field), to: name)
            }
        } else if !HeaderSynonyms.isKnownCustom(name), let field = HeaderPhrases.match(name),
            !claimed.contains(field)
        {
            assign(.field(field), to: name)
        } else {
            assignCustom(name, position: nil)
        }
        return targets[name]!
    }

    /// Returns the targets of a record's columns, in order, as ``target(for:)`` decides them.
    public mutating func targets(for fields: [RawField]) -> [ColumnTarget] {
        // A target never changes once decided, until `learn` starts over and clears this cache.
        if fields.count == lastColumns.names.count,
            zip(fields, lastColumns.names).allSatisfy({ $0.name == $1 })
        {
            return lastColumns.targets
        }
        let result = fields.map { target(for: $0.name) }
        lastColumns = (fields.map(\.name), result)
        return result
    }

    /// Whether some learned column maps to `email` or `phone`.
    public var hasContactColumn: Bool {
        claimed.contains(.email) || claimed.contains(.phone)
    }

    private func override(for name: String) -> ColumnTarget? {
        overrides[name] ?? overrides[name.trimmed] ?? overridesByKey[name.comparisonKey]
    }

    private mutating func assign(_ target: ColumnTarget, to name: String) {
        targets[name] = target
        switch target {
        case .field(let field): claimed.insert(field)
        case .custom(let custom): customNames.insert(custom)
        }
    }

    /// Gives a column a custom attribute name that no other column has. A header without letters or
    /// digits is named after its 1-based position (`column_3`), or `column` when that is unknown.
    private mutating func assignCustom(_ name: String, position: Int?) {
        let base = ColumnShape.customName(name) ?? position.map { "column_\($0 + 1)" } ?? "column"
        var custom = base
        var suffix = 2
        while customNames.contains(custom) {
            custom = "\(base)_\(suffix)"
            suffix += 1
        }
        assign(.custom(custom), to: name)
    }
}
