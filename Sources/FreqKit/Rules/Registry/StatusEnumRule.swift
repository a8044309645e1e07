/// A status is one of the workflow's (`status.categories` in registry.yml).
struct StatusEnumRule: RequestRule {
    static let id = "status-enum"
    static let summary = "the status is not one of the workflow's statuses"
    static let defaultSeverity = Severity.error
    static let example = "`status: Planed` (did you mean `planned`?)"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        let config = context.config
        guard let status = request.status, !config.isKnown(status: status) else { return }
        sink.claim([.key(config.statusField)])
        sink.report(
            self, request, at: [.key(config.statusField)],
            "status `\(status)` is not one of \(config.statuses.joined(separator: ", "))",
            hint: Suggestion.nearest(to: status, among: config.statuses).map { "did you mean `\($0)`?" })
    }
}
