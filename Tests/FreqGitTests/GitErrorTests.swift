import FreqTestSupport
import Testing

@testable import FreqGit

@Suite("git errors")
struct GitErrorTests {
    /// Failures that libgit2 reports with a message of its own, each from another path
    /// through FreqGit.
    enum Failure: String, CaseIterable, Sendable {
        case unknownRevision, notARepository, missingBlob, missingCommit, missingTree, treeIsNotACommit
    }

    func fail(_ failure: Failure, in scratch: ScratchRepository) throws(GitError) {
        let missing = ObjectID(hex: String(repeating: "ab", count: 20))
        switch failure {
        case .notARepository:
            _ = try Repository.open(at: scratch.path + "/no-such-folder")
        case .unknownRevision:
            _ = try Repository.open(at: scratch.path).resolveCommit("no-such-branch")
        case .missingBlob:
            _ = try missing.map { id throws(GitError) in try Repository.open(at: scratch.path).blob(id) }
        case .missingCommit:
            _ = try missing.map { id throws(GitError) in try Repository.open(at: scratch.path).commit(id) }
        case .missingTree:
            _ = try missing.map { id throws(GitError) in try Repository.open(at: scratch.path).treeEntries(id) }
        case .treeIsNotACommit:
            _ = try Repository.open(at: scratch.path).resolveCommit("HEAD^{tree}")
        }
    }

    /// libgit2 keeps one error per thread, a success does not reset it and some failures
    /// set none: a message copied for one failure must not be reported for a later one.
    @Test(arguments: Failure.allCases)
    func aStaleLibgit2MessageNeverAttachesToALaterFailure(_ failure: Failure) throws {
        let scratch = try ScratchRepository()
        try scratch.write("a", "1\n")
        try scratch.commit("one")
        let first = #expect(throws: GitError.self) { try fail(failure, in: scratch) }
        #expect(first != nil)
        // A failure that sets no libgit2 error (as a callback's or an iterator's can).
        let later = #expect(throws: GitError.self) { try check("git_later_call", -1) }
        #expect(later?.message == "git_later_call failed with code -1")
        #expect(later?.errorClass == 0)
    }

    @Test func aFailureKeepsLibgit2sClassAndFunctionUnderFreqsMessage() throws {
        let scratch = try ScratchRepository()
        try scratch.write("a", "1\n")
        try scratch.commit("one")
        let repository = try Repository.open(at: scratch.path)
        let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        let blob = #expect(throws: GitError.self) { try repository.blob(missing) }
        #expect(blob?.kind == .notFound)
        #expect(blob?.function == "git_blob_lookup")
        #expect(blob?.errorClass != 0)
        let commit = #expect(throws: GitError.self) { try repository.commit(missing) }
        #expect(commit?.kind == .notFound)
        #expect(commit?.function == "git_commit_lookup")
        #expect(commit?.errorClass != 0)
        #expect(commit?.message == "commit abababa is missing from the repository (a shallow or partial clone?)")
    }
}
