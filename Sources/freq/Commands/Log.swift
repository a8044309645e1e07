import ArgumentParser
import FreqGit
import FreqKit

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "One request's timeline: when it was received and every status change, with who and why.",
        discussion: """
            Each entry is dated when it reached the mainline; its commit, author and subject
            are those of the commit that made the change: for a merged branch, the branch
            commit, not the merge.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Argument(help: "The request's id, e.g. FR-0042.", completion: RegistryCompletions.ids)
    var id: String

    @Option(help: "Output format: text or json (the request's object of `freq history --format json`).")
    var format: TextOrJSON = .text

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let loaded = try LoadedHistory.load(workspace, historyOptions)
        let ids = loaded.walk.ids()
        let id = RequestID.resolve(self.id, among: ids) ?? self.id
        guard let request = loaded.walk.timeline(id: id) else {
            // A request whose file is broken now is not missing: say where it is.
            if workspace.root != nil, let file = try workspace.workingSnapshot().unreadableFile(named: id, config: workspace.config) {
                throw ToolFailure(RegistrySnapshot.unreadableMessage(id, file))
            }
            let hint = Suggestion.nearest(to: id, among: ids).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("no request `\(id)` in the history of `\(historyOptions.rev)`\(hint)")
        }
        switch format {
        case .json: Console.out(HistoryRenderer.json(request))
        case .text: Console.out(HistoryRenderer.log(request))
        }
    }
}
