import ArgumentParser
import Foundation
import FreqGit
import FreqKit

/// `freq check --base REV`: `validate` plus what a pull request may change.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the working tree, and what it changes relative to a base revision.",
        discussion: """
            Runs `freq validate` on the working tree, then compares the registry with the one at
            the merge base of REV and HEAD (what a pull request against REV changes):
              status-transition     a status moves in a way status.transitions does not allow
              id-changed            a file that held one id now holds another
              request-deleted       a request disappeared (allowed with --allow-delete)
              one-request-per-file  a new file holds a second request
              similar-title         (warning) a new request's title is close to an existing one

            Errors in files the pull request does not change (the same bytes as at the merge
            base) are reported as warnings: someone else's broken file never blocks a change.

            Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage,
            configuration or repository error.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The branch the pull request targets (e.g. origin/main).", valueName: "REV"))
    var base: String

    @Flag(help: "Allow requests to be deleted (no request-deleted finding).")
    var allowDelete = false

    @Option(help: "Output format: text (for people), json (for programs), github (workflow annotations).")
    var format: DiagnosticRenderer.Format = .text

    @Flag(help: "Treat warnings as failures (exit 1).")
    var strict = false

    func run() throws {
        let workspace = try Workspace.open(global)
        let root = try workspace.requireWorkingTree()
        let repository = workspace.repository
        // As CI compares a branch with its target: from where the branch left it.
        let mergeBase = try repository.mergeBase(try repository.resolveCommit(base), try repository.head())

        // The rules of what a pull request may do come from its target, so a pull request
        // cannot loosen them for itself; the files are validated with its own schema.
        let committed = try workspace.committedConfig(at: mergeBase, options: global)
        let rulesConfig = committed ?? workspace.config
        let tree = try workspace.checkedTree(rules: rulesConfig)
        let (validator, headFiles) = (tree.validator, tree.files)
        let baseFiles = try GitSnapshot.requestFiles(
            in: repository, commit: mergeBase, selector: tree.selector, sizeLimit: validator.limits.maxFileBytes)
        if headFiles.isEmpty && baseFiles.isEmpty {
            throw ConfigError(
                path: workspace.config.sourcePath, location: workspace.config.locations["requests"],
                message: "the glob `\(workspace.config.requests)` matches no file")
        }
        let check = PullRequestCheck(config: rulesConfig, allowDelete: allowDelete)
        var report = check.run(
            head: tree.report, headFiles: headFiles,
            base: validator.validate(baseFiles), baseFiles: baseFiles)
        if let committed, try configurationChanged(since: mergeBase, in: repository, root: root, committed: committed, workspace: workspace) {
            report.diagnostics.insert(
                Diagnostic(
                    path: workspace.config.sourcePath, location: nil, severity: .warning, rule: "config-changed",
                    message: "this pull request changes the registry's configuration or schema; what it may do was judged by the rules of \(mergeBase.short)",
                    hint: "have product review the configuration change on its own"),
                at: 0)
        }
        try Findings.finish(report, format: format, strict: strict)
    }

    /// Whether registry.yml or the schema differs between the merge base and the working tree.
    private func configurationChanged(
        since commit: ObjectID, in repository: Repository, root: String, committed: RegistryConfig, workspace: Workspace
    ) throws -> Bool {
        for path in Set([workspace.config.sourcePath] + [committed.frontMatterSchema, workspace.config.frontMatterSchema].compactMap { $0 }) {
            let now = FileManager.default.contents(atPath: root + path).map { [UInt8]($0) }
            if now != (try repository.fileBytes(at: path, in: commit)) { return true }
        }
        return false
    }
}
