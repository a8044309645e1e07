/// Requests are closed with a status, never deleted, so their history stays counted.
struct RequestDeletedRule: PullRequestRule {
    static let id = "request-deleted"
    static let summary = "a request present at the base is gone (allowed with `--allow-delete`)"
    static let defaultSeverity = Severity.error
    static let example = "`requests/FR-0042-export.md` deleted instead of declined"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        guard !change.allowDelete else { return }
        let config = change.config
        for (id, old) in change.baseByID.sorted(by: { $0.key.precedesInByteOrder($1.key) }) where change.headByID[id] == nil {
            // A rewritten id is `id-changed`; a file still there but unreadable is reported
            // by the reading rules.
            if change.rewrittenIDs.contains(id) || change.headPaths.contains(ByteKey(old.path)) { continue }
            let title = old.text(config.fields.title).map { " (\($0))" } ?? ""
            let statuses = (config.categories[.declined] ?? []) + (config.categories[.excluded] ?? [])
            let closing = statuses.isEmpty ? "a closing status" : statuses.map { "`\($0)`" }.joined(separator: " or ")
            sink.report(
                self, path: old.path, at: nil, "request `\(id)`\(title) is deleted",
                hint: "close it with a status instead (\(closing)) so its history stays counted")
        }
    }
}
