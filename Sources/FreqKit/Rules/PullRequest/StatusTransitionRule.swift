/// A status moves only as `status.transitions` allows.
struct StatusTransitionRule: PullRequestRule {
    static let id = "status-transition"
    static let summary = "a status moves in a way `status.transitions` does not allow"
    static let defaultSeverity = Severity.error
    static let example = "`status: new` changed to `status: shipped`"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        let config = change.config
        let workflow = config.workflow
        for (id, old) in change.baseByID.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
            // An unknown status is `status-enum`'s to report.
            guard let new = change.headByID[id], let from = old.status, let to = new.status, config.isKnown(status: to),
                !workflow.allows(from: from, to: to)
            else { continue }
            let targets = workflow.successors(of: from) ?? []
            let hint = targets.isEmpty
                ? "`\(from)` is final in the workflow: no status may follow it"
                : "from `\(from)` the workflow allows \(targets.map { "`\($0)`" }.joined(separator: ", "))"
            sink.report(
                self, new, at: [.key(config.statusField)],
                "status moves from `\(from)` to `\(to)`, which the workflow does not allow", hint: hint)
        }
    }
}
