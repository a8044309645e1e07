/// A folder or special file whose name the requests glob selects, or a file that cannot
/// be read at all.
struct NotAFileRule: ReadingRule {
    static let id = "not-a-file"
    static let summary = "a folder or special file matches the requests glob"
    static let defaultSeverity = Severity.error
    static let example = "a folder named `requests/old.md/`"

    static let folderProblem = FrontMatterProblem(
        rule: id, message: "a folder or special file matches the requests glob",
        hint: "rename it, or narrow `requests` in the configuration")

    static func unreadableProblem(_ reason: String) -> FrontMatterProblem {
        FrontMatterProblem(rule: id, message: "the file cannot be read: \(reason)")
    }
}
