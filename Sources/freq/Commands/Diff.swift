import ArgumentParser
import FreqGit
import FreqKit

/// `freq diff BASE..HEAD`: what a pull request changes in the registry, request by request.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a range of commits changes in the registry, request by request.",
        discussion: """
            BASE..HEAD compares the registry at BASE with the registry at HEAD; BASE...HEAD
            compares it from the merge base of the two, as a pull request shows it (use this
            one for a branch: `freq diff origin/main...HEAD`). A single revision is refused:
            freq diff compares two commits, never the working tree.

            For each request: added (title, status, key fields, customers), removed, renamed,
            status moved (and whether the workflow allows it), customers added or removed,
            other fields changed, and the description's changed lines. When a status moves,
            the commit that moved it (on HEAD's first-parent chain; for a merge, the branch
            commit that made the change) and the customers to tell, with their tickets.

            --format markdown writes a pull-request comment; --format json a stable contract
            for bots. The configuration is the working tree's (or --config FILE).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text (for people), markdown (a pull-request comment), json (for programs).")
    var format: RegistryDiffRenderer.Format = .text

    @Argument(help: ArgumentHelp("The commits to compare: BASE..HEAD or BASE...HEAD.", valueName: "RANGE"))
    var range: String

    @Flag(help: "Read every file, not the review cache in .git/freq/ (the answer is the same).")
    var noCache = false

    func validate() throws {
        // Refused before opening anything, so the mistake is named as a usage error.
        guard range.contains("..") else {
            throw ValidationError("`\(range)` is not a range; write BASE..HEAD (or BASE...HEAD, from the merge base)")
        }
    }

    func run() throws {
        let workspace = try Workspace.open(global)
        let resolved = try workspace.repository.resolveRange(range)
        var diff: RegistryDiff
        if noCache {
            diff = RegistryDiff.compare(
                base: try workspace.snapshot(at: resolved.base), head: try workspace.snapshot(at: resolved.head),
                config: workspace.config)
        } else {
            // Only the files that differ, and those sharing an id with them, are read in full:
            // the diff of an id no changed file holds is empty.
            let reader = try ReviewReader(workspace, rules: workspace.config, cached: true)
            let base = try reader.outline(at: resolved.base)
            let head = try reader.outline(at: resolved.head, from: resolved.base, base)
            let comparison = try RegistryOutline.compare(
                base: base, head: head, config: workspace.config,
                readBase: { try reader.files($0, of: base) }, readHead: { try reader.files($0, of: head) })
            reader.finish()
            // The head paths the comparison asks about are those of the files it read.
            diff = RegistryDiff.compare(base: comparison.base, head: comparison.head, config: workspace.config)
        }
        try StatusMoveCredit.attach(
            to: &diff, base: resolved.base, head: resolved.head, config: workspace.config,
            source: try GitHistorySource(repository: workspace.repository))
        Console.out(RegistryDiffRenderer.render(diff, format: format, base: resolved.base.hex, head: resolved.head.hex))
    }
}

extension RegistryDiffRenderer.Format: ExpressibleByArgument {}
