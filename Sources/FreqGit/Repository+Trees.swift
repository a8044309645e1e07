import CLibGit2
import FreqPaths

extension Repository {
    /// The entries of a tree, in git's order.
    public func treeEntries(_ tree: ObjectID) throws(GitError) -> [TreeEntry] {
        try lookupTree(tree).entries
    }

    /// The entry at `path` (`/`-separated, from the tree's root), or nil if there is none.
    public func treeEntry(in tree: ObjectID, at path: String) throws(GitError) -> TreeEntry? {
        let trimmed = path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        if trimmed.isEmpty {
            return TreeEntry(name: "", id: tree, kind: .tree)
        }
        // Not kept in the tree cache: the history asks for a root tree once per commit.
        let root = try lookupTree(tree, keep: false)
        var entry: OpaquePointer?
        let code = PathBytes.withCString(trimmed) { git_tree_entry_bypath(&entry, root.pointer, $0) }
        if code == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check("git_tree_entry_bypath", code)
        defer { git_tree_entry_free(entry) }
        return TreeEntry(
            name: name(fromC: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry).pointee),
            kind: EntryKind(mode: git_tree_entry_filemode(entry).rawValue))
    }

    /// The id of the folder `path` inside `tree`, nil when absent or not a folder.
    /// An empty path is the tree itself.
    public func subtree(of tree: ObjectID, at path: String) throws(GitError) -> ObjectID? {
        guard let entry = try treeEntry(in: tree, at: path), entry.kind == .tree else { return nil }
        return entry.id
    }

    /// The paths that differ between two folder trees (either may be nil: absent).
    /// `prefix` is the folder's path (`requests/`, or empty for the root) and is put in
    /// front of every reported path. With `recursive`, changed subfolders are descended
    /// into and only their differing files are reported; otherwise a subfolder is one entry.
    /// Walks the two sorted entry lists side by side instead of `git_diff_tree_to_tree`
    /// (no rename detection, no content diff, just ids), and only where their bytes differ
    /// (`RawTree`): a 10,000-file folder differs in one or two entries per commit.
    public func changes(from old: ObjectID?, to new: ObjectID?, prefix: String = "", recursive: Bool = true)
        throws(GitError) -> [TreeChange]
    {
        var result: [TreeChange] = []
        try collectChanges(from: old, to: new, prefix: prefix, recursive: recursive, into: &result)
        return result
    }

    private func collectChanges(
        from old: ObjectID?, to new: ObjectID?, prefix: String, recursive: Bool, into result: inout [TreeChange]
    ) throws(GitError) {
        if old == new { return }
        let oldTree = try old.map { id throws(GitError) in try rawTree(id) }
        let newTree = try new.map { id throws(GitError) in try rawTree(id) }
        var oldEntries = 0..<0
        var newEntries = 0..<0
        if let oldTree, let newTree {
            (oldEntries, newEntries) = try RawTree.differingEntries(oldTree, newTree)
        } else if let oldTree {
            try oldTree.frame()
            oldEntries = 0..<oldTree.count
        } else if let newTree {
            try newTree.frame()
            newEntries = 0..<newTree.count
        }
        var oldIndex = oldEntries.lowerBound
        var newIndex = newEntries.lowerBound
        while oldIndex < oldEntries.upperBound || newIndex < newEntries.upperBound {
            let order: Int32
            if let oldTree, let newTree, oldIndex < oldEntries.upperBound, newIndex < newEntries.upperBound {
                order = treeOrder(
                    oldTree.name(at: oldIndex), folder: oldTree.isFolder(at: oldIndex), newTree.name(at: newIndex),
                    folder: newTree.isFolder(at: newIndex))
            } else {
                order = oldIndex < oldEntries.upperBound ? -1 : 1
            }
            if order == 0, let oldTree, let newTree {
                defer {
                    oldIndex += 1
                    newIndex += 1
                }
                if sameBytes(oldTree.idBytes(at: oldIndex), newTree.idBytes(at: newIndex)),
                    oldTree.mode(at: oldIndex) == newTree.mode(at: newIndex)
                {
                    continue
                }
                try report(
                    old: oldTree.entry(at: oldIndex), new: newTree.entry(at: newIndex), prefix: prefix, recursive: recursive,
                    into: &result)
            } else if order < 0, let oldTree {
                try report(old: oldTree.entry(at: oldIndex), new: nil, prefix: prefix, recursive: recursive, into: &result)
                oldIndex += 1
            } else if let newTree {
                try report(old: nil, new: newTree.entry(at: newIndex), prefix: prefix, recursive: recursive, into: &result)
                newIndex += 1
            }
        }
    }

    private func report(
        old: TreeEntry?, new: TreeEntry?, prefix: String, recursive: Bool, into result: inout [TreeChange]
    ) throws(GitError) {
        let name = new?.name ?? old?.name ?? ""
        let path = prefix + name
        guard recursive else {
            result.append(TreeChange(path: path, old: old, new: new))
            return
        }
        let oldTree = old?.kind == .tree ? old : nil
        let newTree = new?.kind == .tree ? new : nil
        let oldFile = old?.kind == .tree ? nil : old
        let newFile = new?.kind == .tree ? nil : new
        // A file replaced by a folder (or the reverse) is a deletion plus additions.
        if oldFile != nil || newFile != nil {
            result.append(TreeChange(path: path, old: oldFile, new: newFile))
        }
        if oldTree != nil || newTree != nil {
            try collectChanges(
                from: oldTree?.id, to: newTree?.id, prefix: path + "/", recursive: true, into: &result)
        }
    }

    /// Every file below `tree` (recursively), with its path prefixed by `prefix`.
    public func files(in tree: ObjectID, prefix: String = "") throws(GitError) -> [TreeChange] {
        try changes(from: nil, to: tree, prefix: prefix, recursive: true)
    }

    /// The bytes of the regular file at `path` in `commit`'s tree; nil when there is no
    /// such file (or it is a folder, a link, a submodule) or it is larger than `limit`.
    public func fileBytes(at path: String, in commit: ObjectID, limit: Int = Int.max) throws(GitError) -> [UInt8]? {
        let tree = try self.commit(commit).tree
        guard let entry = try treeEntry(in: tree, at: path), entry.kind.isRegularFile,
            case .bytes(let bytes) = try blob(entry.id, limit: limit)
        else { return nil }
        return bytes
    }

    /// Reads a blob's bytes, unless it is larger than `limit` (checked before copying).
    public func blob(_ id: ObjectID, limit: Int = Int.max) throws(GitError) -> BlobContent {
        var blob: OpaquePointer?
        var oid = id.oid
        do {
            try check("git_blob_lookup", git_blob_lookup(&blob, pointer, &oid))
        } catch {
            // Name the object, so `git fsck` and `git cat-file` can be pointed at it.
            let damaged = "the repository is damaged ("
            throw error.explained(
                error.message.hasPrefix(damaged)
                    ? "the repository is damaged: object \(id.hex) cannot be read (" + error.message.dropFirst(damaged.count)
                    : error.message + " (object \(id.hex))")
        }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        if size > limit { return .tooLarge(size: size) }
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return .bytes([]) }
        return .bytes(Array(UnsafeRawBufferPointer(start: raw, count: size)))
    }

    /// Reads a tree's bytes, through a small cache: the history walk compares each folder
    /// tree twice (as a commit's, then as its child's parent's), and a cached tree keeps
    /// where its entries are.
    func rawTree(_ id: ObjectID) throws(GitError) -> RawTree {
        if let cached = rawTreeCache[id] { return cached }
        let loaded = try RawTree(id, in: handle)
        // A handful is enough: the walk needs the previous commit's folder tree again
        // (and each holds a large folder's bytes: 520 KB for 10,000 files).
        if rawTreeCache.count >= 4 { rawTreeCache.removeAll(keepingCapacity: true) }
        rawTreeCache[id] = loaded
        return loaded
    }

    /// Looks a parsed tree up, through a small cache. `keep: false` does not add it to
    /// the cache.
    func lookupTree(_ id: ObjectID, keep: Bool = true) throws(GitError) -> Tree {
        if let cached = treeCache[id] { return cached }
        var tree: OpaquePointer?
        var oid = id.oid
        let code = git_tree_lookup(&tree, pointer, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, function: "git_tree_lookup")
                .explained("tree \(id.short) is missing from the repository")
        }
        try check("git_tree_lookup", code)
        guard let tree else { throw GitError(kind: .other, message: "tree \(id.short) could not be read") }
        let loaded = Tree(pointer: tree, owner: handle)
        if !keep { return loaded }
        // A handful is enough: the walk needs the previous commit's folder tree again.
        if treeCache.count >= 8 { treeCache.removeAll(keepingCapacity: true) }
        treeCache[id] = loaded
        return loaded
    }
}
