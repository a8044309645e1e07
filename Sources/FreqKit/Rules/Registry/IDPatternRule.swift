/// Ids follow `id.pattern`, so that they sort, and `freq new` can find the next one.
struct IDPatternRule: RequestRule {
    static let id = "id-pattern"
    static let summary = "the id does not match `id.pattern`"
    static let defaultSeverity = Severity.error
    static let example = "`id: FR-42` where four digits are expected"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard let id = request.id, let pattern = context.idPattern, !pattern.matches(id) else { return }
        let field = context.config.idField
        sink.claim([.key(field)])
        sink.report(
            self, request, at: [.key(field)], "id `\(id)` does not match the pattern `\(context.config.idPattern ?? "")`",
            hint: "ids look like the other files' ids; `freq new` picks the next free one")
    }
}
