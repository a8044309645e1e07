/// Names the commit that moved each status in a `freq diff BASE..HEAD`: the newest commit
/// of HEAD's first-parent chain after BASE where the request's file took its status at
/// HEAD (its status before differing), credited as the history credits a change
/// (docs/history.md, "Credit": for a merge, the branch commit that made the change).
///
/// Reads only what the range changed: one walk of the range, and for each of its
/// first-parent commits that changed the requests folder, a diff of that folder (on every
/// core); the changed versions of the moved requests' files are parsed once each. Nothing
/// at all when no status moved. A pull request costs a few milliseconds; a long range
/// about 1.5 ms of CPU per first-parent commit that changed a 10,000-file folder
/// (measured on the benchmark registry: `HEAD~5000..HEAD`, 2,700 such commits, 0.9 s
/// before, 3.0 s on two cores).
public enum StatusMoveCredit {
    /// Sets `statusCredit` on every change of `diff` whose status moved.
    public static func attach<Source: HistorySource>(
        to diff: inout RegistryDiff, base: Source.ObjectID, head: Source.ObjectID, config: RegistryConfig,
        source: Source, limits: FrontMatterLimits = .default
    ) throws {
        typealias ObjectID = Source.ObjectID
        let moved = diff.changes.indices.filter { diff.changes[$0].statusMoved }
        if moved.isEmpty { return }
        let prefix = try RequestSelector(config: config).include.fixedPrefix
        // The files to follow: where each moved request is at HEAD, and where it was at
        // BASE when it was renamed.
        let followed = Set(moved.flatMap { index in
            [diff.changes[index].path] + (diff.changes[index].oldPath.map { [$0] } ?? [])
        }.map { ByteKey($0) })

        // HEAD's first-parent chain down to the first commit BASE reaches (`git log
        // --first-parent BASE..HEAD`), newest first, with its requests folders.
        let worker = try source.workerFactory()
        let range = Set(try worker.commits(from: [head], hiding: [base]))
        typealias Folders = (old: ObjectID?, new: ObjectID?)
        var chain: [(id: ObjectID, info: HistoryCommitInfo<ObjectID>, folders: Folders)] = []
        var info = try source.commit(head)
        var folder = try source.folder(prefix, in: info.tree)
        var next: ObjectID? = head
        while let id = next, range.contains(id) {
            // The parent is read once: it is the next commit of the chain.
            let parent = try info.parents.first.map { try source.commit($0) }
            let parentFolder = try parent.flatMap { try source.folder(prefix, in: $0.tree) }
            chain.append((id, info, (parentFolder, folder)))
            next = info.parents.first
            if let parent { info = parent }
            folder = parentFolder
        }
        // The changes to the followed files, diffed on every core (reading a large folder
        // tree is the costly step), then per file the positions in the chain of the
        // commits that changed it, newest first.
        // Oldest first, in the order the history walk reads them.
        let changed = chain.indices.reversed().filter { chain[$0].folders.old != chain[$0].folders.new }
        let pairs = changed.map { chain[$0].folders }
        let diffs = try ParallelWork.map(
            pairs, chunks: min(System.coreCount, max(1, pairs.count / 32)), context: source.workerFactory
        ) { worker, pair in
            try worker.changes(from: pair.old, to: pair.new, prefix: prefix).filter { followed.contains(ByteKey($0.path)) }
        }
        var changesOf: [ByteKey: [(position: Int, change: HistoryChange<ObjectID>)]] = [:]
        for (position, changes) in zip(changed, diffs).reversed() {
            for change in changes { changesOf[ByteKey(change.path), default: []].append((position, change)) }
        }

        let mainline = Set(chain.map(\.id))
        var statuses: [ObjectID: String?] = [:]
        func status(_ blob: ObjectID?) throws -> String? {
            guard let blob else { return nil }
            if let known = statuses[blob] { return known }
            var read: String?
            // Too large or unreadable: no status, as in the history.
            if let bytes = try worker.bytes(of: blob, limit: limits.maxFileBytes),
                case .success(let identity) = FrontMatterReader.readIdentity(
                    bytes, idField: config.idField, statusField: config.statusField, limits: limits)
            {
                read = identity.status
            }
            statuses[blob] = read
            return read
        }

        var credits: [(index: Int, position: Int, change: HistoryChange<ObjectID>)] = []
        for index in moved {
            let change = diff.changes[index]
            guard let to = change.status.to else { continue }
            // The commits that changed the file at its HEAD path or, before a rename, at its
            // BASE path; the HEAD path wins when a commit changed both (the rename itself).
            var entries = changesOf[ByteKey(change.path)] ?? []
            if let oldPath = change.oldPath, let old = changesOf[ByteKey(oldPath)] {
                let positions = Set(entries.map(\.position))
                entries += old.filter { !positions.contains($0.position) }
                entries.sort { $0.position < $1.position }
            }
            // Newest first: the status after each commit that changed the file, until an
            // older one shows it was not yet `to`.
            var candidate: (commit: Int, change: HistoryChange<ObjectID>)?
            for (position, fileChange) in entries {
                if let new = fileChange.new, try status(new.id) == to {
                    candidate = (position, fileChange)
                } else if candidate != nil || fileChange.path.hasSameBytes(as: change.path) {
                    break
                }
            }
            guard let (position, fileChange) = candidate else { continue }
            credits.append((index, position, fileChange))
        }
        // A merge's branch is searched once for every file it moved: a search walks the
        // branch and diffs its commits, which per file took minutes on long branches.
        var foundAt: [Int: [ByteKey: HistoryCredit.Found<ObjectID>]] = [:]
        for (position, moves) in Dictionary(grouping: credits, by: \.position) where chain[position].info.parents.count > 1 {
            let commit = chain[position]
            foundAt[position] = try HistoryCredit.branchCommits(
                merge: commit.info, changes: moves.map(\.change), folders: commit.folders, mainline: mainline,
                prefix: prefix, worker: worker)
        }
        for (index, position, fileChange) in credits {
            let commit = chain[position]
            var credited = (id: commit.id, info: commit.info)
            if let found = foundAt[position]?[ByteKey(fileChange.path)] {
                credited = (found.id, found.info)
            }
            diff.changes[index].statusCredit = CommitCredit(
                commit: source.hex(credited.id), author: credited.info.author, time: credited.info.authorTime,
                subject: credited.info.subject)
        }
    }
}
