@testable import FreqKit
import FreqTestSupport
import Testing

/// Which commit the walk credits with each change (docs/history.md, "Credit"), on
/// in-memory histories with merges.
@Suite("history credit")
struct HistoryCreditTests {
    let path = "requests/FR-0001-a.md"

    func walk(_ git: MemoryGit, tip: Int) throws -> RequestTimeline {
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        return try #require(try HistoryEngine(source: git, config: config).run(tip: tip).timeline(id: "FR-0001"))
    }

    func request(_ status: String, title: String = "Export invoices") -> [String: String] {
        [path: RegistryFixture.request("FR-0001", status: status, title: title)]
    }

    @Test func aCommitOnTheMainlineIsCreditedItselfWithItsAuthorTime() throws {
        var git = MemoryGit()
        let first = git.commit(request("new"), author: "Jana")
        let second = git.commit(request("planned"), author: "Pat")
        let timeline = try walk(git, tip: second)
        #expect(timeline.received.change == CommitCredit(commit: git.hex(first), author: "Jana", time: git.commits[first].time - 60, subject: "commit \(first)"))
        let event = try #require(timeline.events.first)
        #expect(event.at.commit == git.hex(second))
        #expect(event.at.time == git.commits[second].time)
        #expect(event.at.change?.commit == git.hex(second))
        #expect(event.at.change?.author == "Pat")
        // The author time, not the committer time the figures use.
        #expect(event.at.change?.time == git.commits[second].time - 60)
    }

    @Test func aMergeIsCreditedToTheBranchCommitThatMadeTheChange() throws {
        var git = MemoryGit()
        let base = git.commit(request("new"))
        let branch = git.commit(request("planned"), parents: [base], author: "Pat")
        let merge = git.commit(request("planned"), parents: [base, branch], author: "Mo")
        let event = try #require(try walk(git, tip: merge).events.first)
        #expect(event.kind == .status(from: "new", to: "planned"))
        // Dated and placed at the merge; credited to the branch.
        #expect(event.at.commit == git.hex(merge))
        #expect(event.at.time == git.commits[merge].time)
        #expect(event.at.change?.commit == git.hex(branch))
        #expect(event.at.change?.author == "Pat")
    }

    @Test func theNewestBranchCommitThatSetTheMergedVersionIsCredited() throws {
        var git = MemoryGit()
        let base = git.commit(request("new"))
        let planned = git.commit(request("planned"), parents: [base], author: "Pat")
        let triaged = git.commit(request("triaged"), parents: [planned], author: "Sam")
        let again = git.commit(request("planned"), parents: [triaged], author: "Kim")
        let unrelated = git.commit(request("planned").merging(["notes.txt": "x"]) { $1 }, parents: [again], author: "Lee")
        let merge = git.commit(request("planned").merging(["notes.txt": "x"]) { $1 }, parents: [base, unrelated], author: "Mo")
        let event = try #require(try walk(git, tip: merge).events.first)
        #expect(event.at.change?.commit == git.hex(again))
        #expect(event.at.change?.author == "Kim")
    }

    @Test func aMergeThatMadeItsOwnVersionIsCreditedItself() throws {
        var git = MemoryGit()
        let base = git.commit(request("new"))
        let branch = git.commit(request("planned"), parents: [base], author: "Pat")
        let main = git.commit(request("new", title: "Export invoices as CSV"), parents: [base])
        // Both sides combined: a version no branch commit had.
        let merge = git.commit(request("planned", title: "Export invoices as CSV"), parents: [main, branch], author: "Mo")
        let event = try #require(try walk(git, tip: merge).events.first)
        #expect(event.at.change?.commit == git.hex(merge))
        #expect(event.at.change?.author == "Mo")
    }

    @Test func aMergeOnTheBranchThatPassedTheChangeAlongIsNotCredited() throws {
        var git = MemoryGit()
        let base = git.commit(request("new"))
        let feature = git.commit(request("new").merging(["notes.txt": "x"]) { $1 }, parents: [base], author: "Lee")
        let sub = git.commit(request("planned"), parents: [base], author: "Pat")
        let subMerge = git.commit(request("planned").merging(["notes.txt": "x"]) { $1 }, parents: [feature, sub], author: "Sam")
        let merge = git.commit(request("planned").merging(["notes.txt": "x"]) { $1 }, parents: [base, subMerge], author: "Mo")
        let event = try #require(try walk(git, tip: merge).events.first)
        #expect(event.at.change?.commit == git.hex(sub))
    }

    @Test func aRemovalOnABranchIsCreditedToTheCommitThatDeletedTheFile() throws {
        var git = MemoryGit()
        let base = git.commit(request("new").merging(["notes.txt": "x"]) { $1 })
        let branch = git.commit(["notes.txt": "x"], parents: [base], author: "Pat")
        let merge = git.commit(["notes.txt": "x"], parents: [base, branch], author: "Mo")
        let timeline = try walk(git, tip: merge)
        let event = try #require(timeline.events.first)
        #expect(event.kind == .removed)
        #expect(event.at.change?.commit == git.hex(branch))
        #expect(timeline.received.change?.commit == git.hex(base))
    }

    @Test func aRequestAddedOnABranchIsReceivedAtTheMergeAndCreditedToTheBranch() throws {
        var git = MemoryGit()
        let base = git.commit(["notes.txt": "x"])
        let branch = git.commit(request("new").merging(["notes.txt": "x"]) { $1 }, parents: [base], author: "Jana")
        let merge = git.commit(request("new").merging(["notes.txt": "x"]) { $1 }, parents: [base, branch], author: "Mo")
        let received = try walk(git, tip: merge).received
        #expect(received.commit == git.hex(merge))
        #expect(received.change?.commit == git.hex(branch))
        #expect(received.change?.author == "Jana")
    }
}
