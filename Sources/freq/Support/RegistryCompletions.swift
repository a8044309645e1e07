import ArgumentParser
import Foundation
import FreqGit
import FreqKit

/// Shell completion of ids, statuses and areas from the registry the shell is in. The
/// shell asks freq (`freq ---completion move -- positional@0 ...`) at every TAB, so this
/// is quick and silent: nothing on stderr, and no candidates (never an error) outside a
/// registry or in a broken one.
enum RegistryCompletions {
    /// The ids of the requests in the working tree.
    static let ids = CompletionKind.custom { arguments, _, prefix in
        matching(prefix, registry(arguments).map { registry in
            let files = WorkingTree.requestFiles(
                root: registry.root, selector: registry.selector, sizeLimit: FrontMatterLimits.default.maxFileBytes)
            return RegistrySnapshot(files: files, config: registry.config).ids.sorted()
        })
    }

    /// The statuses of the workflow, in its order.
    static let statuses = CompletionKind.custom { arguments, _, prefix in
        matching(prefix, registry(arguments)?.config.statuses)
    }

    /// The areas the schema allows.
    static let areas = CompletionKind.custom { arguments, _, prefix in
        matching(prefix, registry(arguments).flatMap { registry in
            guard let path = registry.config.frontMatterSchema,
                (try? InsideRepository.check(path, root: registry.root, what: "the schema")) != nil,
                let bytes = FileManager.default.contents(atPath: registry.root + path),
                let document = try? JSONParser.parse([UInt8](bytes)),
                // The choices may be in another file of the schema's folder (read the same way).
                let schema = try? JSONSchema(document: document, path: path, read: { other in
                    guard (try? InsideRepository.check(other, root: registry.root, what: "the schema")) != nil else { return nil }
                    return FileManager.default.contents(atPath: registry.root + other).map { [UInt8]($0) }
                })
            else { return nil }
            return schema.enumValues(forProperty: registry.config.fields.area)?.compactMap(\.stringValue)
        })
    }

    private static func matching(_ prefix: String, _ candidates: [String]?) -> [String] {
        (candidates ?? []).filter { $0.hasPrefix(prefix) }
    }

    private struct Registry {
        let root: String
        let config: RegistryConfig
        let selector: RequestSelector
    }

    /// The registry of `-C DIR` (when the command line being completed has one) or of the
    /// current folder, with `--config FILE` when given; nil when there is none.
    private static func registry(_ arguments: [String]) -> Registry? {
        let current = FileManager.default.currentDirectoryPath
        var start = current
        var configPath: String?
        for (index, argument) in arguments.enumerated() {
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if argument == "-C", let next { start = next.hasPrefix("/") ? next : current + "/" + next }
            if argument == "--config", let next { configPath = next }
            if argument.hasPrefix("--config=") { configPath = String(argument.dropFirst("--config=".count)) }
        }
        guard let repository = try? Repository.discover(from: start), let tree = repository.workingTreeRoot else { return nil }
        let root = tree.hasSuffix("/") ? tree : tree + "/"
        let path: String
        var schemaBase = "schema/"
        if let configPath {
            let absolute = configPath.hasPrefix("/") ? configPath : start + "/" + configPath
            guard let relative = Workspace.relativePath(absolute, to: root) else { return nil }
            path = relative
            schemaBase = Workspace.folder(of: relative)
        } else {
            path = "schema/registry.yml"
        }
        guard (try? InsideRepository.check(path, root: root, what: "the configuration")) != nil,
            let data = FileManager.default.contents(atPath: root + path),
            let config = try? RegistryConfig.parse(String(decoding: data, as: UTF8.self), displayPath: path, schemaBase: schemaBase),
            let selector = try? RequestSelector(config: config)
        else { return nil }
        return Registry(root: root, config: config, selector: selector)
    }
}
