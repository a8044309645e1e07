import FreqGit
import FreqKit

/// Who made each commit of a timeline and why (its subject), for `show` and `log`. The
/// renderers' lookup cannot throw, so the first failure is kept and thrown afterwards: a
/// timeline's commits all come from this repository's first-parent history (walked now
/// or by a cached run), so a failing lookup is a damaged repository, not a detail to
/// leave blank.
final class CommitLookup {
    private let repository: Repository
    private var failure: GitError?

    init(_ repository: Repository) { self.repository = repository }

    func details(_ hex: String) -> HistoryRenderer.CommitDetails? {
        guard failure == nil, let id = ObjectID(hex: hex) else { return nil }
        do throws(GitError) {
            let commit = try repository.commit(id)
            return .init(shortID: id.short, author: commit.author.name, subject: commit.summary)
        } catch {
            failure = error
            return nil
        }
    }

    /// `text` rendered with this lookup, or the lookup's first failure.
    func rendering(_ render: (_ lookup: (String) -> HistoryRenderer.CommitDetails?) -> String) throws -> String {
        let text = render(details)
        if let failure { throw failure }
        return text
    }
}
