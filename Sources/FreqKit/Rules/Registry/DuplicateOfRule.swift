/// A request closed as a duplicate names the request it repeats (the configured
/// `duplicate_of` field), and only such a request does; the named request exists.
struct DuplicateOfRule: RequestRule, RegistryRule {
    static let id = "duplicate-of"
    static let summary = "`duplicate_of` is missing, unexpected, or names no existing request"
    static let defaultSeverity = Severity.error
    static let example = "`status: duplicate` without `duplicate_of:`"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        let config = context.config
        guard let field = config.duplicateOfField, let status = request.status else { return }
        let excluded = config.category(of: status) == .excluded
        let present = request.document.value[field] != nil
        if excluded && !present {
            sink.report(
                self, request, at: [.key(config.statusField)],
                "a request with status `\(status)` must name the request it repeats in `\(field)`", hint: "add `\(field): FR-...`")
        } else if !excluded && present {
            sink.report(
                self, request, at: [.key(field)], key: true,
                "`\(field)` is only allowed when the status is \((config.categories[.excluded] ?? []).joined(separator: " or "))",
                hint: "remove the line, or change the status")
        }
    }

    static func check(_ index: RegistryIDIndex, _ context: RuleContext, _ sink: inout FindingSink) {
        guard let field = context.config.duplicateOfField else { return }
        let byID = index.firstEntryByID
        for request in index.entries {
            guard let target = request.duplicateOf, !target.isEmpty else { continue }
            let at = request.duplicateOfLocation
            if byID[ByteKey(target)] == nil, let file = index.unreadablePath(named: target, config: context.config) {
                // The request exists; its file is broken: this file is right as it is.
                sink.report(
                    self, path: request.path, at: at, "`\(field)` names `\(target)`, whose file `\(file)` cannot be read",
                    hint: "fix `\(file)` (see its own error); this line is right", field: [.key(field)])
            } else if byID[ByteKey(target)] == nil {
                sink.report(
                    self, path: request.path, at: at, "`\(field)` names `\(target)`, which is not an existing request",
                    hint: Suggestion.nearest(to: target, among: byID.keys.map(\.text)).map { "did you mean `\($0)`?" },
                    field: [.key(field)])
            } else if target == request.id {
                sink.report(self, path: request.path, at: at, "a request cannot be a duplicate of itself", field: [.key(field)])
            }
        }
    }
}
