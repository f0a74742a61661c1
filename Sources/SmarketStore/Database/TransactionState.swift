import Foundation

/// Rows that every routed lead reads and rewrites, held in memory while a transaction runs and written
/// once before it commits.
///
/// Account owners once read are kept as well, because the leads of one company share its domain.
///
/// A transaction holds SQLite's write lock from `BEGIN IMMEDIATE` to its end, so no other connection
/// changes these rows meanwhile, and a rollback drops the memory with the writes. Without this state, each
/// new lead ran two statements for its deadline revision, two for the assignment sequence and up to five
/// for the rotation of its team. A chunk of a thousand leads now writes each of these rows once.
struct TransactionState {
    /// Counters advanced in this transaction, with their latest values.
    var counters: [String: Int64] = [:]
    /// The rotation of every rep once read in this transaction.
    var rotation: [String: RotationState]?
    /// The reps whose rotation changed in this transaction.
    var changedRotation: Set<String> = []
    /// Whether `erasures` has a row, cached by `hasErasures()` for the rest of the transaction.
    var hasErasures: Bool?
    /// Owners of company domains read or claimed in this transaction. Nothing but a claim writes
    /// `account_owners`, and a claim never replaces an owner, so a known owner stays right. The key is
    /// the domain's UTF-8 bytes, which SQLite compares, because Swift takes `café` with a composed and
    /// with a decomposed `é` for the same string.
    var accountOwners: [[UInt8]: String] = [:]

    mutating func removeAll() {
        counters.removeAll(keepingCapacity: true)
        rotation = nil
        changedRotation.removeAll(keepingCapacity: true)
        hasErasures = nil
        accountOwners.removeAll(keepingCapacity: true)
    }
}

/// The position of a rep in the rotations of round robin and weighted round robin.
public struct RotationState: Sendable, Equatable {
    /// The assignment sequence number of the rep's last lead, or 0 for none.
    public var lastSequence: Int64
    /// The rep's running weight in smooth weighted round robin.
    public var currentWeight: Double

    public init(lastSequence: Int64, currentWeight: Double) {
        self.lastSequence = lastSequence
        self.currentWeight = currentWeight
    }
}

extension Database {
    /// Takes the next number of a named counter. Inside a transaction the number is counted in memory.
    func nextCounterValue(_ name: String) throws -> Int64 {
        guard isInTransaction else {
            try incrementCounter(name)
            return try readCounter(name) ?? 1
        }
        let next = try (transactionState.counters[name] ?? readCounter(name) ?? 0) + 1
        transactionState.counters[name] = next
        return next
    }

    /// Returns the rotation state of every rep routed to before. Inside a transaction it is read once.
    func rotationStates() throws -> [String: RotationState] {
        if isInTransaction, let known = transactionState.rotation { return known }
        let rows = try statement("SELECT rep, last_sequence, current_weight FROM rep_rotation").rows {
            ($0.text(0) ?? "", RotationState(lastSequence: $0.int(1), currentWeight: $0.double(2)))
        }
        let states = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        if isInTransaction { transactionState.rotation = states }
        return states
    }

    /// Replaces the rotation state of the given reps.
    func setRotationStates(_ changes: [String: RotationState]) throws {
        guard isInTransaction else {
            for (rep, state) in changes { try writeRotation(rep, state) }
            return
        }
        var states = try rotationStates()
        for (rep, state) in changes {
            states[rep] = state
            transactionState.changedRotation.insert(rep)
        }
        transactionState.rotation = states
    }

    /// Returns whether anybody was ever erased. Inside a transaction the table is read once.
    public func hasErasures() throws -> Bool {
        if isInTransaction, let known = transactionState.hasErasures { return known }
        let found = try statement("SELECT EXISTS (SELECT 1 FROM erasures)").scalarInt() == 1
        if isInTransaction { transactionState.hasErasures = found }
        return found
    }

    /// Returns the rep who owns a company domain. Inside a transaction an owner once read is kept in memory.
    func accountOwner(of domain: String) throws -> String? {
        let key = Array(domain.utf8)
        if isInTransaction, let known = transactionState.accountOwners[key] { return known }
        let owner = try statement("SELECT rep FROM account_owners WHERE domain = ?1").bind(.text(domain)).scalarText()
        if isInTransaction, let owner { transactionState.accountOwners[key] = owner }
        return owner
    }

    /// Records the first owner of a company domain; later owners do not replace it. Inside a transaction
    /// a domain whose owner is kept in memory needs no statement.
    func claimAccount(_ domain: String, for rep: String) throws {
        let key = Array(domain.utf8)
        if isInTransaction, transactionState.accountOwners[key] != nil { return }
        try statement("INSERT OR IGNORE INTO account_owners (domain, rep) VALUES (?1, ?2)")
            .bind(.text(domain), .text(rep)).run()
        // A claim that found the domain owned already changed no row, and its owner stays unknown here.
        if isInTransaction, changes > 0 { transactionState.accountOwners[key] = rep }
    }

    /// Writes the counters and rotation that the transaction kept in memory, right before `COMMIT`.
    func writeTransactionState() throws {
        for (name, value) in transactionState.counters {
            try statement(
                "INSERT INTO counters (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = ?2"
            ).bind(.text(name), .integer(value)).run()
        }
        if let states = transactionState.rotation {
            for rep in transactionState.changedRotation {
                if let state = states[rep] { try writeRotation(rep, state) }
            }
        }
    }

    private func readCounter(_ name: String) throws -> Int64? {
        try statement("SELECT value FROM counters WHERE name = ?1").bind(.text(name)).scalarInt()
    }

    private func incrementCounter(_ name: String) throws {
        try statement(
            "INSERT INTO counters (name, value) VALUES (?1, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1"
        ).bind(.text(name)).run()
    }

    private func writeRotation(_ rep: String, _ state: RotationState) throws {
        try statement(
            """
            INSERT INTO rep_rotation (rep, last_sequence, current_weight) VALUES (?1, ?2, ?3)
            ON CONFLICT(rep) DO UPDATE SET last_sequence = ?2, current_weight = ?3
            """
        ).bind(.text(rep), .integer(state.lastSequence), .real(state.currentWeight)).run()
    }
}
