import FreqGit
import FreqTestSupport
import Testing

/// A `Repository` must be freed once its last user lets go, however many trees it has
/// read: the history walk opens one per worker thread and a long-lived process (tests,
/// a future server) would otherwise keep every handle, its pack maps and files open.
@Suite("repository lifetime")
struct RepositoryLifetimeTests {
    /// Two requests in a nested folder over three commits, so that the walk reads root
    /// trees, folder trees and blobs.
    func history() throws -> ScratchRepository {
        let scratch = try ScratchRepository()
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: new\n---\n")
        try scratch.commit("add FR-0001")
        try scratch.write("requests/sub/FR-0002-b.md", "---\nid: FR-0002\nstatus: new\n---\n")
        try scratch.commit("add FR-0002")
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: planned\n---\n")
        try scratch.commit("plan FR-0001")
        return scratch
    }

    /// Reads the history the way `GitHistorySource` and its workers do; returns how
    /// many blobs it read, so that the reads cannot be optimised away.
    func walkLikeTheHistoryEngine(_ repository: Repository, worker: Repository) throws -> Int {
        let chain = try repository.firstParentChain(from: try repository.head())
        var previous: ObjectID?
        var blobs = 0
        for commit in chain {
            let folder = try repository.subtree(of: commit.tree, at: "requests")
            for change in try worker.changes(from: previous, to: folder, prefix: "requests/") {
                guard let entry = change.new, entry.kind.isRegularFile else { continue }
                if case .bytes = try worker.blob(entry.id, limit: 1 << 20) { blobs += 1 }
            }
            previous = folder
        }
        return blobs
    }

    /// Reads one commit's files the way `GitSnapshot` does, plus the single-file reads.
    func readLikeTheSnapshot(_ repository: Repository) throws -> Int {
        let head = try repository.head()
        let record = try repository.commit(head)
        let folder = try #require(try repository.subtree(of: record.tree, at: "requests/"))
        var blobs = 0
        for change in try repository.files(in: folder, prefix: "requests/") {
            guard let entry = change.new else { continue }
            if case .bytes = try repository.blob(entry.id) { blobs += 1 }
        }
        _ = try repository.treeEntries(record.tree)
        if try repository.fileBytes(at: "requests/sub/FR-0002-b.md", in: head) != nil { blobs += 1 }
        return blobs
    }

    @Test func aRepositoryThatReadTreesIsFreedWhenDropped() throws {
        let scratch = try history()
        weak var released: Repository?
        weak var releasedWorker: Repository?
        do {
            let repository = try Repository.open(at: scratch.path)
            // A worker opens its own handle on the same git folder, as on each thread.
            let worker = try Repository.open(at: repository.gitDirectory)
            released = repository
            releasedWorker = worker
            // FR-0001 twice (added, then planned) and FR-0002 once.
            #expect(try walkLikeTheHistoryEngine(repository, worker: worker) == 3)
            #expect(try readLikeTheSnapshot(repository) == 3)
            #expect(released != nil && releasedWorker != nil)
        }
        #expect(released == nil, "the repository outlived its last strong reference")
        #expect(releasedWorker == nil, "the worker's repository outlived its last strong reference")
    }

    @Test func treesReadEarlierStayUsableAfterManyMoreLookups() throws {
        // The tree cache is emptied when full; trees still in use by a diff must stay
        // valid (they own their handle) and the answers must not change.
        let scratch = try ScratchRepository()
        for index in 0..<12 {
            try scratch.write("requests/FR-\(index).md", "---\nid: FR-\(index)\n---\n")
            try scratch.commit("add \(index)")
        }
        let repository = try Repository.open(at: scratch.path)
        let chain = try repository.firstParentChain(from: try repository.head())
        let trees = try chain.map { commit throws(GitError) in try repository.subtree(of: commit.tree, at: "requests") }
        #expect(chain.count == 12)
        for index in 1..<trees.count {
            let changes = try repository.changes(from: trees[index - 1], to: trees[index], prefix: "requests/")
            #expect(changes.map(\.path) == ["requests/FR-\(index).md"])
        }
        let all = try repository.changes(from: trees[0], to: trees[11], prefix: "requests/")
        #expect(all.count == 11)
    }
}
