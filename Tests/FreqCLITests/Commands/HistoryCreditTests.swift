import Foundation
import FreqTestSupport
import Testing

/// `log`, `show` and `history` name the commit that made a change, not the merge that
/// brought it (docs/history.md, "Credit"), while every time stays the mainline's.
@Suite("history credit")
struct HistoryCreditTests {
    static let subject = "Plan FR-0008 for Q1: three enterprise customers"
    let path = "requests/FR-0008-sso.md"

    /// FR-0008 added on main by Jana; planned on a branch by Pat; merged (`--no-ff`) a day
    /// later by Mo with GitHub's message.
    struct MergeScenario {
        let scratch: ScratchRepository
        let add: String
        let plan: String
        let planTime: Int64
        let merge: String
        let mergeTime: Int64
    }

    func mergeScenario() throws -> MergeScenario {
        let scratch = try RegistryFixture.make()
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "new", title: "Single sign-on"))
        let add = try scratch.commit("Add FR-0008", author: "Jana Support")
        try scratch.git(["checkout", "-q", "-b", "plan"])
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "planned", title: "Single sign-on"))
        let planTime = scratch.clock
        let plan = try scratch.commit(Self.subject, step: 86_400, author: "Pat Product")
        try scratch.git(["checkout", "-q", "main"])
        let mergeTime = scratch.clock
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #116 from acme/plan", "plan"], author: "Mo Merger")
        let merge = try scratch.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        scratch.clock += 3600
        return MergeScenario(scratch: scratch, add: add, plan: plan, planTime: planTime, merge: merge, mergeTime: mergeTime)
    }

    func iso(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `2026-01-03 00:00:00`, as `log` and `show` print a mainline time.
    func day(_ seconds: Int64) -> String {
        iso(seconds).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }

    func run(_ arguments: [String], _ scratch: ScratchRepository) throws -> String {
        let output = try FreqBinary.run(arguments, in: scratch.root)
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        return output.stdout
    }

    /// The one request's JSON object of `freq history --format json`.
    func request(_ scratch: ScratchRepository, _ extra: [String] = []) throws -> [String: Any] {
        let text = try run(["history", "--format", "json"] + extra, scratch)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((json["requests"] as? [[String: Any]])?.first)
    }

    func events(_ request: [String: Any]) -> [[String: Any]] {
        request["events"] as? [[String: Any]] ?? []
    }

    @Test func logNamesTheBranchCommitOfAMergeAtTheMergesDate() throws {
        let scenario = try mergeScenario()
        let log = try run(["log", "FR-0008"], scenario.scratch)
        let lines = log.split(separator: "\n").map(String.init)
        let planned = try #require(lines.first { $0.contains("new → planned") })
        #expect(planned.hasPrefix(day(scenario.mergeTime)))
        #expect(planned.contains(String(scenario.plan.prefix(7))))
        #expect(planned.contains("Pat Product"))
        #expect(planned.hasSuffix(Self.subject))
        #expect(!log.contains("Mo Merger"))
        #expect(!log.contains("Merge pull request"))
        let received = try #require(lines.first { $0.contains("received as new") })
        #expect(received.contains(String(scenario.add.prefix(7))) && received.contains("Jana Support"))

        let show = try run(["show", "FR-0008"], scenario.scratch)
        let showPlanned = try #require(show.split(separator: "\n").first { $0.contains("new → planned") })
        #expect(showPlanned.hasPrefix("  " + day(scenario.mergeTime)))
        #expect(showPlanned.contains(String(scenario.plan.prefix(7))))
        #expect(showPlanned.contains("Pat Product") && showPlanned.hasSuffix(Self.subject))
    }

    @Test func historyJSONAddsTheChangeObjectLastAndKeepsEveryOtherField() throws {
        let scenario = try mergeScenario()
        let request = try request(scenario.scratch)
        let event = try #require(events(request).first)
        // The mainline fields are the merge's, as before.
        #expect(event["commit"] as? String == scenario.merge)
        #expect(event["time"] as? String == iso(scenario.mergeTime))
        let change = try #require(event["change"] as? [String: String])
        #expect(change == ["commit": scenario.plan, "author": "Pat Product", "time": iso(scenario.planTime), "subject": Self.subject])
        let received = try #require(request["received"] as? [String: Any])
        #expect(received["commit"] as? String == scenario.add)
        #expect((received["change"] as? [String: String])?["commit"] == scenario.add)

        // Byte for byte: the change objects are additions, last in their objects.
        let text = try run(["history", "--format", "json"], scenario.scratch)
            .replacingOccurrences(of: scenario.add, with: "<add>").replacingOccurrences(of: scenario.plan, with: "<plan>")
            .replacingOccurrences(of: scenario.merge, with: "<merge>")
        try Golden.check(text, "history/merge.json")
        let json = try run(["show", "FR-0008", "--format", "json"], scenario.scratch)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let history = try #require(shown["history"] as? [String: Any])
        #expect(((events(history).first?["change"]) as? [String: String])?["author"] == "Pat Product")
    }

    @Test func aSquashMergeAndAFastForwardAreCreditedToTheMainlineCommit() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "new"))
        try scratch.commit("Add FR-0008", author: "Jana Support")
        // Squash: the branch's commits never reach the mainline.
        try scratch.git(["checkout", "-q", "-b", "plan"])
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "planned"))
        try scratch.commit(Self.subject, author: "Pat Product")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["merge", "-q", "--squash", "plan"])
        let squash = try scratch.commit("Plan FR-0008 (#117)", author: "Mo Merger")
        // Fast-forward: the branch's commit is the mainline commit.
        try scratch.git(["checkout", "-q", "-b", "ship"])
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "shipped"))
        let ship = try scratch.commit("Ship FR-0008", author: "Kim Engineer")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["merge", "-q", "--ff-only", "ship"])

        let events = events(try request(scratch))
        #expect(events.count == 2)
        #expect(events.map { $0["commit"] as? String } == [squash, ship])
        let changes = events.compactMap { $0["change"] as? [String: String] }
        #expect(changes.map { $0["commit"] } == [squash, ship])
        #expect(changes.map { $0["author"] } == ["Mo Merger", "Kim Engineer"])
        #expect(changes.map { $0["subject"] } == ["Plan FR-0008 (#117)", "Ship FR-0008"])
    }

    @Test func aBranchThatTouchedTheFileTwiceCreditsTheLaterCommit() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "new"))
        try scratch.commit("Add FR-0008", author: "Jana Support")
        try scratch.git(["checkout", "-q", "-b", "plan"])
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "planned"))
        try scratch.commit(Self.subject, author: "Pat Product")
        try scratch.write(path, RegistryFixture.request("FR-0008", status: "planned", title: "Single sign-on with SAML"))
        let later = try scratch.commit("Name the protocol in FR-0008's title", author: "Sam Writer")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #118", "plan"], author: "Mo Merger")

        let change = try #require(events(try request(scratch)).first?["change"] as? [String: String])
        #expect(change["commit"] == later)
        #expect(change["author"] == "Sam Writer")
        let log = try run(["log", "FR-0008"], scratch)
        #expect(log.contains(String(later.prefix(7))) && log.contains("Sam Writer"))
    }

    @Test func aCachedRunGivesTheSameCreditsAsNoCache() throws {
        let scenario = try mergeScenario()
        let scratch = scenario.scratch
        _ = try run(["history", "--format", "json"], scratch)  // writes the cache at the merge
        // Another request, and a second merge after the cached commit.
        try scratch.write("requests/FR-0009-audit.md", RegistryFixture.request("FR-0009", status: "new"))
        try scratch.commit("Add FR-0009", author: "Jana Support")
        try scratch.git(["checkout", "-q", "-b", "decline"])
        try scratch.write("requests/FR-0009-audit.md", RegistryFixture.request("FR-0009", status: "declined"))
        try scratch.commit("Decline FR-0009: out of scope", author: "Pat Product")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #119", "decline"], author: "Mo Merger")

        for arguments in [["history", "--format", "json"], ["log", "FR-0008"], ["log", "FR-0009"], ["show", "FR-0009"]] {
            let warm = try run(arguments, scratch)
            let cold = try run(arguments + ["--no-cache"], scratch)
            #expect(warm == cold, "\(arguments)")
        }
        // Warm again from the cache just written (nothing new): still the same.
        let again = try run(["history", "--format", "json"], scratch)
        #expect(again == (try run(["history", "--format", "json", "--no-cache"], scratch)))
        #expect(again.contains("\"subject\": \"Decline FR-0009: out of scope\""))
        #expect(again.contains("\"subject\": \"\(Self.subject)\""))
    }

    @Test func diffNamesTheCommitThatMovedTheStatusNotALaterEdit() throws {
        let scenario = try mergeScenario()
        let scratch = scenario.scratch
        // After the merge, support adds a customer: the status stays planned.
        try scratch.write(path, RegistryFixture.request(
            "FR-0008", status: "planned", title: "Single sign-on", extra: "requested_by:\n  - customer: Initech\n"))
        try scratch.commit("Initech wants FR-0008 too", author: "Jana Support")
        let range = "\(scenario.add)..HEAD"
        let json = try run(["diff", range, "--format", "json"], scratch)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let request = try #require((document["requests"] as? [[String: Any]])?.first)
        let status = try #require(request["status"] as? [String: Any])
        #expect(status["from"] as? String == "new")
        #expect(status["to"] as? String == "planned")
        let change = try #require(status["change"] as? [String: String])
        #expect(change == ["commit": scenario.plan, "author": "Pat Product", "time": iso(scenario.planTime), "subject": Self.subject])
        let text = try run(["diff", range], scratch)
        #expect(text.contains("  moved by Pat Product in \(scenario.plan.prefix(7)): \(Self.subject)\n"))
        let markdown = try run(["diff", range, "--format", "markdown"], scratch)
        #expect(markdown.contains("Moved by Pat Product in `\(scenario.plan.prefix(7))`: Plan FR-0008 for Q1: three enterprise customers"))
        // A range where the status did not move names nothing.
        let unmoved = try run(["diff", "HEAD~1..HEAD", "--format", "json"], scratch)
        #expect(unmoved.contains("\"change\": null"))
    }

    @Test(arguments: [2, 3, 4])
    func aShallowCloneWithAMergeStillAnswers(depth: Int) throws {
        let scenario = try mergeScenario()
        try scenario.scratch.write("other.txt", "x\n")
        try scenario.scratch.commit("unrelated")
        let holder = try ScratchRepository(initialize: false)
        try ScratchRepository.run(
            ["git", "clone", "-q", "--depth", String(depth), "file://" + scenario.scratch.path, holder.path + "/s"], in: holder.root)
        let output = try FreqBinary.run(["history", "--format", "json", "--allow-shallow"], in: holder.root.appendingPathComponent("s"))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"change\": {"))
    }
}
