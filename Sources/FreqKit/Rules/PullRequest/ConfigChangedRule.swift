/// A pull request that changes the registry's configuration or schema is judged by the
/// base's rules; the change itself deserves its own review.
struct ConfigChangedRule: PullRequestRule {
    static let id = "config-changed"
    static let summary = "a pull request changes registry.yml or the schema (judged by the base's rules)"
    static let defaultSeverity = Severity.warning
    static let example = "`rules: {status-transition: off}` added in a pull request"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        guard let first = change.configurationFiles.first,
            change.configurationFiles.contains(where: { $0.base != $0.head })
        else { return }
        sink.report(
            self, path: first.path, at: nil,
            "this pull request changes the registry's configuration or schema; what it may do was judged by the rules of \(change.baseName)",
            hint: "have product review the configuration change on its own")
    }
}
