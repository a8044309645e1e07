import Foundation
import FreqGit
import FreqKit

/// The repository and registry a command works on: the only place that wires the git
/// layer to the core.
struct Workspace {
    let repository: Repository
    /// The working tree's root, `/`-terminated; nil for a bare repository.
    let root: String?
    let config: RegistryConfig
    let schema: JSONSchema?
    /// The template's placeholders (loaded with the schema).
    let placeholders: TemplatePlaceholders?
    /// Paths as the person sees them from the folder freq was started in.
    let paths: PathDisplay
    /// The bytes the rules depend on besides the request files (configuration, schema,
    /// template): what names the working-tree cache.
    let ruleSources: [[UInt8]]

    /// Opens the repository containing `-C DIR` (or the current folder) and loads its
    /// configuration and, unless `loadingSchema` is false (the history commands never
    /// look at field values), its schema, saying its warnings on stderr. Every failure is
    /// a one-line error (exit 2).
    static func open(_ options: GlobalOptions, loadingSchema: Bool = true) throws -> Workspace {
        let start = try startingFolder(options)
        let repository = try Repository.discover(from: start)
        let root = repository.workingTreeRoot
        let (config, schemaFolder, configText) = try loadConfig(options, start: start, repository: repository, root: root)
        var sources: [[UInt8]] = [Array(configText.utf8), Array(config.sourcePath.utf8), Array(schemaFolder.utf8)]
        let (schema, warnings) =
            loadingSchema ? try loadSchema(config, root: root, schemaFolder: schemaFolder, repository: repository, sources: &sources) : (nil, [])
        // Said once, by every command that reads the schema: unknown keywords, and
        // `fields:` settings it does not declare (most likely typos).
        for warning in warnings { Console.err(warning + "\n") }
        if loadingSchema { try RuleContext.checkConsistency(config: config, schema: schema) }
        let placeholders = loadingSchema
            ? try loadTemplate(config, schema: schema, root: root, schemaFolder: schemaFolder, repository: repository, sources: &sources) : nil
        return Workspace(
            repository: repository, root: root, config: config, schema: schema, placeholders: placeholders,
            paths: PathDisplay(root: root, start: start), ruleSources: sources)
    }

    static func startingFolder(_ options: GlobalOptions) throws -> String {
        let current = FileManager.default.currentDirectoryPath
        guard let directory = options.directory else { return current }
        let path = directory.hasPrefix("/") ? directory : current + "/" + directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ToolFailure("cannot run in `\(directory)`: no such folder")
        }
        return path
    }

    /// The registry in the working tree, read once. `selecting` is the configuration whose
    /// globs choose the files (`check` uses its base's); the files are read as this
    /// workspace's configuration says.
    func workingSnapshot(selecting: RegistryConfig? = nil) throws -> RegistrySnapshot {
        let root = try requireWorkingTree()
        let selector = try RequestSelector(config: selecting ?? config)
        let files = WorkingTree.requestFiles(root: root, selector: selector, sizeLimit: FrontMatterLimits.default.maxFileBytes)
        return RegistrySnapshot(files: files, config: config)
    }

    /// The working tree's registry through the working-tree cache (`.git/freq/`): what
    /// `workingSnapshot()` would give, reading and parsing only the files changed since
    /// the last run. Only for a workspace that loaded its schema.
    /// Without `storing` (an edit, which stores it after writing), the cache is not written,
    /// and the edit keeps the registry until exit itself once it has added its files: held
    /// here too, the 10,000 files would be copied to insert one.
    func workingRegistry(needs: WorkingRegistry.Needs, storing: Bool = true) throws -> WorkingRegistry {
        let root = try requireWorkingTree()
        let registry = WorkingRegistry.load(
            root: root, selector: try RequestSelector(config: config), context: try validator().context, needs: needs,
            cacheFolder: repository.gitDirectory + "freq/",
            fingerprint: WorkingRegistry.fingerprint(of: ruleSources + [Executable.identity]), storing: false)
        if storing {
            KeptUntilExit.keep(registry)
            // Written while the answer is rendered; the entry point waits for it.
            if registry.cacheIsOutOfDate { Background.run { registry.writeCache() } }
        }
        return registry
    }

    /// The registry as committed at `commit`, read the same way.
    func snapshot(at commit: ObjectID, selecting: RegistryConfig? = nil) throws -> RegistrySnapshot {
        let selector = try RequestSelector(config: selecting ?? config)
        let files = try GitSnapshot.requestFiles(
            in: repository, commit: commit, selector: selector, sizeLimit: FrontMatterLimits.default.maxFileBytes)
        return RegistrySnapshot(files: files, config: config)
    }

    /// The ids of the registry at every branch and tag tip: taken, even where the file has
    /// other problems. A folder tree seen at one tip is not read again at another, nor a
    /// folder or blob seen by an earlier run (`IDListCache`).
    func idsAtReferenceTips() throws -> Set<String> {
        Set(try idListsAtReferenceTips().joined())
    }

    /// `idsAtReferenceTips`, one sorted list for each folder tree the tips hold (an id may
    /// be in several lists).
    func idListsAtReferenceTips() throws -> [[String]] {
        let selector = try RequestSelector(config: config)
        let prefix = selector.include.fixedPrefix
        let folder = repository.gitDirectory + "freq/"
        let fingerprint = WorkingRegistry.fingerprint(
            of: [Array("ids at tips".utf8), Array(config.idField.utf8), Array(config.requests.utf8)]
                + config.exclude.map { Array($0.utf8) } + [Executable.identity])
        var folderTrees: [ObjectID] = []
        var seenFolders = Set<ObjectID>()
        for tip in try repository.referenceTips() {
            let tree = try repository.commit(tip.commit).tree
            if let folderTree = prefix.isEmpty ? tree : try repository.subtree(of: tree, at: prefix),
                seenFolders.insert(folderTree).inserted
            {
                folderTrees.append(folderTree)
            }
        }
        // The usual run: every tip's folder was seen by the previous one, so the stored
        // file is the answer and its blob table is not read.
        if let known = IDListCache.load(folder: folder, fingerprint: fingerprint, blobs: false),
            known.trees.count == folderTrees.count, folderTrees.allSatisfy({ known.trees[$0.hex] != nil })
        {
            return folderTrees.map { known.trees[$0.hex] ?? [] }
        }
        let cached = IDListCache.load(folder: folder, fingerprint: fingerprint) ?? IDListCache()
        // Blobs of earlier tips stay (a tip moving back and forth reads nothing), up to a
        // bound; beyond it only those seen now.
        var kept = IDListCache(blobs: cached.blobs.count < 200_000 ? cached.blobs : [:])
        var lists: [[String]] = []
        for folderTree in folderTrees {
            if let known = cached.trees[folderTree.hex] {
                kept.trees[folderTree.hex] = known
                lists.append(known)
                continue
            }
            var folderIDs: [String] = []
            var unknown: [RequestFile] = []
            for change in try repository.files(in: folderTree, prefix: prefix) where selector.selects(change.path) {
                // Only a blob can hold an id: links, folders and submodules never do.
                guard let entry = change.new, entry.kind == .file || entry.kind == .executable else { continue }
                let key = entry.id.hex
                if let known = kept.blobs[key] ?? cached.blobs[key] {
                    kept.blobs[key] = known
                    folderIDs += known
                } else if case .bytes(let bytes) = try repository.blob(entry.id, limit: FrontMatterLimits.default.maxFileBytes) {
                    unknown.append(RequestFile(path: key, content: .bytes(bytes)))
                } else {
                    kept.blobs[key] = []
                }
            }
            // Named by blob id, read on every core.
            let read = RegistrySnapshot(files: unknown, config: config)
            for file in unknown { kept.blobs[file.path] = [] }
            for request in read.requests {
                if let id = request.id {
                    kept.blobs[request.path] = [id]
                    folderIDs.append(id)
                }
            }
            let sorted = Array(Set(folderIDs)).sorted()
            kept.trees[folderTree.hex] = sorted
            lists.append(sorted)
        }
        if kept.trees.keys.sorted() != cached.trees.keys.sorted() || kept.blobs.count != cached.blobs.count {
            kept.store(folder: folder, fingerprint: fingerprint)
        }
        return lists
    }

    /// Every rule, with this registry's configuration and schema.
    func validator() throws -> RegistryValidator {
        try RegistryValidator(config: config, schema: schema, placeholders: placeholders)
    }

    /// Zero requests is a valid registry (a new one), but a glob that selects no file may
    /// also be a typo: said on stderr, and the run goes on.
    func warnIfNoRequests(_ snapshots: RegistrySnapshot...) {
        warnIfNoRequests(fileCount: snapshots.reduce(0) { $0 + $1.files.count })
    }

    func warnIfNoRequests(fileCount: Int) {
        guard fileCount == 0 else { return }
        let place = config.locations["requests"].map { ":\($0.line):\($0.column)" } ?? ""
        Console.warning("\(config.sourcePath)\(place): the glob `\(config.requests)` matches no file yet")
    }

    /// The working tree root, or a clear error for commands that need files on disk.
    func requireWorkingTree() throws -> String {
        guard let root else {
            throw ToolFailure("this command needs a working tree, and the repository is bare")
        }
        return root
    }

    /// Reads the configuration: `--config FILE` (relative to the starting folder), or
    /// `schema/registry.yml` of the working tree, or of HEAD in a bare repository.
    private static func loadConfig(_ options: GlobalOptions, start: String, repository: Repository, root: String?)
        throws -> (RegistryConfig, String, String)
    {
        let defaultPath = "schema/registry.yml"
        let text: String
        let displayPath: String
        let schemaFolder: String
        if let given = options.config {
            let absolute = URL(fileURLWithPath: given.hasPrefix("/") ? given : start + "/" + given).standardizedFileURL.path
            guard let data = try RegularFile.read(absolute, what: "the configuration", display: given, limit: 1 << 20) else {
                throw ToolFailure("cannot read the configuration `\(given)`: no such file")
            }
            text = String(decoding: data, as: UTF8.self)
            if let root, let relative = relativePath(absolute, to: root) {
                displayPath = relative
                schemaFolder = folder(of: relative)
            } else {
                displayPath = given
                schemaFolder = folder(of: absolute)
            }
        } else if let root {
            try InsideRepository.check(defaultPath, root: root, what: "the configuration")
            guard let data = try RegularFile.read(root + defaultPath, what: "the configuration", display: defaultPath, limit: 1 << 20) else {
                throw ToolFailure(
                    "no \(defaultPath) in this repository; create one (see the README) or point at one with --config FILE")
            }
            text = String(decoding: data, as: UTF8.self)
            displayPath = defaultPath
            schemaFolder = "schema/"
        } else {
            guard let bytes = try repository.fileBytes(at: defaultPath, in: try repository.head(), limit: 1 << 20) else {
                throw ToolFailure("no \(defaultPath) at HEAD of this bare repository; pass --config FILE")
            }
            text = String(decoding: bytes, as: UTF8.self)
            displayPath = defaultPath
            schemaFolder = "schema/"
        }
        return (try RegistryConfig.parse(text, displayPath: displayPath, schemaBase: schemaFolder), schemaFolder, text)
    }

    /// The bytes of a file the configuration names (the schema, the template): beside a
    /// configuration kept outside the repository, else inside the repository only (a pull
    /// request could otherwise make CI read, and echo, any file of the machine); nil when
    /// there is no such file.
    private static func configuredFile(
        _ path: String, what: String, setting: String, config: RegistryConfig, root: String?, schemaFolder: String,
        repository: Repository
    ) throws -> [UInt8]? {
        if schemaFolder.hasPrefix("/") {
            return try RegularFile.read(path, what: what, display: path, limit: 4 << 20)
        }
        do {
            try InsideRepository.check(path, root: root ?? "/", what: what)
        } catch let failure as ToolFailure {
            throw ConfigError(path: config.sourcePath, location: config.locations[setting], message: failure.message)
        }
        if let root { return try RegularFile.read(root + path, what: what, display: path, limit: 4 << 20) }
        return try repository.fileBytes(at: path, in: try repository.head(), limit: 4 << 20)
    }

    /// The template's placeholders; nil without a template (an explicit `template:` that
    /// names no file is an error).
    private static func loadTemplate(
        _ config: RegistryConfig, schema: JSONSchema?, root: String?, schemaFolder: String, repository: Repository,
        sources: inout [[UInt8]]
    ) throws -> TemplatePlaceholders? {
        guard let path = config.templatePath else { return nil }
        guard let bytes = try configuredFile(path, what: "the template", setting: "template", config: config, root: root, schemaFolder: schemaFolder, repository: repository) else {
            guard config.templateIsExplicit else { return nil }
            throw ConfigError(path: config.sourcePath, location: config.locations["template"], message: "cannot read the template `\(path)`: no such file")
        }
        sources += [Array("template".utf8), bytes]
        return TemplatePlaceholders(template: bytes, config: config, schema: schema)
    }

    private static func loadSchema(
        _ config: RegistryConfig, root: String?, schemaFolder: String, repository: Repository, sources: inout [[UInt8]]
    ) throws -> (JSONSchema?, [String]) {
        guard let schemaPath = config.frontMatterSchema else { return (nil, []) }
        guard let bytes = try configuredFile(schemaPath, what: "the schema", setting: "front_matter", config: config, root: root, schemaFolder: schemaFolder, repository: repository) else {
            throw ConfigError(
                path: config.sourcePath, location: config.locations["front_matter"],
                message: schemaFolder.hasPrefix("/") ? "cannot read the schema `\(schemaPath)`"
                    : root == nil ? "no schema `\(schemaPath)` at HEAD" : "cannot read the schema `\(schemaPath)`: no such file")
        }
        sources += [Array("schema".utf8), bytes]
        let display = schemaPath
        let parsed: JSONParser.Result
        do {
            parsed = try JSONParser.parse(bytes)
        } catch let error as JSONParser.SyntaxError {
            throw ConfigError(path: display, location: SourceLocation(line: error.line, column: error.column), message: "the schema is not valid JSON: \(error.message)")
        }
        do {
            // The files it refers to are read as the schema was: from the working tree (or
            // HEAD), inside the repository only; the compiler keeps them to the schema's folder.
            let schema = try JSONSchema(document: parsed, path: schemaPath, formats: config.formats) { path in
                try configuredFile(
                    path, what: "the schema `\(path)`", setting: "front_matter", config: config, root: root,
                    schemaFolder: schemaFolder, repository: repository)
            }
            var warnings = schema.warnings.map { warning in
                let place = warning.location.map { ":\($0.line):\($0.column)" } ?? ""
                return "\(warning.file ?? display)\(place): warning: \(warning.message)" + (warning.hint.map { " (\($0))" } ?? "")
            }
            for (message, location) in config.undeclaredFieldSettings(declared: schema.declaredProperties) {
                let place = location.map { ":\($0.line):\($0.column)" } ?? ""
                warnings.append("\(config.sourcePath)\(place): warning: \(message)")
            }
            return (schema, warnings)
        } catch let error as SchemaError {
            throw ConfigError(
                path: error.file ?? display, location: error.location,
                message: error.message + (error.hint.map { " (\($0))" } ?? ""))
        }
    }

    /// The repository's own configuration as committed at `commit` (nil when it has none
    /// there, or when `--config` names another one): `check --base` judges a pull request
    /// by its target's rules, not by rules the pull request itself may have loosened.
    func committedConfig(at commit: ObjectID, options: GlobalOptions) throws -> RegistryConfig? {
        guard options.config == nil else { return nil }
        let path = "schema/registry.yml"
        guard let bytes = try repository.fileBytes(at: path, in: commit, limit: 1 << 20) else { return nil }
        return try RegistryConfig.parse(
            String(decoding: bytes, as: UTF8.self), displayPath: "\(path) (at \(commit.short))", schemaBase: "schema/")
    }

    static func relativePath(_ absolute: String, to root: String) -> String? {
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path + "/"
        let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedRoot) else { return nil }
        return String(resolved.dropFirst(resolvedRoot.count))
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }
}

/// The running freq's identity for cache names: a rebuilt binary may check differently,
/// and its version string alone does not change between builds.
enum Executable {
    static let identity: [UInt8] = {
        var info = stat()
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard stat(path, &info) == 0 else { return Array(path.utf8) }
        return Array("\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)".utf8)
    }()
}
