import ArgumentParser
import Foundation
import FreqKit

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Write the catalogue of requests (requests/README.md), grouped by status, for browsing on the git host.",
        discussion: """
            The catalogue is README.md in the fixed folder of the `requests` glob;
            the configuration must `exclude` it. Its content depends only on the
            requests (no dates that change with the clock), so CI can run
            `freq index --check`: exit 0 when the catalogue is up to date, 1 with a
            diff when it is not.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Write nothing; exit 1 and print a diff when the catalogue is out of date.")
    var check = false

    func run() throws {
        let workspace = try Workspace.open(global)
        let path = try CatalogueRenderer.path(for: workspace.config)
        let folder = String(path.dropLast(CatalogueRenderer.fileName.count))
        // The files first, without their records: when they are exactly those the catalogue
        // was last rendered from, the catalogue file's bytes alone tell it is up to date.
        let files = try workspace.workingRegistry(needs: [])
        CurrentRegistry.warnAboutUnreadable(files.unreadablePaths)
        let root = try workspace.requireWorkingTree()
        try InsideRepository.check(path, root: root, what: "the catalogue")
        let fullPath = root + path
        let currentBytes = FileManager.default.contents(atPath: fullPath).map { [UInt8]($0) }
        if let currentBytes, files.catalogueIsKnownCurrent(currentBytes, folder: folder) {
            Console.out(check ? "`\(path)` is up to date\n" : "`\(path)` is up to date (\(files.requestPaths.count) requests)\n")
            return
        }
        // After an edit: the rows of the files that did not change, as last rendered.
        let generated: String
        let count: Int
        if let remembered = files.catalogueEntries(folder: folder) {
            generated = CatalogueRenderer.markdown(remembered, config: workspace.config)
            count = remembered.count
            files.rememberCatalogue(Array(generated.utf8), entries: remembered, folder: folder)
        } else {
            let registry = try CurrentRegistry.load(workspace, warning: false)
            let entries = registry.records.map { CatalogueRenderer.Entry($0, folder: folder) }
            generated = CatalogueRenderer.markdown(entries, config: workspace.config)
            count = entries.count
            // Only for records of the files as hashed: a fallback read may have seen others.
            if registry.fromCache { registry.registry.rememberCatalogue(Array(generated.utf8), entries: entries, folder: folder) }
        }
        let current = currentBytes.map { String(decoding: $0, as: UTF8.self) }

        if check {
            guard current != generated else {
                Console.out("`\(path)` is up to date\n")
                return
            }
            if current == nil {
                Console.err("`\(path)` does not exist; run `freq index` to write it\n")
            } else {
                Console.err("`\(path)` is out of date; run `freq index` to rewrite it\n")
            }
            Console.out(LineDiff.unified(old: current ?? "", new: generated, oldName: path, newName: path + " (freq index)"))
            throw ExitCode(1)
        }
        guard current != generated else {
            Console.out("`\(path)` is up to date (\(count) requests)\n")
            return
        }
        // A new registry has no requests folder yet.
        try FileManager.default.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Array(generated.utf8), to: fullPath)
        } catch {
            // The catalogue's path as configured (not relative to the current folder).
            throw ToolFailure("cannot write `\(path)`: \(error.reason ?? error.message)")
        }
        Console.out("wrote `\(path)` (\(count) requests)\n")
    }
}
