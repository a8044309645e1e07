/// Ids never change: a file that held one id at the base holds the same id now.
struct IDChangedRule: PullRequestRule {
    static let id = "id-changed"
    static let summary = "a file that held one id at the base holds another now"
    static let defaultSeverity = Severity.error
    static let example = "`id: FR-0042` rewritten to `id: FR-0043`"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        let field = change.config.idField
        for old in change.base.requests {
            guard let oldID = old.id, let new = change.headByPath[ByteKey(old.path)], let newID = new.id, newID != oldID else { continue }
            sink.report(
                self, new, at: [.key(field)], "this file held request `\(oldID)`; its id is now `\(newID)`",
                hint: "ids never change: put back `\(field): \(oldID)`; a new request goes in a new file")
        }
    }
}
