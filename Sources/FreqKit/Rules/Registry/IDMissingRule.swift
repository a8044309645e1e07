/// Every request needs an id: a single, non-empty value in the configured id field.
struct IDMissingRule: RequestRule {
    static let id = "id-missing"
    static let summary = "the id field is missing or empty"
    static let defaultSeverity = Severity.error
    static let example = "no `id:` line"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard request.id == nil else { return }
        let field = context.config.idField
        sink.reportMissingField(
            self, request, field: field, ifAbsent: "add a line `\(field): ...` to the front matter", ifNotOneValue: nil)
    }
}
