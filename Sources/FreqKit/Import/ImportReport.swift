/// What `freq import` says it did: a line per row, then the counts.
public enum ImportReport {
    public static func text(_ outcomes: [RequestImport.Outcome], dryRun: Bool) -> String {
        var out = ""
        for outcome in outcomes {
            let who = RequestListRenderer.singleLine(outcome.customer)
            let title = RequestListRenderer.singleLine(outcome.title)
            switch outcome.kind {
            case .created: out += "line \(outcome.line): created \(outcome.id ?? "") \(title) for \(who)\n"
            case .added: out += "line \(outcome.line): added \(who) to \(outcome.id ?? ""): \(outcome.why)\n"
            case .skipped: out += "line \(outcome.line): skipped: \(outcome.why)\n"
            }
        }
        let count = { (kind: RequestImport.Outcome.Kind) in outcomes.count { $0.kind == kind } }
        out += "\(count(.created)) created, \(count(.added)) added, \(count(.skipped)) skipped"
        out += dryRun ? " (dry run: nothing written)\n" : "\n"
        if count(.created) > 0 {
            out += "stats count the new requests as received when this import lands on the mainline; `freq stats --received created` counts them from their dates\n"
        }
        return out
    }
}
