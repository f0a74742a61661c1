extension ConfigurationLoader {
    /// Decodes reps, teams, routing, scoring, SLA, automations, outboxes and metrics.
    static func decodeRules(_ top: DecodedMapping, into configuration: inout Configuration, _ decoder: ConfigurationDecoder) {
    }
}
