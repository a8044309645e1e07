/// Names the commit that moved each status in a `freq diff BASE..HEAD`: the newest commit
/// of HEAD's first-parent chain after BASE where the request's file took its status at
/// HEAD (its status before differing), credited as the history credits a change
/// (docs/history.md, "Credit": for a merge, the branch commit that made the change).
///
/// Reads only what the range changed: one walk of the range, and for each of its
/// first-parent commits that changed the requests folder, a diff of that folder; the
/// changed versions of the moved requests' files are parsed once each. A pull request
/// costs a few milliseconds; a range of thousands of commits about a history walk of it.
public enum StatusMoveCredit {
    /// Sets `statusCredit` on every change of `diff` whose status moved. `hex` writes an
    /// id as git does.
    public static func attach<Worker: HistoryWorker>(
        to diff: inout RegistryDiff, base: Worker.ObjectID, head: Worker.ObjectID, config: RegistryConfig,
        worker: Worker, hex: (Worker.ObjectID) -> String, limits: FrontMatterLimits = .default
    ) throws {
        let moved = diff.changes.indices.filter { diff.changes[$0].statusMoved }
        if moved.isEmpty { return }
        let prefix = try RequestSelector(config: config).include.fixedPrefix
        // The files to follow: where each moved request is at HEAD, and where it was at
        // BASE when it was renamed.
        var paths: [ByteKey: [Int]] = [:]
        for index in moved {
            let change = diff.changes[index]
            for path in Set([change.path] + (change.oldPath.map { [$0] } ?? [])) {
                paths[ByteKey(path), default: []].append(index)
            }
        }

        // HEAD's first-parent chain down to the first commit BASE reaches (`git log
        // --first-parent BASE..HEAD`), newest first, with each commit's changes to those files.
        let range = Set(try worker.commits(from: [head], hiding: [base]))
        typealias Folders = (old: Worker.ObjectID?, new: Worker.ObjectID?)
        var chain: [(id: Worker.ObjectID, info: HistoryCommitInfo<Worker.ObjectID>, folders: Folders, changes: [HistoryChange<Worker.ObjectID>])] = []
        var next: Worker.ObjectID? = head
        var folder = try worker.folder(prefix, in: try worker.commit(head).tree)
        while let id = next, range.contains(id) {
            let info = try worker.commit(id)
            let parentFolder = try info.parents.first.flatMap { try worker.folder(prefix, in: try worker.commit($0).tree) }
            var changes: [HistoryChange<Worker.ObjectID>] = []
            if folder != parentFolder {
                changes = try worker.changes(from: parentFolder, to: folder, prefix: prefix).filter { paths[ByteKey($0.path)] != nil }
            }
            chain.append((id, info, (parentFolder, folder), changes))
            next = info.parents.first
            folder = parentFolder
        }

        let mainline = Set(chain.map(\.id))
        var statuses: [Worker.ObjectID: String?] = [:]
        func status(_ blob: Worker.ObjectID?) throws -> String? {
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

        for index in moved {
            let change = diff.changes[index]
            guard let to = change.status.to else { continue }
            let files = [change.path] + (change.oldPath.map { [$0] } ?? [])
            // Newest first: the status after each commit that changed one of the files,
            // until an older commit shows it was not yet `to`.
            var candidate: (commit: Int, change: HistoryChange<Worker.ObjectID>)?
            for (position, commit) in chain.enumerated() {
                // The head path wins over the old one when both changed (a rename).
                guard let fileChange = files.lazy.compactMap({ path in commit.changes.first { ByteKey($0.path) == ByteKey(path) } }).first
                else { continue }
                if let new = fileChange.new, try status(new.id) == to {
                    candidate = (position, fileChange)
                } else if candidate != nil || fileChange.path == change.path {
                    break
                }
            }
            guard let (position, fileChange) = candidate else { continue }
            let commit = chain[position]
            var credited = (id: commit.id, info: commit.info)
            if commit.info.parents.count > 1,
                let found = try HistoryCredit.branchCommits(
                    merge: commit.info, changes: [fileChange], folders: commit.folders, mainline: mainline, prefix: prefix,
                    worker: worker)[ByteKey(fileChange.path)]
            {
                credited = (found.id, found.info)
            }
            diff.changes[index].statusCredit = CommitCredit(
                commit: hex(credited.id), author: credited.info.author, time: credited.info.authorTime,
                subject: credited.info.subject)
        }
    }
}
