/// Finds the commit to credit with each change a mainline commit brings (docs/history.md,
/// "Credit"): the commit itself, unless it is a merge and a commit on the merged branch
/// made the change.
enum HistoryCredit {
    /// A credited commit, before its id is written out as hex (the worker threads cannot
    /// reach the source that does that).
    struct Found<ObjectID: Hashable & Sendable>: Sendable {
        var id: ObjectID
        var info: HistoryCommitInfo<ObjectID>
    }

    /// What the walk needs of one mainline commit whose request files changed: the commit
    /// itself, and for a merge, per changed path, the branch commit that made the change.
    struct Step<ObjectID: Hashable & Sendable>: Sendable {
        var mainline: HistoryCommitInfo<ObjectID>
        var branch: [ByteKey: Found<ObjectID>]
    }

    /// Reads `commit`; when `isMerge`, also searches the merged branch for each of
    /// `changes` (the request files the merge changed against its first parent).
    static func step<Worker: HistoryWorker>(
        _ commit: Worker.ObjectID, isMerge: Bool, changes: [HistoryChange<Worker.ObjectID>], prefix: String, worker: Worker
    ) throws -> Step<Worker.ObjectID> {
        let info = try worker.commit(commit)
        guard isMerge, info.parents.count > 1 else { return Step(mainline: info, branch: [:]) }
        return Step(mainline: info, branch: try branchCommits(merge: info, changes: changes, prefix: prefix, worker: worker))
    }

    /// Per changed path, the newest commit that the merge brought in (reachable from its
    /// other parents, not from its first) whose own change set the path to the version the
    /// merge has (or deleted it). A commit's own change is what differs from its first
    /// parent, and for a merge on the branch also from its other parents: a merge that
    /// only passes a change along is not credited with it, one that resolved a conflict
    /// into a new version is. Paths nothing matches are left out (the merge is credited).
    ///
    /// Cost: one history walk of the merged commits, and for each of those that changed
    /// the requests folder, a diff of that folder, newest first, until every path is found.
    static func branchCommits<Worker: HistoryWorker>(
        merge: HistoryCommitInfo<Worker.ObjectID>, changes: [HistoryChange<Worker.ObjectID>], prefix: String,
        worker: Worker
    ) throws -> [ByteKey: Found<Worker.ObjectID>] {
        guard let first = merge.parents.first else { return [:] }
        var wanted: [ByteKey: Worker.ObjectID?] = [:]
        for change in changes { wanted.updateValue(change.new?.id, forKey: ByteKey(change.path)) }
        var found: [ByteKey: Found<Worker.ObjectID>] = [:]
        for candidate in try worker.commits(from: Array(merge.parents.dropFirst()), hiding: [first]) {
            if wanted.isEmpty { break }
            let info = try worker.commit(candidate)
            let folder = try worker.folder(prefix, in: info.tree)
            let parentFolder = try info.parents.first.flatMap { try worker.folder(prefix, in: try worker.commit($0).tree) }
            if folder == parentFolder { continue }
            // For a merge on the branch: per other parent, the paths whose version differs
            // from it, read only if this commit matches a path at all.
            var differsFromOthers: [Set<ByteKey>]?
            for change in try worker.changes(from: parentFolder, to: folder, prefix: prefix) {
                let key = ByteKey(change.path)
                guard let target = wanted[key], target == change.new?.id else { continue }
                if info.parents.count > 1 {
                    let others = try differsFromOthers ?? info.parents.dropFirst().map { parent in
                        let other = try worker.folder(prefix, in: try worker.commit(parent).tree)
                        return Set(try worker.changes(from: other, to: folder, prefix: prefix).map { ByteKey($0.path) })
                    }
                    differsFromOthers = others
                    // The same version as another parent's: passed along, not made here.
                    if others.contains(where: { !$0.contains(key) }) { continue }
                }
                found[key] = Found(id: candidate, info: info)
                wanted.removeValue(forKey: key)
            }
        }
        return found
    }
}
