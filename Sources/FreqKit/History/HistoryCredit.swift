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

    /// What the walk learnt of a merge whose request files changed: the merge itself, and
    /// per changed path, the branch commit that made the change. A class: the walk keeps
    /// one optional per changed commit, and merges are few.
    final class Merge<ObjectID: Hashable & Sendable>: Sendable {
        let info: HistoryCommitInfo<ObjectID>
        let branch: [ByteKey: Found<ObjectID>]

        init(info: HistoryCommitInfo<ObjectID>, branch: [ByteKey: Found<ObjectID>]) {
            self.info = info
            self.branch = branch
        }
    }

    /// Reads the merge `commit` and searches the merged branch for each of `changes` (the
    /// request files the merge changed against its first parent, whose requests folder
    /// was `folders.old`, to the merge's, `folders.new`). `mainline` holds commits known
    /// to be on the first-parent chain.
    /// `brought`, when the walk knows it, is what the merge brought in (`broughtLines`).
    static func merge<Worker: HistoryWorker>(
        _ commit: Worker.ObjectID, changes: [HistoryChange<Worker.ObjectID>],
        folders: (old: Worker.ObjectID?, new: Worker.ObjectID?), mainline: Set<Worker.ObjectID>, prefix: String,
        brought: [Worker.ObjectID]? = nil, worker: Worker
    ) throws -> Merge<Worker.ObjectID> {
        let info = try worker.commit(commit)
        let branch = try branchCommits(
            merge: info, changes: changes, folders: folders, mainline: mainline, prefix: prefix, brought: brought,
            worker: worker)
        return Merge(info: info, branch: branch)
    }

    /// For each merge of `chain` in `merges` (positions in the chain), the commits it brought
    /// in (reachable from its other parent, not from its first), newest first, when they
    /// are one line of descent: what a history walk would list, without walking the
    /// first parent's side down to the fork point. A long-lived branch forked thousands of
    /// commits earlier made that walk read every one of them (on 50,000 commits with 49
    /// such merges, 941,000 commit reads, a fifth of the cold walk).
    ///
    /// `chain` must be a whole first-parent chain, from a root commit, and `mainline` its
    /// commits. Reading the chain oldest first, everything a commit reaches is known: the
    /// chain before it and what each earlier merge brought in. So a merge brought in
    /// exactly the commits reachable from its other parent that are not known yet, and
    /// each of those is read once in the whole walk. A merge with more than two parents,
    /// or whose commits are not one line (a branch merged into it, for example), is left
    /// out: the order a history walk lists them in is its own. Nil when a commit cannot be
    /// read; the search then walks the history, and reports what is missing if it matters.
    static func broughtLines<Source: HistorySource>(
        chain: [HistoryCommit<Source.ObjectID>], merges: Set<Int>, mainline: Set<Source.ObjectID>, source: Source
    ) -> [Source.ObjectID: [Source.ObjectID]]? {
        typealias ObjectID = Source.ObjectID
        guard let last = merges.max() else { return [:] }
        // Commits off the chain that an earlier merge brought in; with `mainline`, every
        // ancestor of the chain commit being read (and newer chain commits, which no
        // ancestor can be).
        var merged = Set<ObjectID>()
        var lines: [ObjectID: [ObjectID]] = [:]
        do {
            for index in 0...last where chain[index].isMerge {
                let parents = try source.commit(chain[index].id).parents
                var brought: [ObjectID] = []
                var isLine = parents.count == 2
                var pending = Array(parents.dropFirst())
                while let id = pending.popLast() {
                    if mainline.contains(id) || !merged.insert(id).inserted { continue }
                    brought.append(id)
                    let unknown = try source.commit(id).parents.filter { !mainline.contains($0) && !merged.contains($0) }
                    if unknown.count > 1 { isLine = false }
                    pending += unknown
                }
                if isLine && merges.contains(index) { lines[chain[index].id] = brought }
            }
        } catch {
            return nil
        }
        return lines
    }

    /// Per changed path, the newest commit that the merge brought in (reachable from its
    /// other parents, not from its first) whose own change set the path to the version the
    /// merge has (or deleted it). A commit's own change is what differs from its first
    /// parent, and for a merge on the branch also from its other parents: a merge that
    /// only passes a change along is not credited with it, one that resolved a conflict
    /// into a new version is. Paths nothing matches are left out (the merge is credited).
    ///
    /// `changes` are those between the requests folders `folders.old` (the merge's first
    /// parent's) and `folders.new` (the merge's), at least every path to credit.
    /// `mainline` holds commits known to be on the merge's first-parent chain (older ones
    /// are ancestors of its first parent).
    ///
    /// Cost: the merged commits (read directly for a branch of plain commits off the
    /// mainline, the common pull request; otherwise a history walk), and for each of those
    /// that changed the requests folder, a diff of that folder, newest first, until every
    /// path is found. A branch commit with the same two folders as the merge reuses the
    /// merge's diff.
    static func branchCommits<Worker: HistoryWorker>(
        merge: HistoryCommitInfo<Worker.ObjectID>, changes: [HistoryChange<Worker.ObjectID>],
        folders: (old: Worker.ObjectID?, new: Worker.ObjectID?), mainline: Set<Worker.ObjectID>, prefix: String,
        brought: [Worker.ObjectID]? = nil, worker: Worker
    ) throws -> [ByteKey: Found<Worker.ObjectID>] {
        guard let first = merge.parents.first, merge.parents.count > 1 else { return [:] }
        typealias ObjectID = Worker.ObjectID
        // Each commit and folder is read once per search: a commit's parent is usually
        // the next candidate, and the first parent's folder is the merge's old one.
        var infos: [ObjectID: HistoryCommitInfo<ObjectID>] = [:]
        var folderOf: [ObjectID: ObjectID?] = [first: folders.old]
        func info(_ id: ObjectID) throws -> HistoryCommitInfo<ObjectID> {
            if let known = infos[id] { return known }
            let read = try worker.commit(id)
            infos[id] = read
            return read
        }
        func requestsFolder(_ id: ObjectID) throws -> ObjectID? {
            if let known = folderOf[id] { return known }
            let read = try worker.folder(prefix, in: try info(id).tree)
            folderOf[id] = read
            return read
        }
        func diff(_ old: ObjectID?, _ new: ObjectID?) throws -> [HistoryChange<ObjectID>] {
            old == folders.old && new == folders.new ? changes : try worker.changes(from: old, to: new, prefix: prefix)
        }

        var wanted: [ByteKey: ObjectID?] = [:]
        for change in changes { wanted.updateValue(change.new?.id, forKey: ByteKey(change.path)) }
        var found: [ByteKey: Found<ObjectID>] = [:]
        for candidate in try mergedCommits(
            merge: merge, first: first, mainline: mainline, brought: brought, info: info, worker: worker)
        {
            if wanted.isEmpty { break }
            let commit = try info(candidate)
            let folder = try requestsFolder(candidate)
            let parentFolder = try commit.parents.first.flatMap(requestsFolder)
            if folder == parentFolder { continue }
            // For a merge on the branch: per other parent, the paths whose version differs
            // from it, read only if this commit matches a path at all.
            var differsFromOthers: [Set<ByteKey>]?
            for change in try diff(parentFolder, folder) {
                let key = ByteKey(change.path)
                guard let target = wanted[key], target == change.new?.id else { continue }
                if commit.parents.count > 1 {
                    let others = try differsFromOthers ?? commit.parents.dropFirst().map { parent in
                        Set(try diff(try requestsFolder(parent), folder).map { ByteKey($0.path) })
                    }
                    differsFromOthers = others
                    // The same version as another parent's: passed along, not made here.
                    if others.contains(where: { !$0.contains(key) }) { continue }
                }
                found[key] = Found(id: candidate, info: commit)
                wanted.removeValue(forKey: key)
            }
        }
        return found
    }

    /// The commits the merge brought in, newest first, each before its parents. A branch
    /// of up to 64 plain commits whose oldest one's parent is on the mainline (the merge's
    /// first parent, or an older commit of the chain, which the first parent reaches) is
    /// exactly those commits, read one by one; anything else (several parents, a merge on
    /// the branch, a fork point the walk did not see) is `brought` when the walk knows it,
    /// otherwise a history walk.
    private static func mergedCommits<Worker: HistoryWorker>(
        merge: HistoryCommitInfo<Worker.ObjectID>, first: Worker.ObjectID, mainline: Set<Worker.ObjectID>,
        brought: [Worker.ObjectID]?, info: (Worker.ObjectID) throws -> HistoryCommitInfo<Worker.ObjectID>, worker: Worker
    ) throws -> [Worker.ObjectID] {
        if merge.parents.count == 2, merge.parents[1] != first, !mainline.contains(merge.parents[1]) {
            var line: [Worker.ObjectID] = []
            var next = merge.parents[1]
            while line.count < 64 {
                let commit = try info(next)
                guard commit.parents.count == 1 else { break }
                line.append(next)
                let parent = commit.parents[0]
                if parent == first || mainline.contains(parent) { return line }
                next = parent
            }
        }
        if let brought { return brought }
        return try worker.commits(from: Array(merge.parents.dropFirst()), hiding: [first])
    }
}
