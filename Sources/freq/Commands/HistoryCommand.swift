import ArgumentParser
import FreqKit

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every request's timeline (received, status changes, removals) from the git history.",
        discussion: """
            Reads the first-parent chain of REV, oldest first: a change made on a branch counts
            when its merge lands, at the merge's committer time, and names (as its `change`)
            the branch commit that made it. `--format json` is a stable contract (see the
            README). Results are cached under .git/freq/; delete it at will.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let loaded = try LoadedHistory.load(workspace, historyOptions)
        switch format {
        case .text: Console.out(HistoryRenderer.text(loaded.walk))
        case .json: HistoryRenderer.json(loaded.walk) { Console.out(bytes: $0) }
        }
    }
}

enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
