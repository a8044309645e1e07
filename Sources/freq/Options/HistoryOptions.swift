import ArgumentParser
import FreqGit
import FreqKit

/// Options of every command that reads the history.
struct HistoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The revision whose first-parent history is read.", valueName: "REV"))
    var rev = "HEAD"

    @Flag(help: "Neither read nor write the history cache (.git/freq/).")
    var noCache = false

    @Flag(help: "Count from a shallow clone's oldest commit instead of refusing (its numbers are then wrong).")
    var allowShallow = false
}

/// A shallow clone lacks the history the figures come from: refused unless asked for.
struct ShallowHistory: Error, CustomStringConvertible {
    var description: String {
        "this is a shallow clone, so the history (and every figure from it) is cut short; fetch all of it "
            + "(`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout), or pass --allow-shallow"
    }
}

/// A history walk of a workspace, with its engine kept for follow-up reads.
struct LoadedHistory {
    let walk: HistoryWalk
    let engine: HistoryEngine<GitHistorySource>
    let tip: ObjectID

    /// Walks (or resumes from the cache) the history ending at `--rev`. A glob that never
    /// matched is said on stderr (an empty history is a true answer, the glob may be a
    /// typo); a shallow clone is refused unless `--allow-shallow`.
    static func load(_ workspace: Workspace, _ options: HistoryOptions, warnIfEmpty: Bool = true) throws -> LoadedHistory {
        let repository = workspace.repository
        let tip = try repository.resolveCommit(options.rev)
        let engine = try HistoryEngine(source: GitHistorySource(repository: repository), config: workspace.config)
        let cache = HistoryCache(folder: repository.gitDirectory + "freq/")
        let cached = options.noCache ? nil : cache.load(fingerprint: engine.fingerprint)
        let walk = try ignoringStaleCache(
            resumed: cached != nil, { try engine.run(tip: tip, resumingFrom: cached) },
            withoutCache: { try engine.run(tip: tip) })
        if !options.noCache && cached?.commit != walk.state.commit {
            // Written while the answer is rendered; the entry point waits for it.
            let state = walk.state
            // A cache that cannot be written makes every run a cold walk: say why, once.
            let folder = repository.gitDirectory + "freq/"
            Background.run {
                if !cache.store(state) {
                    Console.warning("cannot write the history cache in `\(folder)` (read-only or full?); every run reads the whole history again")
                }
            }
        }
        let replacements = try repository.replacementCount()
        if replacements > 0 {
            // libgit2 reads the objects as stored; git log shows the replacements.
            Console.warning(
                "this repository has \(replacements) replacement\(replacements == 1 ? "" : "s") (`git replace`, refs/replace/), "
                    + "which freq does not apply: the history is read from the original commits, as "
                    + "`git --no-replace-objects log` shows it")
        }
        if walk.shallow {
            guard options.allowShallow else { throw ShallowHistory() }
            Console.warning("this is a shallow clone: requests present at its oldest commit count as received there")
        }
        if warnIfEmpty, walk.requestCount == 0, walk.unreadable == 0 {
            Console.warning("the glob `\(workspace.config.requests)` matches no file in the history of `\(options.rev)`")
        }
        return LoadedHistory(walk: walk, engine: engine, tip: tip)
    }

    /// Every timeline with its front matter at REV (or at its last snapshot), for
    /// `stats --by` (without the credits the statistics do not read) and `site`. The blobs are those
    /// the cache names.
    func historyWithFields(credits: Bool = false) throws -> History {
        try historyWithFields(credits: credits, present: [])
    }

    /// The same, taking the front matter of the requests present at REV from `present`
    /// (read at REV already), so that only removed requests' blobs are read again.
    func historyWithFields(credits: Bool, present: [RequestRecord]) throws -> History {
        guard !present.isEmpty else { return try readingFields(credits: credits) }
        var fieldsByID: [String: JSONValue] = [:]
        for record in present where fieldsByID[record.id] == nil { fieldsByID[record.id] = record.fields }
        var history = walk.history(credits: credits)
        var missing = history
        missing.requests = []
        for (index, timeline) in history.requests.enumerated() {
            if timeline.isPresent, let fields = fieldsByID[timeline.id] {
                history.requests[index].fields = fields
            } else {
                missing.requests.append(timeline)
            }
        }
        guard !missing.requests.isEmpty else { return history }
        let attached = try Self.ignoringStaleCache(
            resumed: walk.state.isResumed, { try engine.attachFields(to: missing, state: walk.state) },
            withoutCache: { try readingFields(credits: credits) })
        var byID: [String: JSONValue] = [:]
        for timeline in attached.requests { byID[timeline.id] = timeline.fields }
        for index in history.requests.indices where byID[history.requests[index].id] != nil {
            history.requests[index].fields = byID[history.requests[index].id] ?? history.requests[index].fields
        }
        return history
    }

    private func readingFields(credits: Bool) throws -> History {
        try Self.ignoringStaleCache(
            resumed: walk.state.isResumed, { try engine.attachFields(to: walk.history(credits: credits), state: walk.state) },
            withoutCache: {
                let fresh = try engine.run(tip: tip)
                return try engine.attachFields(to: fresh.history(credits: credits), state: fresh.state)
            })
    }

    /// `attempt`, or `withoutCache` when it fails on an object the cache named but the
    /// repository lacks (a damaged cache, or one copied from another clone): such a cache
    /// is ignored like any unusable one.
    private static func ignoringStaleCache<Value>(
        resumed: Bool, _ attempt: () throws -> Value, withoutCache: () throws -> Value
    ) throws -> Value {
        do {
            return try attempt()
        } catch let error as GitError where resumed && error.kind == .notFound {
            return try withoutCache()
        }
    }
}
