import CLibGit2

/// An open git repository. Not `Sendable`: a libgit2 handle belongs to one thread at a
/// time, so a worker thread opens its own `Repository` on the same `gitDirectory`.
public final class Repository {
    /// Owns the libgit2 handle; the trees below hold it too, and it is freed after the last.
    let handle: RepositoryHandle
    /// Trees kept alive across calls: libgit2 frees an unreferenced tree at once, and the
    /// history walk looks at each folder tree twice (as child, then as parent).
    var treeCache: [ObjectID: Tree] = [:]
    /// The same for the trees compared as bytes (`changes`).
    var rawTreeCache: [ObjectID: RawTree] = [:]

    var pointer: OpaquePointer { handle.pointer }

    private init(pointer: OpaquePointer) {
        self.handle = RepositoryHandle(pointer: pointer)
    }

    /// Opens the repository containing `path`, searching parent folders as git does.
    /// Bare repositories open too.
    public static func discover(from path: String) throws(GitError) -> Repository {
        _ = libgit2Ready
        var handle: OpaquePointer?
        let code = git_repository_open_ext(&handle, path, 0, nil)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, function: "git_repository_open_ext")
                .explained("not a git repository (or any parent folder): \(path)", kind: .notARepository)
        }
        try check("git_repository_open_ext", code)
        guard let handle else {
            throw GitError(kind: .other, message: "could not open the repository at \(path)")
        }
        return Repository(pointer: handle)
    }

    /// Opens exactly the repository at `path` (its working tree or its git folder).
    public static func open(at path: String) throws(GitError) -> Repository {
        _ = libgit2Ready
        var handle: OpaquePointer?
        let code = git_repository_open_ext(&handle, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, function: "git_repository_open_ext")
                .explained("not a git repository: \(path)", kind: .notARepository)
        }
        try check("git_repository_open_ext", code)
        guard let handle else {
            throw GitError(kind: .other, message: "could not open the repository at \(path)")
        }
        return Repository(pointer: handle)
    }

    /// The git folder (`.../.git/` or the bare repository itself), with a trailing slash.
    public var gitDirectory: String { string(fromC: git_repository_path(pointer)) }

    /// The working tree's root with a trailing slash; nil for a bare repository.
    public var workingTreeRoot: String? {
        guard let path = git_repository_workdir(pointer) else { return nil }
        return string(fromC: path)
    }

    /// Whether the repository has no working tree. (libgit2 only reads a flag: it cannot fail.)
    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    // The three below return 1, 0 or a negative error code (an unreadable `shallow` file
    // or HEAD): they throw rather than read an error as "no".

    /// Whether history is cut short (a `--depth` clone).
    public var isShallow: Bool {
        get throws(GitError) { try check("git_repository_is_shallow", git_repository_is_shallow(pointer)) == 1 }
    }

    /// Whether HEAD names a branch that has no commit yet (a new repository).
    public var isHeadUnborn: Bool {
        get throws(GitError) { try check("git_repository_head_unborn", git_repository_head_unborn(pointer)) == 1 }
    }

    /// Whether HEAD is detached (points at a commit, not a branch).
    public var isHeadDetached: Bool {
        get throws(GitError) { try check("git_repository_head_detached", git_repository_head_detached(pointer)) == 1 }
    }

    /// The commit HEAD points at.
    public func head() throws(GitError) -> ObjectID {
        try resolveCommit("HEAD")
    }

    /// How many replacement references (`git replace`, `refs/replace/*`) the repository
    /// holds. libgit2 does not apply them: every object is read as it is stored.
    public func replacementCount() throws(GitError) -> Int {
        var iterator: OpaquePointer?
        try check("git_reference_iterator_glob_new", git_reference_iterator_glob_new(&iterator, pointer, "refs/replace/*"))
        defer { git_reference_iterator_free(iterator) }
        var count = 0
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check("git_reference_next", code)
            git_reference_free(reference)
            count += 1
        }
        return count
    }

    /// The branches and tags the repository knows (local and remote-tracking), each
    /// peeled to its commit. Two dead ends are expected and skipped: a tag of a tree or a
    /// blob (no commit to read), and a symbolic reference to a branch that is gone
    /// (`origin/HEAD` after the remote's default branch was deleted; git warns "ignoring
    /// broken ref"). A reference to a missing object is a damaged repository and throws.
    public func referenceTips() throws(GitError) -> [ReferenceTip] {
        var iterator: OpaquePointer?
        try check("git_reference_iterator_new", git_reference_iterator_new(&iterator, pointer))
        defer { git_reference_iterator_free(iterator) }
        var tips: [ReferenceTip] = []
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check("git_reference_next", code)
            defer { git_reference_free(reference) }
            guard let reference else {
                throw GitError(kind: .other, message: "git_reference_next returned no reference")
            }
            guard let commit = try peeledCommit(of: reference) else { continue }
            tips.append(ReferenceTip(name: string(fromC: git_reference_name(reference)), commit: commit))
        }
        return tips.sorted { $0.name < $1.name }
    }

    /// The commit a reference leads to; nil for the two expected dead ends that
    /// `referenceTips()` skips.
    private func peeledCommit(of reference: OpaquePointer) throws(GitError) -> ObjectID? {
        if git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC {
            var resolved: OpaquePointer?
            let code = git_reference_resolve(&resolved, reference)
            defer { git_reference_free(resolved) }
            // Only a symbolic reference's target can be missing here: the dangling case.
            if code == GIT_ENOTFOUND.rawValue {
                git_error_clear()
                return nil
            }
            try check("git_reference_resolve", code)
        }
        var object: OpaquePointer?
        let code = git_reference_peel(&object, reference, GIT_OBJECT_COMMIT)
        // A tag of a tree or a blob (EPEEL through a tag object, EINVALIDSPEC directly).
        if code == GIT_EPEEL.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            git_error_clear()
            return nil
        }
        try check("git_reference_peel", code)
        defer { git_object_free(object) }
        guard let object else {
            let name = string(fromC: git_reference_name(reference))
            throw GitError(kind: .other, message: "reference `\(name)` could not be read")
        }
        return ObjectID(git_object_id(object).pointee)
    }
}
