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
            merge base of a pull request) or a day, YYYY-MM-DD (UTC). Markdown pastes into a
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
        let entries = FollowUp.entries(registry.records, timelines: timelines, since: try sinceTime(workspace), config: workspace.config)
        Console.out(FollowUpRenderer.render(entries, format: format))
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
