import CLibGit2
import Foundation

extension Repository {
    /// Reads a commit's id, tree, parents, author, committer and summary.
    public func commit(_ id: ObjectID) throws(GitError) -> CommitRecord {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        let count = git_commit_parentcount(commit)
        for index in 0..<count {
            // NULL only for an index past the count: a parent is never silently dropped.
            guard let parent = git_commit_parent_id(commit, index) else {
                throw GitError(kind: .other, message: "commit \(id.short): parent \(index) could not be read")
            }
            parents.append(ObjectID(parent.pointee))
        }
        return CommitRecord(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit).pointee),
            parents: parents,
            author: Self.signature(git_commit_author(commit)),
            committer: Self.signature(git_commit_committer(commit)),
            summary: string(fromC: git_commit_summary(commit)))
    }

    /// The first-parent chain ending at `tip`, oldest first. In a shallow clone the chain
    /// stops at the oldest commit available.
    public func firstParentChain(from tip: ObjectID) throws(GitError) -> [MainlineCommit] {
        try firstParentChain(from: tip, stoppingAt: nil).commits
    }

    /// The first-parent chain ending at `tip`, oldest first, without `stop` and its
    /// ancestors when `stop` is on the chain (`reachedStop` tells): a cached walk resumes
    /// after `stop` and reads only the commits since.
    public func firstParentChain(from tip: ObjectID, stoppingAt stop: ObjectID?) throws(GitError)
        -> (commits: [MainlineCommit], reachedStop: Bool)
    {
        let boundaries = try shallowBoundaries()
        var chain: [MainlineCommit] = []
        var next: ObjectID? = tip
        while let id = next {
            if id == stop {
                chain.reverse()
                return (chain, true)
            }
            let commit = try lookupCommit(id)
            defer { git_commit_free(commit) }
            // libgit2 1.5 does not apply the shallow file to parents: stop there ourselves.
            let isBoundary = boundaries.contains(id)
            chain.append(
                MainlineCommit(
                    id: id, tree: ObjectID(git_commit_tree_id(commit).pointee), time: git_commit_time(commit),
                    isMerge: !isBoundary && git_commit_parentcount(commit) > 1))
            if !isBoundary, git_commit_parentcount(commit) > 0,
                let parent = git_commit_parent_id(commit, 0)
            {
                next = ObjectID(parent.pointee)
            } else {
                next = nil
            }
        }
        chain.reverse()
        return (chain, false)
    }

    /// Every commit reachable from `tips` and not from `hidden`, newest first in
    /// topological order (parents after all their children), or oldest first if `reverse`.
    public func walk(from tips: [ObjectID], hiding hidden: [ObjectID] = [], reverse: Bool = false)
        throws(GitError) -> [ObjectID]
    {
        var walker: OpaquePointer?
        try check("git_revwalk_new", git_revwalk_new(&walker, pointer))
        defer { git_revwalk_free(walker) }
        var mode = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        if reverse { mode |= GIT_SORT_REVERSE.rawValue }
        try check("git_revwalk_sorting", git_revwalk_sorting(walker, mode))
        for tip in tips {
            var oid = tip.oid
            try check("git_revwalk_push", git_revwalk_push(walker, &oid))
        }
        for hide in hidden {
            var oid = hide.oid
            try check("git_revwalk_hide", git_revwalk_hide(walker, &oid))
        }
        var ids: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walker)
            if code == GIT_ITEROVER.rawValue { break }
            try check("git_revwalk_next", code)
            ids.append(ObjectID(oid))
        }
        return ids
    }

    /// The commits whose parents a shallow clone left out (the `shallow` file of the git
    /// folder). Empty for a complete repository. Throws when the file cannot be read or
    /// holds something other than ids: a chain walked without its boundary would fail
    /// later on a missing parent, or a cache key would claim the history complete.
    public func shallowBoundaries() throws(GitError) -> Set<ObjectID> {
        guard try isShallow else { return [] }
        let path = gitDirectory + "shallow"
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            // Gone since libgit2 looked (`git fetch --unshallow` meanwhile): complete now.
            return []
        } catch {
            let posix = (error as? CocoaError)?.underlying as? POSIXError
            let reason = posix.map { String(cString: strerror($0.code.rawValue)) }
            throw GitError(kind: .other, message: "cannot read `\(path)`: \(reason ?? "\(error)")")
        }
        var boundaries = Set<ObjectID>()
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard let id = ObjectID(hex: String(line)) else {
                throw GitError(kind: .other, message: "`\(path)` is damaged: `\(line.prefix(60))` is not a commit id")
            }
            boundaries.insert(id)
        }
        return boundaries
    }

    func lookupCommit(_ id: ObjectID) throws(GitError) -> OpaquePointer {
        var commit: OpaquePointer?
        var oid = id.oid
        let code = git_commit_lookup(&commit, pointer, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, function: "git_commit_lookup")
                .explained("commit \(id.short) is missing from the repository (a shallow or partial clone?)")
        }
        try check("git_commit_lookup", code)
        guard let commit else { throw GitError(kind: .other, message: "commit \(id.short) could not be read") }
        return commit
    }

    static func signature(_ signature: UnsafePointer<git_signature>?) -> Signature {
        guard let signature else { return Signature(name: "", email: "", time: 0, offsetMinutes: 0) }
        return Signature(
            name: string(fromC: signature.pointee.name),
            email: string(fromC: signature.pointee.email),
            time: signature.pointee.when.time,
            offsetMinutes: signature.pointee.when.offset)
    }
}
