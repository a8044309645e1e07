import Foundation
import FreqTestSupport
import Testing

/// `freq check` in a team's pull-request flow: branches, several commits, a target that
/// moved on. Each scenario builds its repository with real branches and merges.
@Suite("check in a pull-request flow")
struct PullRequestFlowTests {
    static func request(_ id: String, _ title: String, status: String) -> String {
        RegistryFixture.request(id, status: status, title: title)
    }

    /// A registry on `main` with one request, FR-0008.
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0008-audit-log.md", request("FR-0008", "Audit log", status: "new"))
        try scratch.commit("FR-0008")
        return scratch
    }

    /// Two agents' branches each add FR-0019; the first merges; the second must fail.
    @Test func parallelPullRequestsTakingTheSameIDFail() throws {
        let scratch = try Self.registry()
        try scratch.git(["checkout", "-q", "-b", "b1"])
        try scratch.write("requests/FR-0019-dark-mode.md", Self.request("FR-0019", "Dark mode", status: "new"))
        try scratch.commit("FR-0019: dark mode")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["checkout", "-q", "-b", "b2"])
        try scratch.write("requests/FR-0019-slack-alerts.md", Self.request("FR-0019", "Slack alerts", status: "new"))
        try scratch.commit("FR-0019: slack alerts")
        // Before b1 lands, b2 is fine.
        #expect(try FreqBinary.run(["check", "--base", "main"], in: scratch.root).status == 0)
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #1 from b1", "b1"])
        try scratch.git(["checkout", "-q", "b2"])

        let output = try FreqBinary.run(["check", "--base", "main"], in: scratch.root)
        #expect(output.status == 1, "\(output.stdout)")
        #expect(output.stdout.contains(
            "error[id-unique]: id `FR-0019` is also used by requests/FR-0019-dark-mode.md (once merged into `main`)"))
        #expect(output.stdout.contains("requests/FR-0019-slack-alerts.md"))
        // The file on main is not this pull request's to fix.
        #expect(!output.stdout.contains("--> requests/FR-0019-dark-mode.md"))
    }

    /// Two allowed moves in two commits pass; the same jump in one commit fails.
    @Test func movesAreJudgedCommitByCommit() throws {
        let scratch = try Self.registry()
        try scratch.git(["checkout", "-q", "-b", "decide"])
        #expect(try FreqBinary.run(["move", "FR-0008", "planned"], in: scratch.root).status == 0)
        try scratch.commit("Plan FR-0008 for Q1: three enterprise customers")
        #expect(try FreqBinary.run(["move", "FR-0008", "shipped"], in: scratch.root).status == 0)
        try scratch.commit("Ship FR-0008")
        let stepwise = try FreqBinary.run(["check", "--base", "main"], in: scratch.root)
        #expect(stepwise.status == 0, "\(stepwise.stdout)")

        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["checkout", "-q", "-b", "jump"])
        try scratch.write("requests/FR-0008-audit-log.md", Self.request("FR-0008", "Audit log", status: "shipped"))
        try scratch.commit("Ship FR-0008 at once")
        let jump = try FreqBinary.run(["check", "--base", "main"], in: scratch.root)
        #expect(jump.status == 1)
        #expect(jump.stdout.contains("error[status-transition]: status moves from `new` to `shipped`"))
    }

    /// A forbidden jump later "fixed" by another forbidden move is still refused; a jump
    /// fixed back to an allowed status is not a finding (the net move is allowed).
    @Test func aForbiddenStepIsNotExcusedByTheNextOne() throws {
        let scratch = try Self.registry()
        try scratch.git(["checkout", "-q", "-b", "oops"])
        try scratch.write("requests/FR-0008-audit-log.md", Self.request("FR-0008", "Audit log", status: "shipped"))
        try scratch.commit("jump")
        try scratch.write("requests/FR-0008-audit-log.md", Self.request("FR-0008", "Audit log", status: "declined"))
        try scratch.commit("then decline")
        // new → declined is allowed as one move: the net change passes.
        #expect(try FreqBinary.run(["check", "--base", "main"], in: scratch.root).status == 0)
        // Uncommitted: shipped, reached through a forbidden step.
        try scratch.write("requests/FR-0008-audit-log.md", Self.request("FR-0008", "Audit log", status: "shipped"))
        #expect(try FreqBinary.run(["check", "--base", "main"], in: scratch.root).status == 1)
    }

    /// The branch merged main in meanwhile: the merge's changes came from main and are not
    /// the branch's steps.
    @Test func mergingTheTargetIntoTheBranchIsNotAStep() throws {
        let scratch = try Self.registry()
        try scratch.git(["checkout", "-q", "-b", "decide"])
        #expect(try FreqBinary.run(["move", "FR-0008", "planned"], in: scratch.root).status == 0)
        try scratch.commit("Plan FR-0008")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.write("requests/FR-0009-export.md", Self.request("FR-0009", "Export to CSV", status: "new"))
        try scratch.commit("FR-0009")
        try scratch.git(["checkout", "-q", "decide"])
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge main", "main"])
        #expect(try FreqBinary.run(["move", "FR-0008", "shipped"], in: scratch.root).status == 0)
        try scratch.commit("Ship FR-0008")
        let output = try FreqBinary.run(["check", "--base", "main"], in: scratch.root)
        #expect(output.status == 0, "\(output.stdout)")
    }

    /// A new registry with no request yet passes CI and answers every question with zero.
    @Test func aNewRegistryWithNoRequestIsValid() throws {
        let scratch = try RegistryFixture.make()
        for command in [["validate"], ["check", "--base", "main"], ["list"], ["stats"], ["history"]] {
            let output = try FreqBinary.run(command, in: scratch.root)
            #expect(output.status == 0, "\(command): \(output.stderr)")
        }
        #expect(try FreqBinary.run(["validate"], in: scratch.root).stdout == "0 requests, 0 errors, 0 warnings\n")
        let index = try FreqBinary.run(["index"], in: scratch.root)
        #expect(index.status == 0, "\(index.stderr)")
        #expect(try FreqBinary.run(["index", "--check"], in: scratch.root).status == 0)
        let stats = try FreqBinary.run(["stats", "--since", "2026-01-01", "--until", "2026-01-01"], in: scratch.root)
        #expect(stats.status == 0, "\(stats.stderr)")
    }
}
