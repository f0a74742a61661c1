import Foundation
import SmarketIngest

/// One entry of a lead's score history.
public struct ScoreEntry: Sendable, Hashable {
    public var category: String
    public var points: Double
    /// When the points count from: the event's time for event rules, else the time of the change.
    public var countsFrom: Date

    public init(category: String, points: Double, countsFrom: Date) {
        self.category = category
        self.points = points
        self.countsFrom = countsFrom
    }
}

/// Stores the points of scoring rules per lead and the history of every change.
public struct ScoreStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The field rules that currently give the lead points, by rule key.
    public func activeFieldRules(of leadID: Int64) throws -> [String: Double] {
        let rows = try database.statement("SELECT rule, points FROM lead_rule_points WHERE lead_id = ?1")
            .bind(.integer(leadID)).rows { ($0.text(0) ?? "", $0.double(1)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    public func setFieldRule(_ rule: String, category: String, points: Double?, of leadID: Int64) throws {
        if let points {
            try database.statement(
                "INSERT OR REPLACE INTO lead_rule_points (lead_id, rule, category, points) VALUES (?1, ?2, ?3, ?4)"
            ).bind(.integer(leadID), .text(rule), .text(category), .real(points)).run()
        } else {
            try database.statement("DELETE FROM lead_rule_points WHERE lead_id = ?1 AND rule = ?2")
                .bind(.integer(leadID), .text(rule)).run()
        }
    }

    /// The points a rule has added to the lead so far, for its `max` cap.
    public func pointsAdded(by rule: String, to leadID: Int64) throws -> Double {
        try database.statement("SELECT COALESCE(SUM(points), 0) FROM score_changes WHERE lead_id = ?1 AND rule = ?2")
            .bind(.integer(leadID), .text(rule)).scalarText().flatMap(Double.init) ?? 0
    }

    /// Every change of the lead's score, to compute the totals with decay.
    public func entries(of leadID: Int64) throws -> [ScoreEntry] {
        try database.statement("SELECT category, points, COALESCE(event_at, at) FROM score_changes WHERE lead_id = ?1")
            .bind(.integer(leadID)).rows { row in
                ScoreEntry(
                    category: row.text(0) ?? "fit", points: row.double(1),
                    countsFrom: Timestamp.date(row.text(2)) ?? Date(timeIntervalSince1970: 0))
            }
    }

    /// Records a change; `scoreAfter` is the total score once the change applies.
    public func recordChange(
        leadID: Int64, rule: String, category: String, points: Double, eventID: Int64?, eventAt: Date?,
        scoreAfter: Double, at now: Date
    ) throws {
        try database.statement(
            """
            INSERT INTO score_changes (lead_id, at, rule, category, points, event_id, event_at, score_after)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """
        ).bind(
            .integer(leadID), .text(Timestamp.string(now)), .text(rule), .text(category), .real(points),
            .optional(eventID), .optional(eventAt.map(Timestamp.string)), .real(scoreAfter)
        ).run()
    }

    /// Stores the lead's totals.
    public func setTotals(of leadID: Int64, fit: Double, engagement: Double, intent: Double) throws {
        try database.statement(
            "UPDATE leads SET fit_score = ?1, engagement_score = ?2, intent_score = ?3, score = ?4 WHERE id = ?5"
        ).bind(.real(fit), .real(engagement), .real(intent), .real(fit + engagement + intent), .integer(leadID)).run()
        database.patchSnapshot(leadID) { $0.score = fit + engagement + intent }
    }

    /// Leads with engagement points, whose score decays over time.
    public func leadsWithEngagement() throws -> [Int64] {
        try database.statement("SELECT DISTINCT lead_id FROM score_changes WHERE category = 'engagement'").rows { $0.int(0) }
    }
}
