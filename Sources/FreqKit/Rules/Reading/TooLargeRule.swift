/// A file over the size limit (never read), or a front matter holding too many values
/// (the reader reports that one).
struct TooLargeRule: ReadingRule {
    static let id = "too-large"
    static let summary = "the file is larger than the size limit (4 MiB)"
    static let defaultSeverity = Severity.error
    static let example = "a screenshot pasted inline as base64"

    static func fileProblem(size: Int, limit: Int) -> FrontMatterProblem {
        FrontMatterProblem(
            rule: id, message: "the file is \(size) bytes, over the limit of \(limit) bytes",
            hint: "keep requests short; link to large attachments instead")
    }
}
