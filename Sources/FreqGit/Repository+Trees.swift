import CLibGit2

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
        let root = try lookupTree(tree)
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, root.pointer, trimmed)
        if code == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check("git_tree_entry_bypath", code)
        defer { git_tree_entry_free(entry) }
        return TreeEntry(
            name: string(fromC: git_tree_entry_name(entry)),
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
    /// Walks the two sorted entry lists side by side instead of `git_diff_tree_to_tree`:
    /// no rename detection, no content diff, just ids (measured faster for flat folders).
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
        let oldEntries = try old.map { id throws(GitError) in try lookupTree(id).entries } ?? []
        let newEntries = try new.map { id throws(GitError) in try lookupTree(id).entries } ?? []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldEntries.count || newIndex < newEntries.count {
            let oldEntry = oldIndex < oldEntries.count ? oldEntries[oldIndex] : nil
            let newEntry = newIndex < newEntries.count ? newEntries[newIndex] : nil
            let order: Int
            switch (oldEntry, newEntry) {
            case (let a?, let b?): order = Self.compareGitOrder(a, b)
            case (.some, nil): order = -1
            default: order = 1
            }
            if order == 0, let a = oldEntry, let b = newEntry {
                oldIndex += 1
                newIndex += 1
                if a.id == b.id && a.kind == b.kind { continue }
                try report(old: a, new: b, prefix: prefix, recursive: recursive, into: &result)
            } else if order < 0, let a = oldEntry {
                oldIndex += 1
                try report(old: a, new: nil, prefix: prefix, recursive: recursive, into: &result)
            } else if let b = newEntry {
                newIndex += 1
                try report(old: nil, new: b, prefix: prefix, recursive: recursive, into: &result)
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

    /// git's tree order: names compare bytewise, with a folder's name read as `name/`.
    static func compareGitOrder(_ a: TreeEntry, _ b: TreeEntry) -> Int {
        var left = Array(a.name.utf8)
        var right = Array(b.name.utf8)
        if a.kind == .tree { left.append(UInt8(ascii: "/")) }
        if b.kind == .tree { right.append(UInt8(ascii: "/")) }
        if left == right { return 0 }
        return left.lexicographicallyPrecedes(right) ? -1 : 1
    }

    /// Reads a blob's bytes, unless it is larger than `limit` (checked before copying).
    public func blob(_ id: ObjectID, limit: Int = Int.max) throws(GitError) -> BlobContent {
        var blob: OpaquePointer?
        var oid = id.oid
        try check("git_blob_lookup", git_blob_lookup(&blob, pointer, &oid))
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        if size > limit { return .tooLarge(size: size) }
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return .bytes([]) }
        return .bytes(Array(UnsafeRawBufferPointer(start: raw, count: size)))
    }

    /// Looks a tree up, through a small cache: the history walk asks for each folder
    /// tree twice (as a commit's, then as its child's parent's).
    func lookupTree(_ id: ObjectID) throws(GitError) -> Tree {
        if let cached = treeCache[id] { return cached }
        var tree: OpaquePointer?
        var oid = id.oid
        let code = git_tree_lookup(&tree, pointer, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            throw GitError(
                kind: .notFound, message: "tree \(id.short) is missing from the repository", code: code,
                function: "git_tree_lookup")
        }
        try check("git_tree_lookup", code)
        guard let tree else { throw GitError(kind: .other, message: "tree \(id.short) could not be read") }
        let handle = Tree(pointer: tree, repository: self)
        if treeCache.count >= 64 { treeCache.removeAll(keepingCapacity: true) }
        treeCache[id] = handle
        return handle
    }
}
