/// The GitHub issue form (`freq form`) no longer matches the schema: support agents would
/// be offered values the schema refuses, or miss new ones. Only when the form exists.
struct IssueFormStaleRule: PullRequestRule {
    static let id = "issue-form-stale"
    static let summary = "the GitHub issue form differs from what `freq form` generates from the schema"
    static let defaultSeverity = Severity.warning
    static let example = "an area added to the schema's enum but not to the form's dropdown"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        guard let form = change.issueForm, form.current != Array(form.generated.utf8) else { return }
        sink.report(
            self, path: form.path, at: nil, "the issue form is out of date with the schema",
            hint: "run `freq form` and commit the result")
    }
}
