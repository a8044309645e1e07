import ArgumentParser
import Foundation
import FreqKit
import FreqPaths

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every request against the JSON Schema and the registry rules.",
        discussion: """
            With PATH arguments, reports only on those files (the cross-file rules, such as
            unique ids, still look at the whole registry): for editors and pre-commit hooks.

            Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage or
            configuration error. `freq rules` lists every rule and its severity.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text (for people), json (for programs), github (workflow annotations).")
    var format: DiagnosticRenderer.Format = .text

    @Flag(help: "Treat warnings as failures (exit 1).")
    var strict = false

    @Argument(help: ArgumentHelp("Request files to check (default: the whole registry).", valueName: "PATH"))
    var paths: [String] = []

    func run() throws {
        let workspace = try Workspace.open(global)
        let registry = try workspace.workingRegistry(needs: .findings)
        workspace.warnIfNoRequests(fileCount: registry.fileCount)
        var report = try registry.validationReport() ?? workspace.validator().validate(workspace.workingSnapshot())
        if !paths.isEmpty {
            report = report.restricted(to: try selectedPaths(root: try workspace.requireWorkingTree(), selector: RequestSelector(config: workspace.config)))
        }
        try Findings.finish(report, format: format, strict: strict, paths: workspace.paths)
    }

    /// The PATH arguments as repository paths; a missing file is a usage error, a file
    /// that is not a request a warning.
    private func selectedPaths(root: String, selector: RequestSelector) throws -> Set<ByteKey> {
        let start = try Workspace.startingFolder(global)
        var selected = Set<ByteKey>()
        for path in paths {
            let absolute = URL(fileURLWithPath: path.hasPrefix("/") ? path : start + "/" + path).standardizedFileURL.path
            var info = stat()
            guard lstat(PathBytes.cString(absolute), &info) == 0 else {
                throw ToolFailure("no such file: \(path)")
            }
            // Lexical first: a symlink argument names the link, which is what is checked.
            guard let relative = lexicalRelative(absolute, root) ?? Workspace.relativePath(absolute, to: root) else {
                throw ToolFailure("`\(path)` is outside the repository")
            }
            if selector.selects(relative) {
                selected.insert(ByteKey(relative))
            } else {
                Console.warning("`\(relative)` is not a request (it does not match `\(selector.include.pattern)`); skipped")
            }
        }
        return selected
    }

    /// For a symlink argument: its own path, not its target's.
    private func lexicalRelative(_ absolute: String, _ root: String) -> String? {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
        return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : nil
    }
}

extension DiagnosticRenderer.Format: ExpressibleByArgument {}
