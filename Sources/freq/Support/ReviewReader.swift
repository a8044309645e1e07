import FreqGit
import FreqKit

/// Reads the registries `check --base` and `diff` compare as outlines: a commit's tree
/// listed by blob id, the working tree by the blob ids the review cache keeps per `lstat`
/// data; the facts of each blob from the cache (`.git/freq/review-*.cache`), read and
/// parsed only for blobs it has not seen. Then only the files that differ (and those
/// sharing an id with them) are read in full (`RegistryOutline.compare`).
final class ReviewReader {
    let workspace: Workspace
    /// The configuration the comparison judges with (its globs select the files).
    let rules: RegistryConfig
    private let selector: RequestSelector
    private let folder: String?
    private var cache: ReviewCache
    /// Names the outlines cached per tree: the facts' fingerprint and the globs.
    private let treeFingerprint: String
    private let changesFingerprint: String
    private let limit = FrontMatterLimits.default.maxFileBytes

    /// `cached`: false reads and writes no cache (every blob is read and parsed).
    init(_ workspace: Workspace, rules: RegistryConfig, cached: Bool) throws {
        self.workspace = workspace
        self.rules = rules
        selector = try RequestSelector(config: rules)
        folder = cached ? workspace.repository.gitDirectory + "freq/" : nil
        let config = workspace.config
        // What the facts are read with: the fields of both configurations, and the binary.
        let parts = [
            config.idField, config.statusField, rules.idField, rules.fields.title, rules.duplicateOfField ?? "",
            String(decoding: Executable.identity, as: UTF8.self),
        ]
        cache = ReviewCache.load(folder: folder, fingerprint: ReviewCache.fingerprint(of: parts))
        treeFingerprint = ReviewCache.fingerprint(of: parts + ["tree", rules.requests] + rules.exclude)
        // The changes between two trees depend on nothing but them and the folder.
        changesFingerprint = ReviewCache.fingerprint(of: [
            "tree changes", selector.include.fixedPrefix, String(decoding: Executable.identity, as: UTF8.self),
        ])
    }

    /// Stores what this run learnt (when cached).
    func finish() {
        cache.storeIfChanged(folder: folder)
        if storedTreeChanges, let folder { TreeDiffCache.removeOldest(folder: folder) }
    }

    /// Whether this run stored the changes between a pair of trees.
    private var storedTreeChanges = false

    /// The registry at `commit`, every file's facts known.
    func outline(at commit: ObjectID) throws -> RegistryOutline {
        guard let folderTree = try folder(of: commit) else { return RegistryOutline(files: []) }
        if let folder, let known = OutlineCache.load(folder: folder, fingerprint: treeFingerprint, tree: folderTree.hex) {
            return known
        }
        var files: [RegistryOutline.File] = []
        var unknown: [Int] = []
        for change in try workspace.repository.files(in: folderTree, prefix: selector.include.fixedPrefix)
        where selector.selects(change.path) {
            guard let entry = change.new, let file = outlined(change.path, entry) else { continue }
            if file.facts == nil { unknown.append(files.count) }
            files.append(file)
        }
        try learnFacts(of: &files, at: unknown)
        // git's order is byte order but for folders (compared as if named `name/`).
        if !files.indices.dropFirst().allSatisfy({ files[$0 - 1].path.compareInByteOrder(files[$0].path) < 0 }) {
            files.sort { $0.path.precedesInByteOrder($1.path) }
        }
        let outline = RegistryOutline(files: files)
        if let folder { OutlineCache.store(outline, folder: folder, fingerprint: treeFingerprint, tree: folderTree.hex) }
        return outline
    }

    /// The registry at `commit`, from `outline` (the registry at `from`) and the entries
    /// that differ between the two trees: no listing of the files that did not change.
    func outline(at commit: ObjectID, from origin: ObjectID, _ outline: RegistryOutline) throws -> RegistryOutline {
        let changes = try changes(at: commit, from: origin)
        if changes.isEmpty { return outline }
        var files: [RegistryOutline.File] = []
        files.reserveCapacity(outline.files.count + changes.count)
        var next = 0
        for file in outline.files {
            while next < changes.count, changes[next].path.compareInByteOrder(file.path) < 0 {
                if let added = changes[next].file { files.append(added) }
                next += 1
            }
            if next < changes.count, changes[next].path.compareInByteOrder(file.path) == 0 {
                if let replacement = changes[next].file { files.append(replacement) }
                next += 1
            } else {
                files.append(file)
            }
        }
        for change in changes[next...] {
            if let added = change.file { files.append(added) }
        }
        return RegistryOutline(files: files)
    }

    /// Each selected path that differs between the trees at `origin` and `commit`, with its
    /// file at `commit` (nil: nothing), in path order, facts known.
    func changes(at commit: ObjectID, from origin: ObjectID) throws -> [(path: String, file: RegistryOutline.File?)] {
        let (old, new) = (try folder(of: origin), try folder(of: commit))
        if old == new { return [] }
        var changes = try treeChanges(from: old, to: new, prefix: selector.include.fixedPrefix)
            .filter { selector.selects($0.path) }
            .map { change in (path: change.path, file: change.new.flatMap { outlined(change.path, $0) }) }
            .sorted { $0.path.precedesInByteOrder($1.path) }
        var files = changes.compactMap(\.file)
        try learnFacts(of: &files, at: files.indices.filter { files[$0].facts == nil })
        var learnt = files.makeIterator()
        for index in changes.indices where changes[index].file != nil {
            changes[index].file = learnt.next()
        }
        return changes
    }

    /// `Repository.changes(from:to:prefix:)`, kept for the last few pairs of trees when
    /// cached (`TreeDiffCache`): each run of a pull request's check compares the same two.
    func treeChanges(from old: ObjectID?, to new: ObjectID?, prefix: String) throws -> [TreeChange] {
        // Stored under the fingerprint of this reader's folder only.
        guard let folder, old != new, prefix == selector.include.fixedPrefix else {
            return try workspace.repository.changes(from: old, to: new, prefix: prefix)
        }
        let (oldName, newName) = (old?.hex ?? "none", new?.hex ?? "none")
        let fingerprint = changesFingerprint
        if let known = TreeDiffCache.load(folder: folder, fingerprint: fingerprint, old: oldName, new: newName),
            let changes = Self.treeChanges(known)
        {
            return changes
        }
        let changes = try workspace.repository.changes(from: old, to: new, prefix: prefix)
        let stored = changes.map { change in
            TreeDiffCache.Change(path: change.path, old: change.old.map(Self.stored), new: change.new.map(Self.stored))
        }
        TreeDiffCache.store(stored, folder: folder, fingerprint: fingerprint, old: oldName, new: newName)
        storedTreeChanges = true
        return changes
    }

    private static func stored(_ entry: TreeEntry) -> TreeDiffCache.Entry {
        TreeDiffCache.Entry(name: entry.name, id: entry.id.hex, mode: entry.kind.mode)
    }

    /// The stored changes as the git layer gives them; nil when an id is not one.
    private static func treeChanges(_ stored: [TreeDiffCache.Change]) -> [TreeChange]? {
        func entry(_ stored: TreeDiffCache.Entry) -> TreeEntry? {
            ObjectID(hex: stored.id).map { TreeEntry(name: stored.name, id: $0, kind: EntryKind(mode: stored.mode)) }
        }
        var changes: [TreeChange] = []
        changes.reserveCapacity(stored.count)
        for change in stored {
            let old = change.old.map(entry)
            let new = change.new.map(entry)
            // A side stored but not read back as an entry: the file is not believed.
            if old == .some(nil) || new == .some(nil) { return nil }
            changes.append(TreeChange(path: change.path, old: old ?? nil, new: new ?? nil))
        }
        return changes
    }

    /// The tree of the glob's fixed folder at `commit`; nil when there is none.
    private func folder(of commit: ObjectID) throws -> ObjectID? {
        let tree = try workspace.repository.commit(commit).tree
        let prefix = selector.include.fixedPrefix
        return prefix.isEmpty ? tree : try workspace.repository.subtree(of: tree, at: prefix)
    }

    /// A tree entry as an outlined file (its facts from the cache when known); nil for a
    /// submodule, which is no file at all.
    private func outlined(_ path: String, _ entry: TreeEntry) -> RegistryOutline.File? {
        switch entry.kind {
        case .file, .executable:
            let id = BlobID(entry.id)
            let facts = cache.facts(of: id)
            return RegistryOutline.File(path: path, version: facts.map { Self.version(id, $0) } ?? .blob(id), facts: facts)
        case .symlink: return RegistryOutline.File(path: path, version: .symlink, facts: VersionFacts.unreadable)
        case .submodule: return nil
        default: return RegistryOutline.File(path: path, version: .notAFile, facts: VersionFacts.unreadable)
        }
    }

    /// Reads and parses the blobs of `files` at `indices` (facts unknown), and caches their facts.
    private func learnFacts(of files: inout [RegistryOutline.File], at indices: [Int]) throws {
        guard !indices.isEmpty else { return }
        // Read one by one (a repository handle is not shared across threads), parsed on every core.
        var read: [RequestFile] = []
        read.reserveCapacity(indices.count)
        for index in indices {
            guard case .blob(let id) = files[index].version else { continue }
            read.append(RequestFile(path: files[index].path, content: try content(of: ObjectID(id))))
        }
        let facts = VersionFacts.of(read, config: workspace.config, rules: rules)
        for (index, facts) in zip(indices, facts) {
            guard case .blob(let id) = files[index].version else { continue }
            cache.remember(facts, of: id)
            files[index].facts = facts
            files[index].version = Self.version(id, facts)
        }
    }

    /// The working tree's registry; its files read by this run are kept. `listed`: the
    /// selected paths, when this run listed them already.
    func workingOutline(listed: WorkingRegistry.Listing? = nil) throws -> WorkingOutline {
        let root = try workspace.requireWorkingTree()
        return WorkingOutline.load(root: root, selector: selector, listed: listed, cache: &cache, sizeLimit: limit) { bytes in
            (try? ObjectID.blob(hashing: bytes)).map(BlobID.init)
        }
    }

    /// The files of `outline` (a commit's) at `paths`, read from git, in path order.
    func files(_ paths: Set<ByteKey>, of outline: RegistryOutline) throws -> [RequestFile] {
        guard !paths.isEmpty else { return [] }
        var files: [RequestFile] = []
        for file in outline.files(at: paths) {
            switch file.version {
            case .blob(let id):
                files.append(RequestFile(path: file.path, content: try content(of: ObjectID(id))))
            case .symlink: files.append(RequestFile(path: file.path, content: .symlink))
            case .notAFile: files.append(RequestFile(path: file.path, content: .notAFile))
            case .tooLarge(let size): files.append(RequestFile(path: file.path, content: .tooLarge(size: size)))
            case .unreadable: files.append(RequestFile(path: file.path, content: .unreadable(reason: "cannot be read")))
            }
        }
        return files
    }

    /// The working tree's files at `paths`, in path order: as read by the listing, or
    /// read now.
    func workingFiles(_ paths: Set<ByteKey>, of working: WorkingOutline) throws -> [RequestFile] {
        guard !paths.isEmpty else { return [] }
        let root = try workspace.requireWorkingTree()
        return working.outline.files(at: paths).map { file in
            working.read[ByteKey(file.path)] ?? WorkingTree.read(root: root, path: file.path, sizeLimit: limit)
        }
    }

    private func content(of blob: ObjectID) throws -> RequestFile.Content {
        switch try workspace.repository.blob(blob, limit: limit) {
        case .bytes(let bytes): return .bytes(bytes)
        case .tooLarge(let size): return .tooLarge(size: size)
        }
    }

    /// A blob's version: larger than the limit, only its size counts (as the snapshots compare).
    private static func version(_ id: BlobID, _ facts: VersionFacts) -> RegistryOutline.Version {
        if case .tooLarge(let size) = facts.reading { return .tooLarge(size: size) }
        return .blob(id)
    }
}

extension BlobID {
    init(_ id: ObjectID) {
        let words = id.words
        self.init(high: words.high, middle: words.middle, low: words.low)
    }
}

extension ObjectID {
    init(_ id: BlobID) {
        self.init(words: (id.high, id.middle, id.low))
    }
}
