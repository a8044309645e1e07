import FreqGit
import FreqKit

/// The git layer, seen through the history engine's protocol: the one place where
/// FreqGit's values become FreqKit's.
struct GitHistorySource: HistorySource {
    typealias ObjectID = FreqGit.ObjectID

    let repository: Repository
    /// Read once here: the protocol's properties cannot throw, and an unreadable shallow
    /// boundary is a failure to report, not a complete history.
    let isShallow: Bool
    let shallowKey: String
    /// A shallow clone's cut: the commits whose parents are missing.
    let boundaries: Set<ObjectID>

    init(repository: Repository) throws {
        self.repository = repository
        isShallow = try repository.isShallow
        boundaries = try repository.shallowBoundaries()
        shallowKey = boundaries.map(\.hex).sorted().joined(separator: ",")
    }

    func hex(_ id: ObjectID) -> String { id.hex }

    func objectID(hex: String) -> ObjectID? { ObjectID(hex: hex) }

    func mainline(to tip: ObjectID, stoppingAt stop: ObjectID?) throws -> (commits: [HistoryCommit<ObjectID>], reachedStop: Bool) {
        let (chain, reached) = try repository.firstParentChain(from: tip, stoppingAt: stop)
        return (chain.map { HistoryCommit(id: $0.id, tree: $0.tree, time: $0.time, isMerge: $0.isMerge) }, reached)
    }

    func folder(_ path: String, in tree: ObjectID) throws -> ObjectID? {
        path.isEmpty ? tree : try repository.subtree(of: tree, at: path)
    }

    func commit(_ id: ObjectID) throws -> HistoryCommitInfo<ObjectID> {
        Self.info(try repository.commit(id), boundaries: boundaries)
    }

    /// A shallow clone's cut has no parents to compare with, as on the mainline.
    static func info(_ commit: CommitRecord, boundaries: Set<ObjectID>) -> HistoryCommitInfo<ObjectID> {
        HistoryCommitInfo(
            tree: commit.tree, parents: boundaries.contains(commit.id) ? [] : commit.parents, author: commit.author.name,
            authorTime: commit.author.time, subject: commit.summary)
    }

    var workerFactory: @Sendable () throws -> Worker {
        let gitDirectory = repository.gitDirectory
        let boundaries = boundaries
        return { Worker(repository: try Repository.open(at: gitDirectory), boundaries: boundaries) }
    }

    /// Diffs, blob and commit reads on one thread, with that thread's own repository handle.
    struct Worker: HistoryWorker {
        let repository: Repository
        let boundaries: Set<ObjectID>

        func changes(from old: ObjectID?, to new: ObjectID?, prefix: String) throws -> [HistoryChange<ObjectID>] {
            try repository.changes(from: old, to: new, prefix: prefix).map { change in
                guard let entry = change.new else { return HistoryChange(path: change.path, new: nil) }
                let kind: HistoryEntryKind
                switch entry.kind {
                case .file, .executable: kind = .file
                case .symlink: kind = .symlink
                default: kind = .ignored
                }
                return HistoryChange(path: change.path, new: (entry.id, kind))
            }
        }

        func bytes(of blob: ObjectID, limit: Int) throws -> [UInt8]? {
            switch try repository.blob(blob, limit: limit) {
            case .bytes(let bytes): return bytes
            case .tooLarge: return nil
            }
        }

        func commit(_ id: ObjectID) throws -> HistoryCommitInfo<ObjectID> {
            GitHistorySource.info(try repository.commit(id), boundaries: boundaries)
        }

        func commits(from tips: [ObjectID], hiding hidden: [ObjectID]) throws -> [ObjectID] {
            do throws(GitError) {
                return try repository.walk(from: tips, hiding: hidden)
            } catch {
                // libgit2 1.5 walks past a shallow clone's cut and misses the parents
                // there: the merge is then credited itself (docs/history.md, "Credit").
                guard error.kind == .notFound && !boundaries.isEmpty else { throw error }
                return []
            }
        }

        func folder(_ path: String, in tree: ObjectID) throws -> ObjectID? {
            path.isEmpty ? tree : try repository.subtree(of: tree, at: path)
        }
    }
}
