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

    init(repository: Repository) throws {
        self.repository = repository
        isShallow = try repository.isShallow
        shallowKey = try repository.shallowBoundaries().map(\.hex).sorted().joined(separator: ",")
    }

    func hex(_ id: ObjectID) -> String { id.hex }

    func objectID(hex: String) -> ObjectID? { ObjectID(hex: hex) }

    func mainline(to tip: ObjectID, stoppingAt stop: ObjectID?) throws -> (commits: [HistoryCommit<ObjectID>], reachedStop: Bool) {
        let (chain, reached) = try repository.firstParentChain(from: tip, stoppingAt: stop)
        return (chain.map { HistoryCommit(id: $0.id, tree: $0.tree, time: $0.time) }, reached)
    }

    func folder(_ path: String, in tree: ObjectID) throws -> ObjectID? {
        path.isEmpty ? tree : try repository.subtree(of: tree, at: path)
    }

    var workerFactory: @Sendable () throws -> Worker {
        let gitDirectory = repository.gitDirectory
        return { Worker(repository: try Repository.open(at: gitDirectory)) }
    }

    /// Diffs and blob reads on one thread, with that thread's own repository handle.
    struct Worker: HistoryWorker {
        let repository: Repository

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
    }
}
