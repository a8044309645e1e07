/// A decision the registry wants explained (`status.reason_required`, such as `declined`)
/// carries its reason in the file, so it survives any merge strategy and can be told to
/// the customers who asked.
struct ReasonMissingRule: PullRequestRule {
    static let id = "reason-missing"
    static let summary = "a move into a status of `status.reason_required` without a `reason`"
    static let defaultSeverity = Severity.error
    static let example = "`status: declined` with no `reason:` line (`freq move ID declined --reason ...`)"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        let config = change.config
        guard !config.reasonRequired.isEmpty else { return }
        let field = config.fields.reason
        for (id, new) in change.headByID.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
            guard let status = new.status, config.reasonRequired.contains(status), change.baseByID[id]?.status != status,
                (new.text(field) ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            else { continue }
            sink.report(
                self, new, at: [.key(config.statusField)], "the move to `\(status)` has no `\(field)`",
                hint: "say why, for the customers: `freq move \(id) \(status) --reason \"...\"`")
        }
    }
}
