/// Every request has a status: a single, non-empty value in the configured status field.
struct StatusMissingRule: RequestRule {
    static let id = "status-missing"
    static let summary = "the status field is missing or empty"
    static let defaultSeverity = Severity.error
    static let example = "no `status:` line"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard request.status == nil else { return }
        let (field, initial) = (context.config.statusField, context.config.initialStatus)
        sink.reportMissingField(
            self, request, field: field, ifAbsent: "add `\(field): \(initial)` to the front matter",
            ifNotOneValue: "for example `\(field): \(initial)`")
    }
}
