import Foundation
import FreqTestSupport
import Testing

/// `freq check --base` and `freq diff` on one scripted pull request.
@Suite("freq check and freq diff")
struct ReviewTests {
    /// A customer entry of `requested_by`.
    static func customer(_ name: String, ticket: String) -> String {
        "  - customer: \(name)\n    ticket: \(ticket)\n"
    }

    static func request(_ id: String, _ title: String, status: String, area: String, customers: String = "", body: String? = nil) -> String {
        let list = customers.isEmpty ? "" : "requested_by:\n" + customers
        return "---\nid: \(id)\ntitle: \(title)\nstatus: \(status)\narea: \(area)\n\(list)---\n\n\(body ?? "Body of \(id).\n")"
    }

    /// main: eight requests (FR-0007 already broken); a branch where support adds a
    /// request and a customer, product moves two statuses, and one request is renamed, one
    /// deleted, one id rewritten; then main moves on (FR-0010) after the branch left it.
    static func scenario() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        let acme = customer("Acme Corp", ticket: "https://support.example.com/tickets/8812")
        try scratch.write("requests/FR-0001-export-csv.md", request("FR-0001", "Export invoices as CSV", status: "new", area: "billing", customers: acme))
        try scratch.write("requests/FR-0002-search.md", request("FR-0002", "Search by customer name", status: "new", area: "search", customers: acme))
        try scratch.write("requests/FR-0003-dark-mode.md", request(
            "FR-0003", "Dark mode", status: "triaged", area: "search",
            customers: customer("Initech", ticket: "https://support.example.com/tickets/17"),
            body: "## Problem\nThe screen is too bright at night.\n\n## Workaround\nNone.\n"))
        try scratch.write("requests/FR-0004-bulk-tags.md", request(
            "FR-0004", "Bulk edit tags", status: "new", area: "search",
            customers: customer("Umbrella", ticket: "https://support.example.com/tickets/99")))
        try scratch.write("requests/FR-0005-old-export.md", request("FR-0005", "Export to Lotus 1-2-3", status: "declined", area: "export"))
        try scratch.write("requests/FR-0006-slack.md", request("FR-0006", "Slack alerts", status: "new", area: "search"))
        // Broken on main (an unknown key) and never touched by the branch.
        try scratch.write("requests/FR-0007-legacy.md", "---\nid: FR-0007\ntitle: Legacy thing\nstatus: new\ncolour: blue\n---\n")
        try scratch.write("requests/FR-0008-saved-filters.md", request("FR-0008", "Saved filters", status: "new", area: "search"))
        try scratch.commit("the registry on main")

        try scratch.git(["checkout", "-q", "-b", "branch"])
        // Support: a request whose title is close to FR-0001, with a `|` in a customer name.
        try scratch.write("requests/FR-0009-export-csv.md", request(
            "FR-0009", "Export invoice as CSV", status: "new", area: "billing",
            customers: customer("Pipe | Co", ticket: "https://support.example.com/tickets/9001")))
        try scratch.commit("support: FR-0009")
        // Support: one more customer for an old request.
        try scratch.write("requests/FR-0002-search.md", request(
            "FR-0002", "Search by customer name", status: "new", area: "search",
            customers: acme + customer("Globex", ticket: "https://support.example.com/tickets/4242")))
        try scratch.commit("support: Globex wants FR-0002")
        // Product: one allowed move (with a new area and a longer description), one not.
        try scratch.write("requests/FR-0003-dark-mode.md", request(
            "FR-0003", "Dark mode", status: "planned", area: "export",
            customers: customer("Initech", ticket: "https://support.example.com/tickets/17"),
            body: "## Problem\nThe screen is too bright at night.\n\n## Workaround\nLower the brightness.\n\n## Decision\nPlanned for Q3.\n"))
        try scratch.write("requests/FR-0004-bulk-tags.md", request(
            "FR-0004", "Bulk edit tags", status: "shipped", area: "search",
            customers: customer("Umbrella", ticket: "https://support.example.com/tickets/99")))
        try scratch.commit("product: triage", author: "Pat Product")
        // A rename, a deletion and an id rewritten.
        try scratch.git(["mv", "requests/FR-0008-saved-filters.md", "requests/FR-0008-saved-search-filters.md"])
        try scratch.remove("requests/FR-0005-old-export.md")
        try scratch.write("requests/FR-0006-slack.md", request("FR-0016", "Slack alerts", status: "new", area: "search"))
        try scratch.commit("tidy up")

        // Main moves on after the branch left it: not part of the pull request.
        try scratch.git(["checkout", "-q", "main"])
        try scratch.write("requests/FR-0010-audit-log.md", request("FR-0010", "Audit log", status: "new", area: "search"))
        try scratch.commit("main: FR-0010")
        try scratch.git(["checkout", "-q", "branch"])
        return scratch
    }

    struct Finding: Hashable {
        var path: String
        var rule: String
        var severity: String
    }

    func findings(_ output: FreqBinary.Output) throws -> Set<Finding> {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let list = try #require(json["findings"] as? [[String: Any]])
        return Set(list.compactMap { finding in
            guard let path = finding["path"] as? String, let rule = finding["rule"] as? String,
                let severity = finding["severity"] as? String
            else { return nil }
            return Finding(path: path, rule: rule, severity: severity)
        })
    }

    @Test func checkReportsWhatThePullRequestMayNotDo() throws {
        let scratch = try Self.scenario()
        let output = try FreqBinary.run(["check", "--base", "main", "--format", "json"], in: scratch.root)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr == "")
        let found = try findings(output)
        let expected: Set<Finding> = [
            Finding(path: "requests/FR-0004-bulk-tags.md", rule: "status-transition", severity: "error"),
            Finding(path: "requests/FR-0005-old-export.md", rule: "request-deleted", severity: "error"),
            Finding(path: "requests/FR-0006-slack.md", rule: "id-changed", severity: "error"),
            // The rewritten id no longer matches its file name: validate's own finding.
            Finding(path: "requests/FR-0006-slack.md", rule: "filename", severity: "error"),
            Finding(path: "requests/FR-0009-export-csv.md", rule: "similar-title", severity: "warning"),
            // Broken on main, untouched here: a warning, not a blocker.
            Finding(path: "requests/FR-0007-legacy.md", rule: "unknown-key", severity: "warning"),
        ]
        #expect(found == expected)
        // The allowed move (FR-0003), the rename (FR-0008), the new customer (FR-0002) and
        // main's later FR-0010 (after the merge base) are no findings.
        #expect(!output.stdout.contains("FR-0010"))
        #expect(!output.stdout.contains("FR-0003"))
    }

    @Test func checkTextNamesTheSimilarRequestAndTheAllowedMoves() throws {
        let scratch = try Self.scenario()
        let output = try FreqBinary.run(["check", "--base", "main"], in: scratch.root)
        #expect(output.status == 1)
        try Golden.check(output.stdout, "review/check.txt")
        #expect(output.stdout.contains("warning[similar-title]: the title is close to `FR-0001` (Export invoices as CSV)"))
        #expect(output.stdout.contains("from `new` the workflow allows `triaged`, `planned`, `declined`, `duplicate`"))
        #expect(output.stdout.hasSuffix("8 requests, 4 errors, 2 warnings\n"))
    }

    @Test func allowDeleteDropsOnlyTheDeletionFinding() throws {
        let scratch = try Self.scenario()
        let strict = try findings(try FreqBinary.run(["check", "--base", "main", "--format", "json"], in: scratch.root))
        let output = try FreqBinary.run(["check", "--base", "main", "--allow-delete", "--format", "json"], in: scratch.root)
        #expect(output.status == 1)
        let relaxed = try findings(output)
        #expect(strict.subtracting(relaxed) == [Finding(path: "requests/FR-0005-old-export.md", rule: "request-deleted", severity: "error")])
        #expect(relaxed.isSubset(of: strict))
    }

    @Test func githubFormatAnnotatesAndUntouchedErrorsDoNotFailTheRun() throws {
        let scratch = try Self.scenario()
        let github = try FreqBinary.run(["check", "--base", "main", "--format", "github"], in: scratch.root)
        #expect(github.stdout.contains("::error file=requests/FR-0004-bulk-tags.md,line=4,col=9,title=status-transition::"))
        #expect(github.stdout.contains("::warning file=requests/FR-0007-legacy.md,line=5,col=1,title=unknown-key::"))

        // Fix everything the branch broke: only the old file's warning and the similar
        // title remain, so the run passes, unless --strict.
        try scratch.write("requests/FR-0004-bulk-tags.md", Self.request(
            "FR-0004", "Bulk edit tags", status: "planned", area: "search",
            customers: Self.customer("Umbrella", ticket: "https://support.example.com/tickets/99")))
        try scratch.write("requests/FR-0006-slack.md", Self.request("FR-0006", "Slack alerts", status: "new", area: "search"))
        let clean = try FreqBinary.run(["check", "--base", "main", "--allow-delete"], in: scratch.root)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.hasSuffix("8 requests, 0 errors, 2 warnings\n"))
        let strict = try FreqBinary.run(["check", "--base", "main", "--allow-delete", "--strict"], in: scratch.root)
        #expect(strict.status == 1)
    }

    @Test func checkJudgesTheWorkingTreeNotOnlyCommits() throws {
        let scratch = try Self.scenario()
        // An uncommitted second request pasted into a new file, with a bad status move.
        try scratch.write("requests/FR-0011-two.md", Self.request("FR-0011", "Webhooks", status: "new", area: "search")
            + "\n---\nid: FR-0012\ntitle: Also this\nstatus: new\n---\n")
        let output = try FreqBinary.run(["check", "--base", "main", "--allow-delete", "--format", "json"], in: scratch.root)
        let found = try findings(output)
        #expect(found.contains(Finding(path: "requests/FR-0011-two.md", rule: "one-request-per-file", severity: "error")))
        // Line 11 is the pasted request's `id:` line (the `---` above it is line 10).
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let list = try #require(json["findings"] as? [[String: Any]])
        let pasted = try #require(list.first { $0["rule"] as? String == "one-request-per-file" })
        #expect(pasted["line"] as? Int == 11)
        // New, but not similar to anything: no similar-title for FR-0011.
        #expect(!found.contains(Finding(path: "requests/FR-0011-two.md", rule: "similar-title", severity: "warning")))
    }

    @Test func diffMatchesItsGoldenFilesInEveryFormat() throws {
        let scratch = try Self.scenario()
        let base = try scratch.git(["merge-base", "main", "branch"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let head = try scratch.git(["rev-parse", "branch"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The commit that moved FR-0003's and FR-0004's statuses.
        let triage = try scratch.git(["rev-parse", "branch~1"]).trimmingCharacters(in: .whitespacesAndNewlines)
        for (format, file) in [("text", "diff.txt"), ("markdown", "diff.md"), ("json", "diff.json")] {
            let output = try FreqBinary.run(["diff", "main...branch", "--format", format], in: scratch.root)
            #expect(output.status == 0, "\(format): \(output.stderr)")
            #expect(output.stderr == "")
            // Commit ids depend on git's object format only, but keep golden text readable.
            let normalised = output.stdout.replacingOccurrences(of: base, with: "<base>").replacingOccurrences(of: head, with: "<head>")
                .replacingOccurrences(of: triage, with: "<triage>").replacingOccurrences(of: triage.prefix(7), with: "<triage>")
            try Golden.check(normalised, "review/\(file)")
        }
    }

    @Test func diffJSONIsTheContractBotsReadAndRangesMeanWhatGitMeans() throws {
        let scratch = try Self.scenario()
        let output = try FreqBinary.run(["diff", "main...branch", "--format", "json"], in: scratch.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary == ["added": 2, "modified": 4, "removed": 2, "unreadable": 0])
        let requests = try #require(json["requests"] as? [[String: Any]])
        #expect(requests.compactMap { $0["id"] as? String } == [
            "FR-0002", "FR-0003", "FR-0004", "FR-0005", "FR-0006", "FR-0008", "FR-0009", "FR-0016",
        ])
        let moved = try #require(requests.first { $0["id"] as? String == "FR-0004" })
        let status = try #require(moved["status"] as? [String: Any])
        #expect(status["allowed"] as? Bool == false)
        let notify = try #require(moved["notify"] as? [[String: Any]])
        #expect(notify.first?["customer"] as? String == "Umbrella")
        let renamed = try #require(requests.first { $0["id"] as? String == "FR-0008" })
        #expect(renamed["old_path"] as? String == "requests/FR-0008-saved-filters.md")

        // Two dots: from main's tip, so main's later FR-0010 shows as removed.
        let twoDots = try FreqBinary.run(["diff", "main..branch", "--format", "json"], in: scratch.root)
        #expect(twoDots.stdout.contains("\"id\": \"FR-0010\""))
        #expect(!output.stdout.contains("FR-0010"))
    }

    @Test func diffRefusesASingleRevisionAsAUsageError() throws {
        let scratch = try Self.scenario()
        let output = try FreqBinary.run(["diff", "main"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("`main` is not a range"))
        let unknown = try FreqBinary.run(["diff", "main...nope"], in: scratch.root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("freq: error: revision `nope` not found"))
    }
}
