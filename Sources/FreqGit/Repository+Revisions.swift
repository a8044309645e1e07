import CLibGit2

extension Repository {
    /// Resolves a revision the way git does (`HEAD`, branch and tag names, `origin/main`,
    /// short ids, `HEAD~3`, `v1.0^{commit}`) to the commit it names.
    public func resolveCommit(_ spec: String) throws(GitError) -> ObjectID {
        if spec.isEmpty {
            throw GitError(kind: .invalidSpec, message: "an empty revision names no commit")
        }
        if spec == "HEAD" || spec.hasPrefix("HEAD~") || spec.hasPrefix("HEAD^") || spec.hasPrefix("@") {
            try requireBornHead()
        }
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, spec)
        if code < 0 {
            let error = GitError.last(code: code, function: "git_revparse_single")
            throw Self.explain(error, spec: spec)
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        let peelCode = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
        // A tree or a blob (EINVALIDSPEC), or a tag of one (EPEEL): the user named the
        // wrong thing. Anything else (a tag whose target is missing) is a git failure.
        if peelCode == GIT_EINVALIDSPEC.rawValue || peelCode == GIT_EPEEL.rawValue {
            throw GitError.last(code: peelCode, function: "git_object_peel")
                .explained("revision `\(spec)` does not name a commit", kind: .invalidSpec)
        }
        if peelCode < 0 {
            let error = GitError.last(code: peelCode, function: "git_object_peel")
            throw error.explained("cannot resolve `\(spec)` to a commit: \(error.message)")
        }
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit).pointee)
    }

    /// Resolves `A..B` (base A) or `A...B` (base = the merge base of A and B), as git
    /// diff means them. A single revision is not a range and is refused.
    public func resolveRange(_ spec: String) throws(GitError) -> ResolvedRange {
        guard let separator = spec.firstRange(of: "..") else {
            throw GitError(
                kind: .invalidSpec, message: "`\(spec)` is not a range; write BASE..HEAD or BASE...HEAD")
        }
        let isMergeBase = spec[separator.upperBound...].hasPrefix(".")
        let left = String(spec[..<separator.lowerBound])
        let right = String(spec[(isMergeBase ? spec.index(after: separator.upperBound) : separator.upperBound)...])
        // An omitted side means HEAD, as in git.
        let base = try resolveCommit(left.isEmpty ? "HEAD" : left)
        let head = try resolveCommit(right.isEmpty ? "HEAD" : right)
        if isMergeBase {
            return ResolvedRange(base: try mergeBase(base, head), head: head)
        }
        return ResolvedRange(base: base, head: head)
    }

    /// The best common ancestor of two commits.
    public func mergeBase(_ first: ObjectID, _ second: ObjectID) throws(GitError) -> ObjectID {
        var out = git_oid()
        var one = first.oid
        var two = second.oid
        let code = git_merge_base(&out, pointer, &one, &two)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, function: "git_merge_base")
                .explained("commits \(first.short) and \(second.short) have no common ancestor")
        }
        try check("git_merge_base", code)
        return ObjectID(out)
    }

    /// Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError) -> Bool {
        if ancestor == descendant { return true }
        var one = descendant.oid
        var two = ancestor.oid
        return try check("git_graph_descendant_of", git_graph_descendant_of(pointer, &one, &two)) == 1
    }

    func requireBornHead() throws(GitError) {
        if try isHeadUnborn {
            throw GitError(
                kind: .unbornHead, message: "the repository has no commits yet", code: GIT_EUNBORNBRANCH.rawValue)
        }
    }

    /// Replaces libgit2's wording with one a person can act on.
    static func explain(_ error: GitError, spec: String) -> GitError {
        var explained = error
        switch error.kind {
        case .notFound:
            explained.message = "revision `\(spec)` not found (no branch, tag or commit has that name)"
        case .ambiguous:
            explained.message = "revision `\(spec)` is ambiguous: more than one object starts with it; give more digits"
        case .invalidSpec:
            explained.message = "`\(spec)` is not a valid revision (\(error.message))"
        case .unbornHead:
            explained.message = "the repository has no commits yet"
        default:
            explained.message = "cannot resolve `\(spec)`: \(error.message)"
        }
        return explained
    }
}
