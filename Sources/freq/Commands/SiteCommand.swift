import ArgumentParser
import FreqKit
import FreqSite

/// `freq site OUT_DIR`: the registry as a static website for people who don't use git.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build the registry's website: a board, a page per request and per customer, a dashboard and a changelog.",
        discussion: """
            The site shows the registry as committed at --rev (default HEAD) and its history:
            static files that work from disk (file://), under any sub-path of a web server and
            offline; nothing is loaded from another host. The same revision always gives the
            same bytes. Only files whose content changed are written, each atomically; files
            freq did not write are never overwritten or removed. `site:` in registry.yml sets
            the title, the link to each file on the git host and the statuses the changelog
            calls shipped (docs/site.md).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Argument(help: ArgumentHelp("The folder to write the site into (created when missing).", valueName: "OUT_DIR"))
    var output: String

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let loaded = try LoadedHistory.load(workspace, historyOptions)
        let snapshot = try workspace.snapshot(at: loaded.tip)
        let (records, unreadable) = RequestRecord.records(of: snapshot, config: workspace.config)
        for path in unreadable {
            Console.warning("`\(path)` cannot be read as a request; left out of the site (`freq validate` says why)")
        }
        let history = try loaded.historyWithFields(credits: true, present: records)
        let files = Site.build(SiteInput(config: workspace.config, records: records, history: history))
        let start = try Workspace.startingFolder(global)
        let folder = output.hasPrefix("/") ? output : start + "/" + output
        let summary = try SiteWriter.write(files, into: folder, display: output)
        for path in summary.keptChanged {
            Console.warning("`\(path)` was written by an earlier build and changed since; left as it is")
        }
        Console.out("wrote \(summary.written) of \(files.count) files into \(output) (\(summary.unchanged) unchanged, \(summary.removed) removed); open \(output.hasSuffix("/") ? output : output + "/")index.html\n")
    }
}
