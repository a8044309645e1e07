/// A status moves only as `status.transitions` allows. A pull request may take several
/// allowed steps in several commits, as `freq move` does one commit at a time; one commit
/// that jumps over a status still fails, and so does a jump later undone by another
/// forbidden move.
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
                !workflow.allows(from: from, to: to), !allowedStepByStep(id, from: from, to: to, change)
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

    /// Whether the pull request's own steps take request `id` from `from` to `to`, each
    /// move one the workflow allows.
    static func allowedStepByStep(_ id: String, from: String, to: String, _ change: PullRequestChange) -> Bool {
        var current = from
        var moved = false
        for step in change.steps {
            let before = step.before.requests.first { $0.id == id }?.status
            let after = step.after.requests.first { $0.id == id }?.status
            guard let before, let after, before != after else { continue }
            guard before == current, change.config.workflow.allows(from: before, to: after) else { return false }
            current = after
            moved = true
        }
        return moved && current == to
    }
}
