/// A new request whose title is close to an existing one's is most likely the same ask:
/// a warning, so the customer can be added to the existing request instead.
struct SimilarTitleRule: PullRequestRule {
    static let id = "similar-title"
    static let summary = "a new request's title is close to an existing request's (`similar_titles`)"
    static let defaultSeverity = Severity.warning
    static let example = "`Export invoice to CSV` next to `Export invoices as CSV`"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        let fields = change.config.fields
        // Only new files: a file that held a request at the base is judged by id-changed.
        let added = change.head.requests.compactMap { request -> (Request, String)? in
            guard !change.basePaths.contains(ByteKey(request.path)), let id = request.id, change.baseByID[id] == nil,
                change.headByID[id]?.path.hasSameBytes(as: request.path) == true, let title = request.text(fields.title)
            else { return nil }
            return (request, title)
        }
        guard !added.isEmpty else { return }
        // Each existing title's trigrams counted once, not once per added request.
        let index = TextSimilarity.Index(change.unread.baseTitles()) { $0.title }
        for (request, title) in added {
            // The closest three are named.
            let similar = index.similar(to: title, threshold: change.config.similarTitles, limit: 3)
            guard let closest = similar.first else { continue }
            let named = similar.prefix(3).map { "`\($0.candidate.id)` (\($0.candidate.title))" }.joined(separator: ", ")
            sink.report(
                self, request, at: [.key(fields.title)], "the title is close to \(named)",
                hint: "if it is the same request, add the customer to `\(closest.candidate.id)` instead")
        }
    }
}
