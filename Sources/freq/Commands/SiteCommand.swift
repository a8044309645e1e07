import Foundation
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

    func validate() throws {
        if output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("the folder to write the site into (OUT_DIR) is empty: name one, e.g. `freq site site`")
        }
    }

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
        try Self.refuseRegistryFolder(folder, output: output, workspace: workspace, requests: records.map(\.path))
        let summary = try SiteWriter.write(files, into: folder, display: output)
        for path in summary.keptChanged {
            Console.warning("`\(path)` was written by an earlier build and changed since; left as it is")
        }
        Console.out("wrote \(summary.written) of \(files.count) files into \(output) (\(summary.unchanged) unchanged, \(summary.removed) removed); open \(output.hasSuffix("/") ? output : output + "/")index.html\n")
    }
}

extension SiteCommand {
    /// The site goes into a folder of its own: never the repository's root, nor a folder
    /// holding requests (its `requests/*.html` would sit among the request files).
    static func refuseRegistryFolder(_ folder: String, output: String, workspace: Workspace, requests: [String]) throws {
        guard let root = try? workspace.requireWorkingTree() else { return }
        let target = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        let top = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        let folders = Set(requests.map { Workspace.folder(of: $0) })
        let holdsRequests = folders.contains { folder in
            let relative = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            let path = relative.isEmpty ? top : top + "/" + relative
            return path == target || path.hasPrefix(target + "/")
        }
        if target == top || holdsRequests {
            throw ToolFailure("`\(output)` holds the repository's requests; write the site into a folder of its own, e.g. `freq site site` (and ignore it in .gitignore) or a folder outside the repository")
        }
    }
}
