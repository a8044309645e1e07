/// Every request has a status: a single, non-empty value in the configured status field.
struct StatusMissingRule: RequestRule {
    static let id = "status-missing"
    static let summary = "the status field is missing or empty"
    static let defaultSeverity = Severity.error
    static let example = "no `status:` line"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard request.status == nil else { return }
        let config = context.config
        let field = config.statusField
        sink.claim([.key(field)])
        if request.document.value[field] == nil {
            sink.report(self, request, at: [], "the request has no `\(field)` field", hint: "add `\(field): \(config.initialStatus)` to the front matter")
        } else {
            sink.report(
                self, request, at: [.key(field)], "`\(field)` must be a single, non-empty value",
                hint: "for example `\(field): \(config.initialStatus)`")
        }
    }
}
