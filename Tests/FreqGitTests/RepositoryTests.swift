import Foundation
import FreqGit
import FreqTestSupport
import Testing

@Suite("git layer")
struct RepositoryTests {
    /// Three commits on main touching requests/.
    func linearHistory() throws -> (ScratchRepository, [String]) {
        let scratch = try ScratchRepository()
        var ids: [String] = []
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: new\n---\n")
        ids.append(try scratch.commit("add FR-0001"))
        try scratch.write("README.md", "hello\n")
        ids.append(try scratch.commit("readme"))
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: triaged\n---\n")
        ids.append(try scratch.commit("triage FR-0001\n\nlonger body"))
        return (scratch, ids)
    }

    @Test func linearFirstParentChainIsOldestFirstWithCommitterTimes() throws {
        let (scratch, ids) = try linearHistory()
        let repository = try Repository.discover(from: scratch.path)
        let chain = try repository.firstParentChain(from: try repository.head())
        #expect(chain.map(\.id.hex) == ids)
        #expect(chain.map(\.time) == [1_767_225_600, 1_767_229_200, 1_767_232_800])
        let last = try repository.commit(chain[2].id)
        #expect(last.summary == "triage FR-0001")
        #expect(last.author.name == "Ada Support")
        #expect(last.committer.name == "Committer")
        #expect(last.parents.map(\.hex) == [ids[1]])
    }

    @Test func rootCommitHasNoParentsAndDiffsFromNothing() throws {
        let (scratch, ids) = try linearHistory()
        let repository = try Repository.open(at: scratch.path)
        let root = try repository.commit(try #require(ObjectID(hex: ids[0])))
        #expect(root.parents.isEmpty)
        let folder = try repository.subtree(of: root.tree, at: "requests")
        let changes = try repository.changes(from: nil, to: folder, prefix: "requests/")
        #expect(changes.map(\.path) == ["requests/FR-0001-a.md"])
        #expect(changes.first?.old == nil)
        #expect(changes.first?.new?.kind == .file)
    }

    @Test func unchangedFolderHasTheSameTreeIdAndNoChanges() throws {
        let (scratch, ids) = try linearHistory()
        let repository = try Repository.open(at: scratch.path)
        let first = try repository.commit(try #require(ObjectID(hex: ids[0])))
        let second = try repository.commit(try #require(ObjectID(hex: ids[1])))
        let a = try repository.subtree(of: first.tree, at: "requests")
        let b = try repository.subtree(of: second.tree, at: "requests/")
        #expect(a != nil && a == b)
        #expect(try repository.changes(from: a, to: b, prefix: "requests/").isEmpty)
    }

    @Test func blobBytesAndSizeLimit() throws {
        let (scratch, _) = try linearHistory()
        let repository = try Repository.open(at: scratch.path)
        let head = try repository.commit(try repository.head())
        let entry = try #require(try repository.treeEntry(in: head.tree, at: "requests/FR-0001-a.md"))
        #expect(try repository.blob(entry.id) == .bytes(Array("---\nid: FR-0001\nstatus: triaged\n---\n".utf8)))
        #expect(try repository.blob(entry.id, limit: 10) == .tooLarge(size: 36))
        #expect(try repository.treeEntry(in: head.tree, at: "requests/missing.md") == nil)
        let names = try repository.treeEntries(head.tree).map(\.name)
        #expect(names == ["README.md", "requests"])
    }

    @Test func mergeOfABranchShowsTheBranchChangeAtTheMergeOnTheFirstParentChain() throws {
        let scratch = try ScratchRepository()
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: new\n---\n")
        let base = try scratch.commit("add")
        try scratch.git(["checkout", "-q", "-b", "topic"])
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: planned\n---\n")
        let branchCommit = try scratch.commit("plan on a branch")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.write("other.txt", "x\n")
        try scratch.commit("unrelated on main")
        try scratch.git(["merge", "-q", "--no-ff", "-m", "merge topic", "topic"])
        let repository = try Repository.open(at: scratch.path)
        let chain = try repository.firstParentChain(from: try repository.head())
        #expect(chain.count == 3)
        #expect(!chain.map(\.id.hex).contains(branchCommit))
        #expect(chain.first?.id.hex == base)
        let mergeTree = try repository.subtree(of: chain[2].tree, at: "requests")
        let parentTree = try repository.subtree(of: chain[1].tree, at: "requests")
        let changes = try repository.changes(from: parentTree, to: mergeTree, prefix: "requests/")
        #expect(changes.map(\.path) == ["requests/FR-0001-a.md"])
        #expect(changes.first?.old != nil && changes.first?.new != nil)
        // The full walk sees the branch commit too.
        let all = try repository.walk(from: [try repository.head()]).map(\.hex)
        #expect(all.contains(branchCommit))
        #expect(all.count == 4)
    }

    @Test func renameIsADeletionAndAnAdditionOfTheSameBlob() throws {
        let scratch = try ScratchRepository()
        try scratch.write("requests/FR-0001-old.md", "---\nid: FR-0001\nstatus: new\n---\n")
        try scratch.commit("add")
        try scratch.git(["mv", "requests/FR-0001-old.md", "requests/FR-0001-new.md"])
        try scratch.commit("rename")
        let repository = try Repository.open(at: scratch.path)
        let chain = try repository.firstParentChain(from: try repository.head())
        let changes = try repository.changes(
            from: try repository.subtree(of: chain[0].tree, at: "requests"),
            to: try repository.subtree(of: chain[1].tree, at: "requests"), prefix: "requests/")
        #expect(changes.map(\.path) == ["requests/FR-0001-new.md", "requests/FR-0001-old.md"])
        #expect(changes[0].old == nil && changes[1].new == nil)
        #expect(changes[0].new?.id == changes[1].old?.id)
    }

    @Test func nestedFoldersAreDescendedAndKindsReported() throws {
        let scratch = try ScratchRepository()
        try scratch.write("CIP-0001/README.md", "a\n")
        try scratch.write("CIP-0002/README.md", "b\n")
        try scratch.commit("two")
        try scratch.write("CIP-0002/README.md", "b2\n")
        try scratch.write("CIP-0003/README.md", "c\n")
        try scratch.write("run.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: scratch.root.appendingPathComponent("run.sh").path)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.root.appendingPathComponent("link.md").path, withDestinationPath: "/etc/passwd")
        try scratch.commit("three")
        let repository = try Repository.open(at: scratch.path)
        let chain = try repository.firstParentChain(from: try repository.head())
        let changes = try repository.changes(from: chain[0].tree, to: chain[1].tree)
        #expect(changes.map(\.path) == ["CIP-0002/README.md", "CIP-0003/README.md", "link.md", "run.sh"])
        #expect(changes[2].new?.kind == .symlink)
        #expect(changes[3].new?.kind == .executable)
        #expect(changes[3].new?.kind.isRegularFile == true)
        let flat = try repository.changes(from: chain[0].tree, to: chain[1].tree, recursive: false)
        #expect(flat.map(\.path) == ["CIP-0002", "CIP-0003", "link.md", "run.sh"])
    }

    @Test func gitTreeOrderPutsFolderAfterSameNamedFileWithSuffix() throws {
        // "a.md" < "a/" < "a0" in git's order, because a folder sorts as "a/".
        let scratch = try ScratchRepository()
        try scratch.write("a.md", "1\n")
        try scratch.write("a/x.md", "2\n")
        try scratch.write("a0", "3\n")
        try scratch.commit("one")
        try scratch.write("a.md", "1b\n")
        try scratch.write("a/x.md", "2b\n")
        try scratch.write("a0", "3b\n")
        try scratch.commit("two")
        let repository = try Repository.open(at: scratch.path)
        let chain = try repository.firstParentChain(from: try repository.head())
        let changes = try repository.changes(from: chain[0].tree, to: chain[1].tree)
        #expect(changes.map(\.path) == ["a.md", "a/x.md", "a0"])
        #expect(changes.allSatisfy { $0.old != nil && $0.new != nil })
    }

    @Test func emptyRepositoryHasAnUnbornHeadWithAClearError() throws {
        let scratch = try ScratchRepository()
        let repository = try Repository.discover(from: scratch.path)
        #expect(try repository.isHeadUnborn)
        let error = #expect(throws: GitError.self) { try repository.head() }
        #expect(error?.kind == .unbornHead)
        #expect(error?.message == "the repository has no commits yet")
        #expect(throws: GitError.self) { try repository.resolveCommit("HEAD~1") }
    }

    @Test func notARepositoryIsAClearError() throws {
        let scratch = try ScratchRepository(initialize: false)
        let error = #expect(throws: GitError.self) { try Repository.discover(from: scratch.path) }
        #expect(error?.kind == .notARepository)
        #expect(error?.message.hasPrefix("not a git repository") == true)
    }

    @Test func discoverFromASubfolderFindsTheWorkingTreeRoot() throws {
        let (scratch, _) = try linearHistory()
        let repository = try Repository.discover(from: scratch.root.appendingPathComponent("requests").path)
        let root = try #require(repository.workingTreeRoot)
        #expect(URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            == scratch.root.resolvingSymlinksInPath().path)
        #expect(repository.gitDirectory.hasSuffix(".git/"))
        #expect(!repository.isBare)
    }

    @Test func bareRepositoryOpensAndResolves() throws {
        let (scratch, ids) = try linearHistory()
        let bare = try ScratchRepository(initialize: false)
        try ScratchRepository.run(["git", "clone", "-q", "--bare", scratch.path, bare.path + "/r.git"], in: bare.root)
        let repository = try Repository.discover(from: bare.path + "/r.git")
        #expect(repository.isBare)
        #expect(repository.workingTreeRoot == nil)
        #expect(try repository.head().hex == ids[2])
    }

    @Test func detachedHeadResolves() throws {
        let (scratch, ids) = try linearHistory()
        try scratch.git(["checkout", "-q", "--detach", ids[1]])
        let repository = try Repository.open(at: scratch.path)
        #expect(try repository.isHeadDetached)
        #expect(try repository.head().hex == ids[1])
        #expect(try repository.resolveCommit("main").hex == ids[2])
    }

    @Test func revisionsResolveTheWayGitDoes() throws {
        let (scratch, ids) = try linearHistory()
        try scratch.git(["tag", "-a", "v1", "-m", "release", ids[1]])
        try scratch.git(["tag", "light", ids[0]])
        let clone = try ScratchRepository(initialize: false)
        try ScratchRepository.run(["git", "clone", "-q", scratch.path, clone.path + "/c"], in: clone.root)
        let repository = try Repository.open(at: scratch.path)
        #expect(try repository.resolveCommit("HEAD").hex == ids[2])
        #expect(try repository.resolveCommit("HEAD~2").hex == ids[0])
        #expect(try repository.resolveCommit("HEAD^").hex == ids[1])
        #expect(try repository.resolveCommit("main").hex == ids[2])
        #expect(try repository.resolveCommit("v1").hex == ids[1])  // annotated tag peels to its commit
        #expect(try repository.resolveCommit("light").hex == ids[0])
        #expect(try repository.resolveCommit(String(ids[1].prefix(8))).hex == ids[1])
        let cloned = try Repository.open(at: clone.path + "/c")
        #expect(try cloned.resolveCommit("origin/main").hex == ids[2])
        let range = try repository.resolveRange("HEAD~2..HEAD")
        #expect(range.base.hex == ids[0] && range.head.hex == ids[2])
    }

    @Test func threeDotRangeStartsFromTheMergeBase() throws {
        let scratch = try ScratchRepository()
        try scratch.write("a", "1\n")
        let base = try scratch.commit("base")
        try scratch.git(["checkout", "-q", "-b", "topic"])
        try scratch.write("b", "2\n")
        let topic = try scratch.commit("topic")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.write("c", "3\n")
        let main = try scratch.commit("main moves on")
        let repository = try Repository.open(at: scratch.path)
        let threeDot = try repository.resolveRange("main...topic")
        #expect(threeDot.base.hex == base && threeDot.head.hex == topic)
        let twoDot = try repository.resolveRange("main..topic")
        #expect(twoDot.base.hex == main)
        #expect(try repository.isAncestor(try #require(ObjectID(hex: base)), of: try #require(ObjectID(hex: topic))))
        #expect(try !repository.isAncestor(try #require(ObjectID(hex: main)), of: try #require(ObjectID(hex: topic))))
        let tips = try repository.referenceTips().map(\.name)
        #expect(tips == ["refs/heads/main", "refs/heads/topic"])
    }

    @Test(arguments: ["nope", "HEAD~x", "main..", "", "HEAD@{", "a b"])
    func badRevisionsAreClearErrors(spec: String) throws {
        let (scratch, _) = try linearHistory()
        let repository = try Repository.open(at: scratch.path)
        if spec == "main.." {
            // "main.." is a valid range (main..HEAD) but not a single revision.
            #expect(throws: GitError.self) { try repository.resolveCommit(spec) }
            return
        }
        let error = #expect(throws: GitError.self) { try repository.resolveCommit(spec) }
        #expect(error?.message.contains("`\(spec)`") == true || spec.isEmpty)
        #expect(error?.message.contains("\n") == false)
    }

    @Test func aRangeNeedsTwoDots() throws {
        let (scratch, _) = try linearHistory()
        let repository = try Repository.open(at: scratch.path)
        let error = #expect(throws: GitError.self) { try repository.resolveRange("main") }
        #expect(error?.message.contains("BASE..HEAD") == true)
    }

    @Test func shallowCloneIsReportedAndItsChainStopsAtTheBoundary() throws {
        let (scratch, ids) = try linearHistory()
        let clone = try ScratchRepository(initialize: false)
        try ScratchRepository.run(
            ["git", "clone", "-q", "--depth", "2", "file://" + scratch.path, clone.path + "/s"], in: clone.root)
        let repository = try Repository.open(at: clone.path + "/s")
        #expect(try repository.isShallow)
        let chain = try repository.firstParentChain(from: try repository.head())
        #expect(chain.map(\.id.hex) == Array(ids.suffix(2)))
        let full = try Repository.open(at: scratch.path)
        #expect(try !full.isShallow)
    }

    @Test func objectIDRoundTripsThroughHex() throws {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex)
        #expect(id.short == "0123456")
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
    }
}
