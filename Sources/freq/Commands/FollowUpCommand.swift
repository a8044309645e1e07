import ArgumentParser
import FreqGit
import FreqKit

/// `freq follow-up --since REV|DAY`: whom to tell what after decisions landed.
struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow-up",
        abstract: "After decisions land: one entry per customer to tell, with each request that moved, from what to what, why and their ticket.",
        discussion: """
            --since takes a revision (the commit the last follow-up was made at, e.g. the
            commit before a push): the moves that landed on the mainline after it; or a
            day, YYYY-MM-DD (UTC): the moves that landed from that day on. Markdown pastes into a
            helpdesk; JSON and CSV feed a bot. freq itself never sends anything.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(help: ArgumentHelp("Changes after this revision or day (YYYY-MM-DD).", valueName: "REV|DAY"))
    var since: String

    @Option(help: "Output format: text, markdown, json or csv.")
    var format: FollowUpRenderer.Format = .text

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let registry = try CurrentRegistry.load(workspace)
        let timelines = try CustomerTimelines.load(workspace, historyOptions)
        let entries = FollowUp.entries(registry.records, timelines: timelines, after: try after(workspace), config: workspace.config)
        Console.out(FollowUpRenderer.render(entries, format: format))
    }

    /// Which mainline points come after --since: for a revision on the first-parent chain
    /// of --rev, the commits after it on that chain (two commits in one second stay
    /// apart); for a day or another revision, a later committer time.
    private func after(_ workspace: Workspace) throws -> (HistoryPoint) -> Bool {
        let time = try sinceTime(workspace)
        guard UTCTime.parseDay(since) == nil else { return { $0.time > time } }
        let repository = workspace.repository
        let (since, tip) = (try repository.resolveCommit(self.since), try repository.resolveCommit(historyOptions.rev))
        let chain = try repository.firstParentChain(from: tip, stoppingAt: since)
        guard chain.reachedStop else { return { $0.time > time } }
        let later = Set(chain.commits.map(\.id.hex))
        return { later.contains($0.commit) }
    }

    /// A day's first second, or the committer time of a revision.
    private func sinceTime(_ workspace: Workspace) throws -> Int64 {
        if let day = UTCTime.parseDay(since) { return day - 1 }
        let revision: ObjectID
        do {
            revision = try workspace.repository.resolveCommit(since)
        } catch {
            guard error.kind == .notFound || error.kind == .invalidSpec else { throw error }
            throw ToolFailure("--since `\(since)` is neither a day written YYYY-MM-DD nor a revision: \(error.message)")
        }
        return try workspace.repository.commit(revision).committer.time
    }
}

extension FollowUpRenderer.Format: ExpressibleByArgument {}
