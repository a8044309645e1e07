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
        let findings = Rules.resolve(sink.findings + afterMerge(change, reported: head.diagnostics), in: change.config)
        var diagnostics = head.diagnostics + findings.filter { $0.rule != ConfigChangedRule.id }
        for index in diagnostics.indices
        where diagnostics[index].severity == .error && change.isUnchanged(diagnostics[index].path) {
            diagnostics[index].severity = .warning
            diagnostics[index].message += " (in a file this pull request does not change)"
        }
        diagnostics.sort(by: RegistryValidator.order)
        diagnostics.insert(contentsOf: findings.filter { $0.rule == ConfigChangedRule.id }, at: 0)

        var report = head
        report.diagnostics = diagnostics
        let flagged = Set(findings.map { ByteKey($0.path) })
        for request in change.head.requests where flagged.contains(ByteKey(request.path)) && report.sources[ByteKey(request.path)] == nil {
            report.sources[ByteKey(request.path)] = request.bytes
        }
        return report
    }

    /// The rules across files (unique ids, `duplicate_of` targets) on the state the merge
    /// will produce, when the target moved on since the branch left it: two pull requests
    /// that each add `FR-0019` both pass on their own. Only findings about this pull
    /// request's changed files that the working tree's validation did not already make.
    static func afterMerge(_ change: PullRequestChange, reported: [Diagnostic]) -> [Diagnostic] {
        guard let target = change.target else { return [] }
        let changed = change.changedPaths
        let context = RuleContext(unchecked: change.config)
        var sink = FindingSink()
        let index = change.mergedIndex(into: target)
        for rule in Rules.registryRules { rule.check(index, context, &sink) }
        let already = Set(reported.map { ByteKey("\($0.path)\u{0}\($0.rule)\u{0}\($0.message)") })
        return sink.findings.compactMap { finding in
            guard changed.contains(ByteKey(finding.path)),
                !already.contains(ByteKey("\(finding.path)\u{0}\(finding.rule)\u{0}\(finding.message)"))
            else {
                return nil
            }
            var copy = finding
            copy.message += " (once merged into `\(target.name)`)"
            return copy
        }
    }

}
