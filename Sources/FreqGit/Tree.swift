import CLibGit2

/// An owned `git_tree` handle. It keeps the repository's handle alive, so the tree can
/// never outlive the repository it was read from; it holds the handle, not the
/// `Repository`, whose tree cache holds trees: that would be a cycle, never freed.
final class Tree {
    let pointer: OpaquePointer
    let owner: RepositoryHandle

    init(pointer: OpaquePointer, owner: RepositoryHandle) {
        self.pointer = pointer
        self.owner = owner
    }

    deinit { git_tree_free(pointer) }

    var count: Int { git_tree_entrycount(pointer) }

    /// The entry at `index`, copied out: libgit2's entry belongs to the tree.
    func entry(at index: Int) -> TreeEntry? {
        git_tree_entry_byindex(pointer, index).map(Self.copy)
    }

    /// A value copy of a borrowed entry.
    static func copy(_ entry: OpaquePointer) -> TreeEntry {
        TreeEntry(
            name: name(fromC: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry).pointee),
            kind: EntryKind(mode: git_tree_entry_filemode(entry).rawValue))
    }

    var entries: [TreeEntry] {
        (0..<count).compactMap { entry(at: $0) }
    }
}
