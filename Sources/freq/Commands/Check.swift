import ArgumentParser
import Foundation
import FreqGit
import FreqKit

/// `freq check --base REV`: `validate` plus what a pull request may change.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the working tree, and what it changes relative to a base revision.",
        discussion: """
            Runs `freq validate` on the working tree, then compares the registry with the one at
            the merge base of REV and HEAD (what a pull request against REV changes):
            \(ruleList)

            Errors in files the pull request does not change (the same bytes as at the merge
            base) are reported as warnings: someone else's broken file never blocks a change.

            Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage,
            configuration or repository error.
            """)

    /// The pull-request rules, from the one list of rules.
    private static var ruleList: String {
        let width = FreqKit.Rules.pullRequest.map { $0.id.count }.max() ?? 0
        return FreqKit.Rules.pullRequest.map { rule in
            let warning = rule.defaultSeverity == .warning ? "(warning) " : ""
            return "  " + rule.id.padded(to: width) + "  " + warning + rule.summary
        }.joined(separator: "\n")
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The branch the pull request targets (e.g. origin/main).", valueName: "REV"))
    var base: String

    @Flag(help: "Allow requests to be deleted (no request-deleted finding).")
    var allowDelete = false

    @Option(help: "Output format: text (for people), json (for programs), github (workflow annotations).")
    var format: DiagnosticRenderer.Format = .text

    @Flag(help: "Treat warnings as failures (exit 1).")
    var strict = false

    @Flag(help: "Read every file, not the review cache in .git/freq/ (the answer is the same).")
    var noCache = false

    func run() throws {
        let workspace = try Workspace.open(global)
        let root = try workspace.requireWorkingTree()
        let repository = workspace.repository
        let (tip, head) = (try repository.resolveCommit(base), try repository.head())
        // As CI compares a branch with its target: from where the branch left it.
        let mergeBase = try repository.mergeBase(tip, head)
        // The rules of what a pull request may do come from its target, so a pull request
        // cannot loosen them for itself; the files are validated with its own schema.
        let committed = try workspace.committedConfig(at: mergeBase, options: global)
        let rulesConfig = committed ?? workspace.config
        // Only a base with a configuration of its own can tell that this one changed it.
        let configuration = try committed.map { try configurationFiles(at: mergeBase, root: root, committed: $0, workspace) }
        let (change, headReport) = noCache
            ? try readingEverything(workspace, rulesConfig: rulesConfig, tip: tip, head: head, mergeBase: mergeBase, configuration: configuration ?? [], root: root)
            : try readingChanges(workspace, rulesConfig: rulesConfig, tip: tip, head: head, mergeBase: mergeBase, configuration: configuration ?? [], root: root)
        let report = PullRequestCheck.run(head: headReport, change: change)
        try Findings.finish(report, format: format, strict: strict, paths: workspace.paths)
    }

    /// Both registries read in full (`--no-cache`).
    private func readingEverything(
        _ workspace: Workspace, rulesConfig: RegistryConfig, tip: ObjectID, head: ObjectID, mergeBase: ObjectID,
        configuration: [PullRequestChange.ConfigurationFile], root: String
    ) throws -> (PullRequestChange, ValidationReport) {
        let working = try workspace.workingSnapshot(selecting: rulesConfig)
        let baseSnapshot = try workspace.snapshot(at: mergeBase, selecting: rulesConfig)
        workspace.warnIfNoRequests(working, baseSnapshot)
        let target = tip == mergeBase ? nil : PullRequestChange.Target(name: base, snapshot: try workspace.snapshot(at: tip, selecting: rulesConfig))
        let steps = try PullRequestSteps.read(
            workspace, head: head, mergeBase: mergeBase, selecting: rulesConfig,
            changes: { try workspace.repository.changes(from: $0, to: $1, prefix: $2) }
        ) {
            let committed = try workspace.snapshot(at: head, selecting: rulesConfig)
            let uncommitted = working.pathsDiffering(from: committed)
            return (committed.only(uncommitted), working.only(uncommitted))
        }
        let change = PullRequestChange(
            base: baseSnapshot, head: working, config: rulesConfig, allowDelete: allowDelete,
            configurationFiles: configuration, baseName: mergeBase.short, steps: steps,
            target: target, issueForm: try issueForm(root: root, workspace))
        return (change, try workspace.validator().validate(working))
    }

    /// The registries as outlines (`ReviewReader`): only the files that differ, and those
    /// sharing an id with them, are read in full; the working tree is validated through
    /// its cache, as `validate` does.
    private func readingChanges(
        _ workspace: Workspace, rulesConfig: RegistryConfig, tip: ObjectID, head: ObjectID, mergeBase: ObjectID,
        configuration: [PullRequestChange.ConfigurationFile], root: String
    ) throws -> (PullRequestChange, ValidationReport) {
        let reader = try ReviewReader(workspace, rules: rulesConfig, cached: true)
        // The working tree is validated through its cache, as `validate` does, when the
        // base's configuration selects the same files; its listing then serves both. The
        // base's outline is read meanwhile on the other core (`validate` leaves it idle
        // half the time): git objects and the review cache there, the working tree's files
        // here, which asks git for nothing but the repository's path.
        let sameSelection = rulesConfig.requests == workspace.config.requests && rulesConfig.exclude == workspace.config.exclude
        let (baseOutline, registry) = try SideBySide.run(
            { try reader.outline(at: mergeBase) },
            { sameSelection ? try workspace.workingRegistry(needs: .findings) : nil })
        let working = try reader.workingOutline(listed: registry?.listing)
        workspace.warnIfNoRequests(fileCount: baseOutline.files.count + working.outline.files.count)
        let comparison = try RegistryOutline.compare(
            base: baseOutline, head: working.outline, config: workspace.config,
            readBase: { try reader.files($0, of: baseOutline) }, readHead: { try reader.workingFiles($0, of: working) })
        let target = tip == mergeBase ? nil : PullRequestChange.Target(name: base, outline: try reader.outline(at: tip))
        let steps = try PullRequestSteps.read(
            workspace, head: head, mergeBase: mergeBase, selecting: rulesConfig, changes: reader.treeChanges
        ) {
            // The branch's tip differs from the merge base only where its commits changed
            // files: those paths and the ones the comparison found are all that is looked at.
            let (uncommitted, committed) = RegistryOutline.uncommitted(
                base: baseOutline, changes: try reader.changes(at: head, from: mergeBase), changedFromBase: comparison.changed,
                working: working.outline)
            return (
                RegistrySnapshot(files: try reader.files(uncommitted, of: committed), config: workspace.config),
                RegistrySnapshot(files: try reader.workingFiles(uncommitted, of: working), config: workspace.config))
        }
        let change = PullRequestChange(
            base: comparison.base, head: comparison.head, config: rulesConfig, allowDelete: allowDelete,
            configurationFiles: configuration, baseName: mergeBase.short, steps: steps,
            target: target, issueForm: try issueForm(root: root, workspace),
            unread: PullRequestChange.Unread(headPaths: working.outline.files.map(\.path)) { baseOutline.titlesByID })
        reader.finish()
        let report = try registry?.validationReport() ?? workspace.validator().validate(try workspace.workingSnapshot(selecting: rulesConfig))
        return (change, report)
    }

    /// The issue form in the working tree and what the schema generates; nil when the
    /// registry has no form (it is optional).
    private func issueForm(root: String, _ workspace: Workspace) throws -> PullRequestChange.IssueFormFile? {
        try InsideRepository.check(IssueForm.path, root: root, what: "the issue form")
        guard let data = FileManager.default.contents(atPath: root + IssueForm.path) else { return nil }
        return PullRequestChange.IssueFormFile(
            path: IssueForm.path, current: [UInt8](data),
            generated: IssueForm.render(config: workspace.config, schema: workspace.schema))
    }

    /// registry.yml and the schema files, at the merge base and in the working tree; the
    /// working tree's configuration first (a change is reported on it).
    private func configurationFiles(
        at commit: ObjectID, root: String, committed: RegistryConfig, _ workspace: Workspace
    ) throws -> [PullRequestChange.ConfigurationFile] {
        var paths = [workspace.config.sourcePath]
        let schemas: [String?] = [committed.frontMatterSchema, workspace.config.frontMatterSchema]
        for case let path? in schemas where !paths.contains(path) {
            paths.append(path)
        }
        // The other files of the schema's folder that it refers to change it as much.
        for path in workspace.schema?.files ?? [] where !paths.contains(path) {
            paths.append(path)
        }
        return try paths.map { path in
            PullRequestChange.ConfigurationFile(
                path: path, base: try workspace.repository.fileBytes(at: path, in: commit),
                head: FileManager.default.contents(atPath: root + path).map { [UInt8]($0) })
        }
    }
}
