/// A request filed in a pull request starts in an entry status (`status.entry`, by default
/// `status.initial`): one born `shipped` would count as actioned in no time at all.
struct NewRequestStatusRule: PullRequestRule {
    static let id = "new-request-status"
    static let summary = "a request new in a pull request does not start in an entry status (`status.entry`)"
    static let defaultSeverity = Severity.error
    static let example = "a new file with `status: shipped`"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        let config = change.config
        let entry = config.entryStatuses
        for request in change.head.requests {
            // A status the workflow does not know is `status-enum`'s to report.
            guard let id = request.id, change.baseByID[id] == nil, change.headByID[id]?.path.hasSameBytes(as: request.path) == true,
                let status = request.status, config.isKnown(status: status), !entry.contains(status)
            else { continue }
            let allowed = entry.map { "`\($0)`" }.joined(separator: " or ")
            sink.report(
                self, request, at: [.key(config.statusField)], "a new request starts as \(allowed), not `\(status)`",
                hint: "file it as `\(config.initialStatus)`; product moves it on in a later pull request")
        }
    }
}
