import ArgumentParser
import Foundation
import FreqGit
import FreqKit

/// `freq init`: a working registry in an existing repository, in one command.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up a registry in this git repository: schema, template, catalogue, CI workflows, CONTRIBUTING.md.",
        discussion: """
            Writes schema/registry.yml, schema/request.schema.json, schema/template.md,
            the empty catalogue (requests/README.md for the features preset),
            .github/workflows/freq.yml (pull requests: check, and a comment with what
            they change), .github/workflows/catalogue.yml (the catalogue after each
            merge), .github/pull_request_template.md, for the features preset the issue
            form support fills in on the web (.github/ISSUE_TEMPLATE/feature-request.yml)
            and .github/workflows/issue-to-request.yml (an issue opened with it becomes a
            pull request), and a section for support and product at the end of
            CONTRIBUTING.md (created when there is none).

            Presets:
            \(RegistryPreset.allCases.map { "  \($0.rawValue.padded(to: 9)) \($0.summary)" }.joined(separator: "\n"))

            Never overwrites a file: when any of them exists (or CONTRIBUTING.md has
            the section already), lists them and writes nothing (exit 2). Each file is
            written atomically. The result passes `freq validate` and `freq check` at
            once.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("What the registry holds: features, eip or adr.", valueName: "PRESET"))
    var preset: RegistryPreset = .features

    @Option(
        help: ArgumentHelp(
            "The GitHub repository of freq's action and releases that the workflows use.",
            valueName: "OWNER/NAME"))
    var action: String = FreqRelease.repository

    func run() throws {
        guard global.config == nil else {
            throw ToolFailure("--config does not apply to `freq init`: it writes schema/registry.yml")
        }
        guard let source = StarterWorkflows.Source(repository: action, version: FreqVersion.string) else {
            throw ToolFailure("--action `\(action)` is not a GitHub repository written OWNER/NAME")
        }
        let start = try Workspace.startingFolder(global)
        let repository = try Repository.discover(from: start)
        guard let tree = repository.workingTreeRoot else {
            throw ToolFailure("`freq init` needs a working tree, and the repository is bare")
        }
        let root = tree.hasSuffix("/") ? tree : tree + "/"
        let contributing = try existingContributing(root: root)
        let starter = try RegistryStarter(
            preset: preset, source: source, branch: try mainBranch(repository), contributing: contributing)
        try refuseExisting(starter, root: root)
        try write(starter, root: root)
        say(starter, paths: PathDisplay(root: tree, start: start))
    }

    /// The first CONTRIBUTING.md GitHub would show, with its bytes; nil when there is none.
    private func existingContributing(root: String) throws -> (path: String, bytes: [UInt8])? {
        for path in RegistryStarter.contributingPaths {
            try InsideRepository.check(path, root: root, what: "CONTRIBUTING.md")
            var info = stat()
            guard lstat(root + path, &info) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: root + path) else {
                throw ToolFailure("`\(path)` is not a file freq can read; nothing was written")
            }
            return (path, [UInt8](data))
        }
        return nil
    }

    /// Every path is checked before anything is written: one that exists (even as a
    /// broken link) stops the run with the whole list, and nothing is written.
    private func refuseExisting(_ starter: RegistryStarter, root: String) throws {
        var existing: [String] = []
        for file in starter.files {
            try InsideRepository.check(file.path, root: root, what: "`freq init`'s file")
            if let original = file.original {
                if RegistryStarter.hasSection(original) { existing.append("\(file.path) (it already has the freq section)") }
                continue
            }
            var info = stat()
            if lstat(root + file.path, &info) == 0 {
                existing.append(file.path)
            } else if let blocking = fileInThePath(of: file.path, root: root), !existing.contains(blocking) {
                existing.append(blocking)
            }
        }
        guard !existing.isEmpty else { return }
        Console.error("these files exist already, and freq never overwrites one; nothing was written:")
        for path in existing { Console.err("  \(path)\n") }
        Console.err("move them away (or merge them by hand) and run `freq init` again\n")
        throw ExitCode(2)
    }

    /// The first folder of `path` that exists as something else than a folder (a file
    /// `schema` where `schema/` must go), said as such; nil when there is none.
    private func fileInThePath(of path: String, root: String) -> String? {
        var folder = ""
        for component in path.split(separator: "/").dropLast() {
            folder += component
            var info = stat()
            if lstat(root + folder, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                return "\(folder) (not a folder, and \(path) goes in it)"
            }
            folder += "/"
        }
        return nil
    }

    /// Writes the files in order; if one cannot be written, the ones written before it are
    /// removed again, so a failed run leaves the repository as it was.
    private func write(_ starter: RegistryStarter, root: String) throws {
        var created: [String] = []
        var folders: [String] = []
        do {
            for file in starter.files {
                if let original = file.original {
                    try AtomicFile.replace(root + file.path, expecting: original, with: file.bytes)
                } else {
                    folders += try makeFolders(Workspace.folder(of: file.path), root: root)
                    try AtomicFile.create(root + file.path, file.bytes)
                    created.append(root + file.path)
                }
            }
        } catch {
            for path in created.reversed() { unlink(path) }
            for folder in folders.reversed() { rmdir(folder) }
            throw error
        }
    }

    /// Creates the missing folders of `folder` (a repository path ending in `/`), returning
    /// the ones it created, deepest last.
    private func makeFolders(_ folder: String, root: String) throws -> [String] {
        var made: [String] = []
        var path = root
        for component in folder.split(separator: "/") {
            path += component + "/"
            var info = stat()
            if lstat(path, &info) == 0 { continue }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            made.append(path)
        }
        return made
    }

    /// The branch the catalogue job follows: main, else master when only it exists, else
    /// git's `init.defaultBranch`; only names that are safe to write into YAML and a shell.
    private func mainBranch(_ repository: Repository) throws -> String {
        let names = Set(try repository.referenceTips().map(\.name))
        if names.contains("refs/heads/main") { return "main" }
        if names.contains("refs/heads/master") { return "master" }
        let configured = try repository.configString("init.defaultBranch") ?? "main"
        let safe = !configured.isEmpty && !configured.hasPrefix("-")
            && configured.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._/-".contains($0)) }
        return safe ? configured : "main"
    }

    /// What was written, then what support and product do next.
    private func say(_ starter: RegistryStarter, paths: PathDisplay) {
        let texts = starter.preset.files
        var text = ""
        for file in starter.files {
            text += (file.original == nil ? "wrote " : "added the freq section to ") + "`\(paths.show(file.path))`\n"
        }
        let contributing = starter.files.last?.path ?? RegistryStarter.contributingPaths[0]
        text += """

            The registry is ready: `freq validate` checks it (no \(texts.noun) yet is fine).
            Commit it and push it to your main branch:
              git add schema \(starter.requestsFolder) .github \(contributing)
              git commit -m "Set up the \(texts.noun) registry with freq init"
            The workflows get freq from `\(action)@v\(FreqVersion.string)` (its action and release);
            `freq init --action OWNER/NAME` names another copy.


            """
        Console.out(text + texts.nextSteps)
    }
}

extension RegistryPreset: ExpressibleByArgument {}
