/// A request's file is named after its id (`id.filename`), so people find it by id.
struct FileNameRule: RequestRule {
    static let id = "filename"
    static let summary = "the file name does not match `id.filename`"
    static let defaultSeverity = Severity.error
    static let example = "`FR-0042` in `requests/FR-0043-export.md`"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard let id = request.id, let fileName = context.fileName, !fileName.matches(request.path, id: id) else { return }
        sink.report(
            self, request, at: [.key(context.config.idField)],
            "the file name does not match `\(fileName.template)` for id `\(id)`", hint: "rename the file to start with `\(id)`")
    }
}
