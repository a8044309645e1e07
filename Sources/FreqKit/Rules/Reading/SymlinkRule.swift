/// A request file that is a symbolic link: never followed, since it could point anywhere,
/// outside the repository included.
struct SymlinkRule: ReadingRule {
    static let id = "symlink"
    static let summary = "a request file is a symbolic link (never followed)"
    static let defaultSeverity = Severity.error
    static let example = "`requests/FR-0009-x.md -> /etc/passwd`"

    static let problem = FrontMatterProblem(
        rule: id, message: "the request is a symbolic link, which freq never follows",
        hint: "replace the link with the file itself")
}
