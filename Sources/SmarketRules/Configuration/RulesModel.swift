import Foundation
import SmarketIngest

/// The part of the score a rule adds to; only engagement points decay.
public enum ScoreCategory: String, Sendable, Hashable, CaseIterable {
    case fit
    case engagement
    case intent
}

/// The input that a scoring rule tests.
public enum ScoringTrigger: Sendable {
    /// Points while the lead's current fields meet the condition.
    case condition(Expression)
    /// Points for each event of this type.
    case event(String)
}

/// One scoring rule.
public struct ScoringRule: Sendable {
    public var trigger: ScoringTrigger
    /// Points per match; negative points lower the score.
    public var points: Double
    /// The maximum total of points that an event rule adds, or nil for no cap.
    public var maximum: Double?
    public var category: ScoreCategory

    public init(
        trigger: ScoringTrigger, points: Double, maximum: Double? = nil, category: ScoreCategory
    ) {
        self.trigger = trigger
        self.points = points
        self.maximum = maximum
        self.category = category
    }
}

/// Scoring rules, decay and the stage thresholds.
public struct ScoringConfiguration: Sendable {
    public var rules: [ScoringRule]
    /// The time after which engagement points count half; nil for no decay.
    public var decayHalfLife: TimeInterval?
    /// The condition that makes a lead an MQL, such as `score >= 50`.
    public var mqlCondition: Expression?
    /// The condition that makes a lead an SQL.
    public var sqlCondition: Expression?

    public init(
        rules: [ScoringRule] = [], decayHalfLife: TimeInterval? = nil,
        mqlCondition: Expression? = nil, sqlCondition: Expression? = nil
    ) {
        self.rules = rules
        self.decayHalfLife = decayHalfLife
        self.mqlCondition = mqlCondition
        self.sqlCondition = sqlCondition
    }
}

/// The lead lifecycle moment that starts an automation.
public enum AutomationTrigger: String, Sendable, Hashable, CaseIterable {
    case leadCreated = "lead_created"
    case leadUpdated = "lead_updated"
    case stageChanged = "stage_changed"
    case assigned
    case event
    case slaWarning = "sla_warning"
    case slaBreached = "sla_breached"
}

/// The rep or team that an `assign` action gives the lead to.
public enum AssignmentTarget: Sendable, Hashable {
    case rep(String)
    case team(String)
}

/// A follow-up task that an automation creates.
public struct TaskTemplate: Sendable, Hashable {
    /// The title as configured, with `{field}` placeholders that each task fills from its lead.
    public var title: String { titleTemplate.source }
    /// The title parsed for filling.
    public var titleTemplate: TitleTemplate
    /// The time after the trigger when the task is due.
    public var due: SLADuration
    /// The kind of touch the task requests, such as `call` or `email_sent`.
    public var type: String

    public init(title: String, due: SLADuration, type: String) {
        titleTemplate = TitleTemplate(title)
        self.due = due
        self.type = type
    }
}

/// One step of an automation.
public enum AutomationAction: Sendable, Hashable {
    case createTask(TaskTemplate)
    case assign(AssignmentTarget)
    case setStage(LeadStage)
    case addScore(points: Double, category: ScoreCategory)
    case notify(outbox: String)
}

/// An automation: when the trigger fires and the condition holds, run the actions in order.
public struct AutomationConfiguration: Sendable {
    public var name: String
    public var trigger: AutomationTrigger
    /// The event type for the `event` trigger; nil for other triggers.
    public var eventType: String?
    public var condition: Expression?
    public var actions: [AutomationAction]

    public init(
        name: String, trigger: AutomationTrigger, eventType: String? = nil,
        condition: Expression? = nil, actions: [AutomationAction]
    ) {
        self.name = name
        self.trigger = trigger
        self.eventType = eventType
        self.condition = condition
        self.actions = actions
    }
}

/// The event types that feeds and `smarketd event` record.
public enum KnownEventTypes {
    public static let marketing: Set<String> = [
        "email_open", "email_click", "page_view", "content_download", "webinar_attended",
        "form_submit", "demo_request",
    ]
    public static let sales: Set<String> = ["call", "email_sent", "meeting"]
    public static let other: Set<String> = ["note", "stage_change", "reassign"]
    public static var all: Set<String> { marketing.union(sales).union(other) }
}
