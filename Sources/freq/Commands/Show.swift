import ArgumentParser
import Foundation
import FreqGit
import FreqKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One request: its fields, its customers and their total ARR, its text and latest history.",
        discussion: """
            Reads the request from the working tree (uncommitted edits included) and
            its timeline from the history of REV; `freq log ID` shows all of it.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Argument(help: "The request's id, e.g. FR-0042.", completion: RegistryCompletions.ids)
    var id: String

    @Option(help: "Output format: text or json (the `freq list` object, with `body` and `history`).")
    var format: TextOrJSON = .text

    @OptionGroup var asOf: AsOfOption

    func run() throws {
        let workspace = try Workspace.open(global)
        let record = try CurrentRegistry.request(id, in: workspace)
        let id = record.id
        let timeline = try loadTimeline(workspace, id: id)
        switch format {
        case .json:
            let now = asOf.now
            Console.out(RequestShowRenderer.json(record, asOf: now, timeline: timeline))
        case .text:
            Console.out(RequestShowRenderer.text(record, names: workspace.config.fields, timeline: timeline))
        }
    }

    /// The request's timeline; nil when it is not in the history yet: no commit at all,
    /// no request committed yet, or this one not committed yet.
    private func loadTimeline(_ workspace: Workspace, id: String) throws -> RequestTimeline? {
        do {
            // No request committed yet is no news here: the timeline is simply absent.
            let loaded = try LoadedHistory.load(workspace, historyOptions, warnIfEmpty: false)
            return loaded.walk.timeline(id: id)
        } catch let error as GitError where error.kind == .unbornHead {
            return nil
        } catch let shallow as ShallowHistory where !historyOptions.allowShallow {
            // The request itself is in the working tree: show it, without a history.
            Console.warning("no timeline: \(shallow.description)")
            return nil
        }
    }
}
