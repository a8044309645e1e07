/// What `freq check --base REV` adds to `validate`: the pull-request rules, judged against
/// the registry at the base commit.
public enum PullRequestCheck {
    /// The findings of `head` (the validation of the files now) plus the pull-request
    /// rules of `change`, with the severities of the base's configuration. Errors in files
    /// that are byte for byte the same as at the base become warnings: a pull request is
    /// not blocked by a file it did not touch. A configuration change is said first.
    public static func run(head: ValidationReport, change: PullRequestChange) -> ValidationReport {
        var sink = FindingSink()
        for rule in Rules.pullRequestRules { rule.check(change, &sink) }
        let findings = Rules.resolve(sink.findings, in: change.config)
        let untouched = untouchedPaths(change)
        var diagnostics = head.diagnostics + findings.filter { $0.rule != ConfigChangedRule.id }
        for index in diagnostics.indices
        where diagnostics[index].severity == .error && untouched.contains(diagnostics[index].path) {
            diagnostics[index].severity = .warning
            diagnostics[index].message += " (in a file this pull request does not change)"
        }
        diagnostics.sort(by: RegistryValidator.order)
        diagnostics.insert(contentsOf: findings.filter { $0.rule == ConfigChangedRule.id }, at: 0)

        var report = head
        report.diagnostics = diagnostics
        let flagged = Set(findings.map(\.path))
        for request in change.head.requests where flagged.contains(request.path) && report.sources[request.path] == nil {
            report.sources[request.path] = request.bytes
        }
        return report
    }

    /// The paths whose file is the same at the base and now.
    static func untouchedPaths(_ change: PullRequestChange) -> Set<String> {
        var baseContent: [String: RequestFile.Content] = [:]
        for file in change.base.files { baseContent[file.path] = file.content }
        var untouched = Set<String>()
        for file in change.head.files {
            if let old = baseContent[file.path], same(old, file.content) { untouched.insert(file.path) }
        }
        return untouched
    }

    /// Two versions of a file are the same when their bytes are (or both are the same
    /// kind of non-file).
    static func same(_ a: RequestFile.Content, _ b: RequestFile.Content) -> Bool {
        switch (a, b) {
        case (.bytes(let left), .bytes(let right)): return left == right
        case (.symlink, .symlink), (.notAFile, .notAFile): return true
        case (.tooLarge(let left), .tooLarge(let right)): return left == right
        default: return false
        }
    }
}
