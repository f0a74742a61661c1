import Foundation
import SmarketIngest

/// One first-touch deadline: a lead's assignment to an owner.
public struct SLADeadline: Sendable, Hashable {
    public enum State: String, Sendable {
        case open, met, breached, reassigned
        /// The lead was won, lost or disqualified before its first touch, so no rep owes one.
        case closed
    }

    public var id: Int64
    public var leadID: Int64
    public var owner: String
    public var team: String?
    public var assignedAt: Date
    public var dueAt: Date
    public var warnAt: Date?
    public var state: State
    public var firstTouchSeconds: Double?
    /// The next step: 0 warning, 1 breach, 2 and up the escalation steps in order.
    public var nextStep: Int
    /// When the next step fires; nil when nothing is pending.
    public var nextFireAt: Date?
}

/// Stores deadlines durably; every change takes a new revision so the daemon can pick up changes that
/// other processes (`smarketd import`) made.
public struct SLAStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    private static let columns =
        "id, lead_id, owner, team, assigned_at, due_at, warn_at, state, first_touch_seconds, next_step, next_fire_at"

    private func nextRevision() throws -> Int64 {
        try RoutingStore(database: database).nextValue(of: "sla_revision")
    }

    /// Opens a deadline for a new owner and returns it.
    public func open(
        leadID: Int64, owner: String, team: String?, assignedAt: Date, dueAt: Date, warnAt: Date?
    ) throws -> SLADeadline {
        let nextStep = warnAt == nil ? 1 : 0
        let nextFireAt = warnAt ?? dueAt
        try database.statement(
            """
            INSERT INTO sla_deadlines (lead_id, owner, team, assigned_at, due_at, warn_at, state, next_step,
                next_fire_at, revision)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9)
            """
        ).bind(
            .integer(leadID), .text(owner), .optional(team), .text(Timestamp.string(assignedAt)),
            .text(Timestamp.string(dueAt)), .optional(warnAt.map(Timestamp.string)), .integer(Int64(nextStep)),
            .text(Timestamp.string(nextFireAt)), .integer(try nextRevision())
        ).run()
        return SLADeadline(
            id: database.lastInsertRowID, leadID: leadID, owner: owner, team: team, assignedAt: assignedAt, dueAt: dueAt,
            warnAt: warnAt, state: .open, firstTouchSeconds: nil, nextStep: nextStep, nextFireAt: nextFireAt)
    }

    public func deadline(_ id: Int64) throws -> SLADeadline? {
        try database.statement("SELECT \(Self.columns) FROM sla_deadlines WHERE id = ?1").bind(.integer(id))
            .rows(Self.decode).first
    }

    /// The lead's latest deadline, the one its current owner works against.
    public func currentDeadline(of leadID: Int64) throws -> SLADeadline? {
        try database.statement("SELECT \(Self.columns) FROM sla_deadlines WHERE lead_id = ?1 ORDER BY id DESC LIMIT 1")
            .bind(.integer(leadID)).rows(Self.decode).first
    }

    /// Returns the lead's deadline whose owner had the lead at `instant`, the latest one assigned at or before it.
    public func deadline(of leadID: Int64, inForceAt instant: Date) throws -> SLADeadline? {
        try database.statement(
            """
            SELECT \(Self.columns) FROM sla_deadlines WHERE lead_id = ?1 AND assigned_at <= ?2
            ORDER BY assigned_at DESC, id DESC LIMIT 1
            """
        ).bind(.integer(leadID), .text(Timestamp.string(instant))).rows(Self.decode).first
    }

    /// Stores the state, touch time and next step of a deadline.
    public func update(_ deadline: SLADeadline, at now: Date, touchAt: Date? = nil) throws {
        let nowText = Timestamp.string(now)
        try database.statement(
            """
            UPDATE sla_deadlines SET state = ?1, first_touch_seconds = ?2, next_step = ?3, next_fire_at = ?4,
                revision = ?5,
                warned_at = CASE WHEN ?3 > 0 AND warn_at IS NOT NULL AND warned_at IS NULL THEN ?6 ELSE warned_at END,
                breached_at = CASE WHEN ?1 = 'breached' AND breached_at IS NULL THEN due_at ELSE breached_at END,
                met_at = CASE WHEN ?1 = 'met' THEN ?7 ELSE met_at END
            WHERE id = ?8
            """
        ).bind(
            .text(deadline.state.rawValue), deadline.firstTouchSeconds.map(SQLValue.real) ?? .null,
            .integer(Int64(deadline.nextStep)), .optional(deadline.nextFireAt.map(Timestamp.string)),
            .integer(try nextRevision()), .text(nowText), .optional(touchAt.map(Timestamp.string)),
            .integer(deadline.id)
        ).run()
    }

    /// Adds an entry to the SLA history of a lead (warning, breach, escalation, met, withdrawn breach).
    public func log(_ deadline: SLADeadline, kind: String, late: Bool, detail: String?, at now: Date) throws {
        try database.statement(
            "INSERT INTO sla_log (deadline_id, lead_id, at, kind, late, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        ).bind(
            .integer(deadline.id), .integer(deadline.leadID), .text(Timestamp.string(now)), .text(kind),
            .integer(late ? 1 : 0), .optional(detail)
        ).run()
    }

    /// Pending timers changed after `revision`, with the highest revision seen; nil fire times mean removed.
    public func changes(after revision: Int64) throws -> (timers: [(id: Int64, fireAt: Date?)], revision: Int64) {
        var highest = revision
        let rows = try database.statement(
            "SELECT id, next_fire_at, revision FROM sla_deadlines WHERE revision > ?1 ORDER BY revision"
        ).bind(.integer(revision)).rows { row -> (id: Int64, fireAt: Date?) in
            highest = max(highest, row.int(2))
            return (row.int(0), Timestamp.date(row.text(1)))
        }
        return (rows, highest)
    }

    /// Every pending timer, for the start-up load.
    public func pendingTimers() throws -> (timers: [(id: Int64, fireAt: Date)], revision: Int64) {
        let revision =
            try database.statement("SELECT COALESCE(MAX(revision), 0) FROM sla_deadlines").scalarInt() ?? 0
        let timers = try database.statement(
            "SELECT id, next_fire_at FROM sla_deadlines WHERE next_fire_at IS NOT NULL"
        ).rows { row -> (id: Int64, fireAt: Date) in
            (row.int(0), Timestamp.date(row.text(1)) ?? Date(timeIntervalSince1970: 0))
        }
        return (timers, revision)
    }

    private static func decode(_ row: Statement) -> SLADeadline {
        SLADeadline(
            id: row.int(0), leadID: row.int(1), owner: row.text(2) ?? "", team: row.text(3),
            assignedAt: Timestamp.date(row.text(4)) ?? Date(timeIntervalSince1970: 0),
            dueAt: Timestamp.date(row.text(5)) ?? Date(timeIntervalSince1970: 0), warnAt: Timestamp.date(row.text(6)),
            state: SLADeadline.State(rawValue: row.text(7) ?? "open") ?? .open,
            firstTouchSeconds: row.isNull(8) ? nil : row.double(8), nextStep: Int(row.int(9)),
            nextFireAt: Timestamp.date(row.text(10)))
    }
}
