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

    /// A branch merged twice: the second merge brought in only what came after the first,
    /// so a change the first merge already brought is not credited to the branch again.
    /// (Longer than the 64 commits read one by one: what the walk knows of each merge.)
    @Test func aBranchMergedTwiceIsCreditedOnlyWithWhatItBroughtTheSecondTime() throws {
        var git = MemoryGit()
        let base = git.commit(request("new"))
        let planned = git.commit(request("planned"), parents: [base], author: "Pat")
        let firstMerge = git.commit(request("planned"), parents: [base, planned], author: "Mo")
        let triaged = git.commit(request("triaged"), parents: [firstMerge], author: "Sam")
        var side = planned
        for step in 0..<70 { side = git.commit(request("planned").merging(["notes.txt": "\(step)"]) { $1 }, parents: [side]) }
        // The merge takes the branch's version back: a version the branch did not make now.
        let secondMerge = git.commit(
            request("planned").merging(["notes.txt": "69"]) { $1 }, parents: [triaged, side], author: "Lee")
        let timeline = try walk(git, tip: secondMerge)
        let events = timeline.events.filter { $0.kind == .status(from: "triaged", to: "planned") }
        #expect(events.count == 1)
        #expect(events.first?.at.change?.commit == git.hex(secondMerge))
        #expect(timeline.events.first?.at.change?.commit == git.hex(planned))
        // A branch of 70 plain commits off the mainline, merged once: its newest commit
        // that made the change.
        var other = MemoryGit()
        let start = other.commit(request("new"))
        var line = start
        var made = start
        for step in 0..<70 {
            line = other.commit(request(step < 10 ? "new" : "planned").merging(["notes.txt": "\(step)"]) { $1 }, parents: [line])
            if step == 10 { made = line }
        }
        let merge = other.commit(request("planned").merging(["notes.txt": "69"]) { $1 }, parents: [start, line])
        #expect(try walk(other, tip: merge).events.first?.at.change?.commit == other.hex(made))
    }

    /// What the walk knows each merge brought in, against a history walk (`commits(from:
    /// hiding:)`) on random histories: long-lived branches forked from the mainline or
    /// from each other, merged into the mainline once or again, the mainline merged into
    /// them, branches merged into branches, now and then three parents.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func broughtLinesAreWhatAHistoryWalkLists(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var git = MemoryGit()
        var main = git.commit(request("new"))
        // For certain: a branch living 150 commits, merged after 75 of its commits and
        // again at its end, and a merge of three parents.
        var long = main
        for step in 0..<300 {
            if step % 2 == 0 { long = git.commit([:], parents: [long]) } else { main = git.commit([:], parents: [main]) }
            if step == 150 { main = git.commit([:], parents: [main, long]) }
        }
        main = git.commit([:], parents: [main, long])
        main = git.commit([:], parents: [main, git.commit([:], parents: [main]), git.commit([:], parents: [main])])
        var branches: [Int] = []
        for _ in 0..<2000 {
            switch Int.random(in: 0..<400, using: &generator) {
            case 0..<6:
                branches.append(Int.random(in: 0..<3, using: &generator) == 0 ? branches.randomElement(using: &generator) ?? main : main)
            case 6..<246 where !branches.isEmpty:
                let index = Int.random(in: 0..<branches.count, using: &generator)
                branches[index] = git.commit([:], parents: [branches[index]])
            case 246..<252 where !branches.isEmpty:
                let index = Int.random(in: 0..<branches.count, using: &generator)
                main = git.commit([:], parents: [main, branches[index]])
                // Most branches end when merged; some go on and are merged again.
                if Bool.random(using: &generator) { branches.remove(at: index) }
            case 252..<258 where !branches.isEmpty:
                let index = Int.random(in: 0..<branches.count, using: &generator)
                branches[index] = git.commit([:], parents: [branches[index], main])
            case 258..<260 where branches.count > 1:
                let from = Int.random(in: 0..<branches.count, using: &generator)
                let into = (from + 1) % branches.count
                branches[into] = git.commit([:], parents: [branches[into], branches[from]])
            case 260 where branches.count > 1:
                main = git.commit([:], parents: [main] + branches.prefix(2))
            default:
                main = git.commit([:], parents: [main])
            }
        }
        let (chain, _) = try git.mainline(to: main, stoppingAt: nil)
        let merges = Set(chain.indices.filter { chain[$0].isMerge })
        let lines = try #require(
            HistoryCredit.broughtLines(chain: chain, merges: merges, mainline: Set(chain.map(\.id)), source: git))
        let worker = MemoryGit.Worker(git: git)
        var longLines = 0
        for index in merges {
            let parents = git.parents[chain[index].id]
            let walked = try worker.commits(from: Array(parents.dropFirst()), hiding: [parents[0]])
            // A line: each commit's parent among them is the next one.
            let members = Set(walked)
            let isLine = parents.count == 2
                && walked.indices.allSatisfy { position in
                    git.parents[walked[position]].filter(members.contains) == (position + 1 < walked.count ? [walked[position + 1]] : [])
                }
            #expect(lines[chain[index].id] == (isLine ? walked : nil), "seed \(seed), merge \(chain[index].id)")
            if isLine && walked.count > 64 { longLines += 1 }
        }
        #expect(longLines > 0)
        #expect(lines.count < merges.count)
    }
}
