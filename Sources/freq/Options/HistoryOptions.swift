import ArgumentParser
import FreqGit
import FreqKit

/// Options of every command that reads the history.
struct HistoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The revision whose first-parent history is read (default: HEAD).", valueName: "REV"))
    var rev = "HEAD"

    @Flag(help: "Neither read nor write the history cache (.git/freq/).")
    var noCache = false
}

/// A history walk of a workspace, with its engine kept for follow-up reads.
struct LoadedHistory {
    let walk: HistoryWalk
    let engine: HistoryEngine<GitHistorySource>
    let tip: ObjectID

    /// Walks (or resumes from the cache) the history ending at `--rev`. A glob that never
    /// matched is an error; a shallow clone is said on stderr.
    static func load(_ workspace: Workspace, _ options: HistoryOptions) throws -> LoadedHistory {
        let repository = workspace.repository
        let tip = try repository.resolveCommit(options.rev)
        let engine = try HistoryEngine(source: GitHistorySource(repository: repository), config: workspace.config)
        let cache = HistoryCache(folder: repository.gitDirectory + "freq/")
        let cached = options.noCache ? nil : cache.load(fingerprint: engine.fingerprint)
        let walk: HistoryWalk
        do {
            walk = try engine.run(tip: tip, resumingFrom: cached)
        } catch let error as GitError where cached != nil && error.kind == .notFound {
            // A cache naming objects this repository lacks (damaged, or copied from
            // another clone) is ignored like any unusable cache: walk from the start.
            walk = try engine.run(tip: tip)
        }
        if !options.noCache && cached?.commit != walk.state.commit {
            // Written while the answer is rendered; the entry point waits for it.
            let state = walk.state
            Background.run { cache.store(state) }
        }
        if walk.requestCount == 0 && walk.unreadable == 0 {
            throw ConfigError(
                path: workspace.config.sourcePath, location: workspace.config.locations["requests"],
                message: "the glob `\(workspace.config.requests)` matches no file in the history of `\(options.rev)`")
        }
        if walk.shallow {
            Console.warning("this is a shallow clone: requests present at its oldest commit count as received there")
        }
        return LoadedHistory(walk: walk, engine: engine, tip: tip)
    }

    /// Every timeline with its front matter at REV (or at its last snapshot), for
    /// `stats --by`; the blobs are those the cache names, so a missing one means the cache
    /// was unusable after all: walk again without it.
    func historyWithFields() throws -> History {
        do {
            return try engine.attachFields(to: walk.history(), state: walk.state)
        } catch let error as GitError where error.kind == .notFound && walk.state.isResumed {
            let fresh = try engine.run(tip: tip)
            return try engine.attachFields(to: fresh.history(), state: fresh.state)
        }
    }
}
