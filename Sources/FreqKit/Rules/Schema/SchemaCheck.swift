/// Runs the JSON Schema over one request and reports each failing keyword under the
/// `SchemaKeywordRule` that lists it. Runs after the registry rules: a field they judged
/// (the id, the status) is not reported again.
enum SchemaCheck {
    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard let schema = context.schema else { return }
        for violation in schema.validate(request.document.value) {
            if sink.claimed.contains(violation.instancePath) { continue }
            let wholeDocument = violation.keyword == "required" && violation.instancePath.isEmpty
            // "`id` is required" repeats `id-missing`.
            if wholeDocument, sink.claimed.contains(where: { violation.message.contains("`\($0.dotted)`") }) {
                continue
            }
            let rule = Rules.schemaRule(forKeyword: violation.keyword)
            sink.report(
                rule, request, at: wholeDocument ? [] : violation.instancePath, key: violation.pointsAtKey,
                violation.message, hint: violation.hint)
        }
    }
}
