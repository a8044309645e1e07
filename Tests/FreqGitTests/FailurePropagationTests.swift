import Foundation
import FreqGit
import FreqTestSupport
import Testing

/// A damaged repository is an error, never a quiet "nothing there"; only the documented,
/// expected absences (a tag of a tree, a dangling `origin/HEAD`) are skipped.
@Suite("git failures propagate")
struct FailurePropagationTests {
    func oneCommit() throws -> (ScratchRepository, String) {
        let scratch = try ScratchRepository()
        try scratch.write("a.md", "1\n")
        return (scratch, try scratch.commit("one"))
    }

    /// Writes an annotated tag object pointing at a commit that does not exist (git's
    /// own commands refuse to make one) and names it `refs/tags/<name>`.
    func tagOfAMissingCommit(_ scratch: ScratchRepository, name: String) throws {
        let tag = """
            object \(String(repeating: "ab", count: 20))
            type commit
            tag \(name)
            tagger Ada <ada@example.com> 1767225600 +0000

            broken

            """
        let file = scratch.root.appendingPathComponent("tag.txt")
        try Data(tag.utf8).write(to: file)
        let id = try scratch.git(["hash-object", "-t", "tag", "--literally", "-w", file.path])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try scratch.write(".git/refs/tags/\(name)", id + "\n")
        try scratch.remove("tag.txt")
    }

    @Test func referenceTipsSkipOnlyTheExpectedDeadEnds() throws {
        let (scratch, head) = try oneCommit()
        try scratch.git(["tag", "tree-tag", "HEAD^{tree}"])
        try scratch.git(["tag", "-a", "-m", "a blob", "blob-tag", "HEAD:a.md"])
        // `origin/HEAD` left pointing at a branch the remote no longer has.
        try scratch.git(["symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/gone"])
        let repository = try Repository.open(at: scratch.path)
        let tips = try repository.referenceTips()
        #expect(tips.map(\.name) == ["refs/heads/main"])
        #expect(tips.map(\.commit.hex) == [head])
    }

    @Test func aReferenceToAMissingObjectIsAnError() throws {
        let (scratch, _) = try oneCommit()
        try scratch.write(".git/refs/heads/broken", String(repeating: "cd", count: 20) + "\n")
        let repository = try Repository.open(at: scratch.path)
        let error = #expect(throws: GitError.self) { try repository.referenceTips() }
        #expect(error?.kind == .notFound)
        #expect(error?.function == "git_reference_peel")
    }

    @Test func aTagWhoseCommitIsMissingIsAGitFailureNotAWrongRevision() throws {
        let (scratch, _) = try oneCommit()
        try tagOfAMissingCommit(scratch, name: "broken")
        let repository = try Repository.open(at: scratch.path)
        let error = #expect(throws: GitError.self) { try repository.resolveCommit("broken") }
        #expect(error?.kind == .notFound)
        #expect(error?.message.hasPrefix("cannot resolve `broken` to a commit: ") == true)
        // Naming a tree is still the user's mistake, told as before.
        let tree = #expect(throws: GitError.self) { try repository.resolveCommit("HEAD^{tree}") }
        #expect(tree?.kind == .invalidSpec)
        #expect(tree?.message == "revision `HEAD^{tree}` does not name a commit")
    }

    @Test func anUnreadableShallowFileIsAnErrorNotACompleteHistory() throws {
        let (scratch, head) = try oneCommit()
        // A folder where the file should be: libgit2 calls it shallow, reading it fails.
        try FileManager.default.createDirectory(
            at: scratch.root.appendingPathComponent(".git/shallow"), withIntermediateDirectories: false)
        let repository = try Repository.open(at: scratch.path)
        #expect(try repository.isShallow)
        let error = #expect(throws: GitError.self) { try repository.shallowBoundaries() }
        #expect(error?.message.hasPrefix("cannot read `") == true)
        #expect(error?.message.hasSuffix("shallow`: Is a directory") == true)
        let id = try #require(ObjectID(hex: head))
        #expect(throws: GitError.self) { try repository.firstParentChain(from: id) }
    }

    @Test func aDamagedShallowFileIsAnError() throws {
        let (scratch, head) = try oneCommit()
        try scratch.write(".git/shallow", head + "\nnot-an-id\n")
        let repository = try Repository.open(at: scratch.path)
        let error = #expect(throws: GitError.self) { try repository.shallowBoundaries() }
        #expect(error?.message.contains("`not-an-id` is not a commit id") == true)
        // A well-formed file still reads.
        try scratch.write(".git/shallow", head + "\n")
        #expect(try repository.shallowBoundaries().map(\.hex) == [head])
    }

    @Test func aDamagedHeadIsAnErrorNotAnAnswer() throws {
        let (scratch, _) = try oneCommit()
        let repository = try Repository.open(at: scratch.path)
        try scratch.write(".git/HEAD", "not a reference\n")
        #expect(throws: GitError.self) { try repository.isHeadUnborn }
        #expect(throws: GitError.self) { try repository.isHeadDetached }
        let error = #expect(throws: GitError.self) { try repository.head() }
        #expect(error?.kind != .unbornHead)
    }
}
