/// Bytes that are not UTF-8: in the front matter the reader reports it (the file is
/// unreadable); in the body this rule reports it, located at the first bad byte's line.
struct NotUTF8Rule: ReadingRule, RequestRule {
    static let id = "not-utf8"
    static let summary = "the file has bytes that are not UTF-8"
    static let defaultSeverity = Severity.error
    static let example = "a title pasted from a Latin-1 document"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        if let problem = FrontMatterReader.bodyProblem(request.bytes, document: request.document) {
            sink.report(problem, path: request.path)
        }
    }
}
