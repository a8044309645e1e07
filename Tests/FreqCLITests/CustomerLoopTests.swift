import Foundation
import FreqTestSupport
import Testing

/// Closing the loop with customers: reasons in the history, follow-ups after a merge,
/// demand-weighted statistics from git, and imports.
@Suite("closing the loop with customers")
struct CustomerLoopTests {
    static func acme(_ id: String, _ status: String, name: String = "Acme Corp", arr: Int = 120_000, ticket: Int = 1) -> String {
        RegistryFixture.request(id, status: status, title: "Request \(id)", extra: """
            requested_by:
              - customer: \(name)
                arr: \(arr)
                ticket: https://support.example.com/t/\(ticket)
                date: 2026-01-01

            """)
    }

    /// Three decisions, each with its reason: log, show and history name the reason each
    /// commit's file held, not today's; diff names the head's.
    @Test func reasonsOnSeveralMoves() throws {
        let scratch = try MoveReasonTests.registry()
        for (status, reason) in [("triaged", "Reproduced with Acme"), ("planned", "Q3, with the ledger work"), ("declined", "Ledger work dropped")] {
            let moved = try FreqBinary.run(["move", "FR-0001", status, "--reason", reason], in: scratch.root)
            #expect(moved.status == 0, "\(moved.stderr)")
            try scratch.commit("FR-0001: \(status)")
        }
        let log = try FreqBinary.run(["log", "FR-0001"], in: scratch.root)
        #expect(log.status == 0, "\(log.stderr)")
        let whys = log.stdout.split(separator: "\n").filter { $0.contains("why:") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(whys == ["why: Reproduced with Acme", "why: Q3, with the ledger work", "why: Ledger work dropped"])
        let json = try FreqBinary.run(["log", "FR-0001", "--format", "json"], in: scratch.root).stdout
        #expect(json.components(separatedBy: "\"reason\": ").dropFirst().map { $0.prefix(while: { $0 != "\n" }) }
            == ["null", "\"Reproduced with Acme\"", "\"Q3, with the ledger work\"", "\"Ledger work dropped\""])
        // A warm run (from the cache) prints the same bytes as a cold one.
        #expect(try FreqBinary.run(["log", "FR-0001", "--format", "json", "--no-cache"], in: scratch.root).stdout == json)
        let show = try FreqBinary.run(["show", "FR-0001"], in: scratch.root).stdout
        #expect(show.contains("why: Q3, with the ledger work"))
        let diff = try FreqBinary.run(["diff", "HEAD~1..HEAD"], in: scratch.root)
        #expect(diff.stdout.contains("  status: planned → declined (allowed by the workflow)\n"), "\(diff.stdout)")
        #expect(diff.stdout.contains("  why: Ledger work dropped\n"))
        let diffJSON = try FreqBinary.run(["diff", "HEAD~1..HEAD", "--format", "json"], in: scratch.root).stdout
        #expect(diffJSON.contains("\"reason\": \"Ledger work dropped\"\n"))
    }

    /// Decisions on a branch, main moving on meanwhile, then the merge: the follow-up the
    /// example workflow posts (`--since` the commit before the push) tells Acme, written
    /// two ways on two requests, once, with each move's reason and ticket.
    @Test func followUpsAcrossAMerge() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("requests/FR-0001-a.md", Self.acme("FR-0001", "new", ticket: 1))
        try scratch.write("requests/FR-0002-b.md", Self.acme("FR-0002", "new", name: "ACME corp.", ticket: 2))
        try scratch.write("requests/FR-0003-c.md", Self.acme("FR-0003", "new", name: "Globex", ticket: 3))
        let before = try scratch.commit("Acme and Globex ask")
        try scratch.git(["checkout", "-q", "-b", "decide"])
        #expect(try FreqBinary.run(["move", "FR-0001", "declined", "--reason", "Out of scope"], in: scratch.root).status == 0)
        try scratch.commit("Decline FR-0001")
        #expect(try FreqBinary.run(["move", "FR-0002", "planned", "--reason", "Next quarter"], in: scratch.root).status == 0)
        try scratch.commit("Plan FR-0002")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.write("notes.txt", "main moves on\n")
        try scratch.commit("Notes")
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #3 from decide", "decide"])
        let json = try FreqBinary.run(["follow-up", "--since", before, "--format", "json"], in: scratch.root)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.components(separatedBy: "\"customer\": ").count == 2, "one customer to tell: \(json.stdout)")
        #expect(json.stdout.contains("\"customer\": \"Acme Corp\""))
        #expect(json.stdout.contains("\"reason\": \"Out of scope\",\n        \"ticket\": \"https://support.example.com/t/1\""))
        #expect(json.stdout.contains("\"reason\": \"Next quarter\",\n        \"ticket\": \"https://support.example.com/t/2\""))
        let csv = try FreqBinary.run(["follow-up", "--since", before, "--format", "csv"], in: scratch.root).stdout
        #expect(csv.split(separator: "\n").count == 3)
        // The example workflow's step, as GitHub runs it after the push of the merge.
        let outputs = scratch.root.appendingPathComponent("github-output")
        let summary = scratch.root.appendingPathComponent("summary.md")
        try ScratchRepository.run(
            ["bash", "-e", "-c", try Self.workflowStep("Whom to tell what")], in: scratch.root,
            environment: [
                "PATH": FreqBinary.url.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "HOME": scratch.root.path, "GITHUB_WORKSPACE": scratch.root.path, "BEFORE": before,
                "GITHUB_OUTPUT": outputs.path, "GITHUB_STEP_SUMMARY": summary.path, "GIT_CONFIG_NOSYSTEM": "1",
            ])
        #expect(try String(contentsOf: outputs, encoding: .utf8) == "told=true\n")
        #expect(try String(contentsOf: summary, encoding: .utf8).hasPrefix("### Acme Corp\n"))
        let artifact = try String(contentsOf: scratch.root.appendingPathComponent("follow-up.json"), encoding: .utf8)
        #expect(artifact == json.stdout)
        // After the merge nothing new: nobody to tell.
        let head = try scratch.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try FreqBinary.run(["follow-up", "--since", head, "--format", "json"], in: scratch.root).stdout == "[]\n")
    }

    /// A decision committed in the same second as the commit --since names still counts:
    /// a revision on the mainline is compared by position, not by time.
    @Test func followUpSinceARevisionInTheSameSecond() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("requests/FR-0001-a.md", Self.acme("FR-0001", "new"))
        let before = try scratch.commit("Acme asks", step: 0)
        #expect(try FreqBinary.run(["move", "FR-0001", "planned", "--reason", "Soon"], in: scratch.root).status == 0)
        try scratch.commit("Plan FR-0001", step: 0)
        let csv = try FreqBinary.run(["follow-up", "--since", before, "--format", "csv"], in: scratch.root)
        #expect(csv.stdout.hasSuffix(",FR-0001,Request FR-0001,new,planned,2026-01-01T02:00:00Z,Soon\n"), "\(csv.stdout) \(csv.stderr)")
    }

    /// The shell of a step of .github/workflows/follow-up.yml (its `run: |` block).
    static func workflowStep(_ name: String) throws -> String {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".github/workflows/follow-up.yml")
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        guard let step = lines.firstIndex(of: "      - name: \(name)"),
            let run = lines[step...].firstIndex(of: "        run: |")
        else { throw CocoaError(.fileReadCorruptFile) }
        let block = lines[(run + 1)...].prefix { $0.hasPrefix("          ") || $0.isEmpty }
        return block.map { String($0.dropFirst(min(10, $0.count))) }.joined(separator: "\n")
    }

    /// Demand from the history: asks and ARR at REV, warm runs equal to cold ones, and a
    /// customer added without a status change counted after the next commit.
    @Test func demandFromTheHistory() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("requests/FR-0001-a.md", Self.acme("FR-0001", "new", arr: 100_000))
        try scratch.write("requests/FR-0002-b.md", Self.acme("FR-0002", "new", name: "Globex", arr: 30_000))
        try scratch.commit("Two asks")
        #expect(try FreqBinary.run(["move", "FR-0001", "planned"], in: scratch.root).status == 0)
        try scratch.commit("Plan FR-0001")
        let first = try FreqBinary.run(["stats", "--format", "csv"], in: scratch.root)
        // FR-0001 (planned: 1 ask, 100,000) and FR-0002 (new: 1 ask, 30,000): 1 of 2 asks,
        // 100,000 of 130,000 ARR.
        #expect(first.stdout.split(separator: "\n")[1].hasSuffix(",2,1,0.5,130000,100000,0.7692307692307693"), "\(first.stdout)")
        let plusOne = try FreqBinary.run(
            ["plus-one", "FR-0001", "--customer", "Initech", "--arr", "70000", "--date", "2026-02-01"], in: scratch.root)
        #expect(plusOne.status == 0, "\(plusOne.stderr)")
        try scratch.commit("Initech asks for FR-0001 too")
        // 2 of 3 asks, 170,000 of 200,000.
        let warm = try FreqBinary.run(["stats", "--format", "json"], in: scratch.root)
        #expect(warm.stdout.contains("\"asks\": 3,\n      \"asks_actioned\": 2,"), "\(warm.stdout)")
        #expect(warm.stdout.contains("\"arr_rate\": 0.85\n"))
        let cold = try FreqBinary.run(["stats", "--format", "json", "--no-cache"], in: scratch.root)
        #expect(squashClock(warm.stdout) == squashClock(cold.stdout))
    }

    /// The one figure that follows the clock.
    private func squashClock(_ json: String) -> String {
        json.split(separator: "\n").filter { !$0.contains("\"as_of\"") && !$0.contains("\"days\"") }.joined(separator: "\n")
    }

    static let export = "\u{FEFF}Subject,Company,ARR,Ticket URL,Date,Description,Priority\r\n"
        + "Export invoices as CSV,Acme Corp,\"120,000\",https://support.example.com/t/1,2026-01-05,\"For the accountants,\r\nmonthly \"\"closing\"\"\",high\r\n"
        + "Dark mode,Globex Inc.,50k,https://support.example.com/t/2,2026-01-06,,low\r\n"
        + "Export invoices as CSV,Initech,,https://support.example.com/t/3,2026-02-01,,\r\n"
        + "Request FR-0001,ÉMILE SÖHNE,,,2026-02-02,,\r\n"

    /// The export creates two requests, adds two customers (one to a request of the
    /// registry, one to a request it creates) and twice is once: the second run adds nothing.
    @Test func importRunTwice() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("requests/FR-0001-a.md", Self.acme("FR-0001", "new", name: "Emile Sohne", ticket: 9))
        try scratch.commit("Émile asks")
        try scratch.write("support.csv", Self.export)
        let dry = try FreqBinary.run(["import", "support.csv", "--dry-run"], in: scratch.root)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try scratch.git(["status", "--porcelain", "requests"]).isEmpty)
        let first = try FreqBinary.run(["import", "support.csv"], in: scratch.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("""
            line 2: created FR-0002 Export invoices as CSV for Acme Corp
            line 4: created FR-0003 Dark mode for Globex Inc.
            line 5: added Initech to FR-0002: same title as FR-0002
            line 6: skipped: ÉMILE SÖHNE already asked for FR-0001 (same title as FR-0001)
            2 created, 1 added, 1 skipped

            """), "\(first.stdout)")
        #expect(first.stderr.contains("the column `Priority` is not imported"))
        #expect(dry.stdout.hasPrefix(first.stdout.components(separatedBy: "\n").prefix(5).joined(separator: "\n")))
        let created = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0002-export-invoices-as-csv.md"), encoding: .utf8)
        #expect(created.contains("created: 2026-01-05\n"))
        #expect(created.contains("  - customer: Acme Corp\n    arr: 120000\n    ticket: https://support.example.com/t/1\n    date: 2026-01-05\n"))
        #expect(created.contains("  - customer: Initech\n    ticket: https://support.example.com/t/3\n    date: 2026-02-01\n"))
        #expect(created.contains("For the accountants,\r\nmonthly \"closing\"\n\nImported from support.csv, line 2.\n"))
        #expect(try FreqBinary.run(["validate"], in: scratch.root).status == 0)
        try scratch.commit("Import the support export")

        let second = try FreqBinary.run(["import", "support.csv"], in: scratch.root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 created, 0 added, 4 skipped\n"), "\(second.stdout)")
        #expect(second.stdout.contains("line 2: skipped: Acme Corp already asked for FR-0002 (ticket https://support.example.com/t/1 is on FR-0002)"))
        #expect(try scratch.git(["status", "--porcelain"]).isEmpty)
    }

    /// A value the schema refuses stops the whole import before anything is written,
    /// named by its line and column; a very close title off a terminal needs --yes.
    @Test func importChecksEveryValueFirst() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("bad.csv", "title,customer,area,arr,date\nDark mode,Acme,billing,1k,2026-01-05\nExport,Globex,finance,lots,05/01/2026\n")
        let bad = try FreqBinary.run(["import", "bad.csv"], in: scratch.root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:3: column `arr`: `lots` is not an amount"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.csv:3: column `date`: `05/01/2026` is not a day written YYYY-MM-DD"))
        try scratch.write("bad.csv", "title,customer,area\nDark mode,Acme,billing\nExport,Globex,finance\n")
        let area = try FreqBinary.run(["import", "bad.csv"], in: scratch.root)
        #expect(area.status == 1)
        #expect(area.stderr.contains("bad.csv:3: column `area`: `area` is `finance`"), "\(area.stderr)")
        #expect(try scratch.git(["status", "--porcelain", "requests"]).isEmpty)

        try scratch.write("close.csv", "title,customer\nExport invoice,Globex\n")
        let close = try FreqBinary.run(["import", "close.csv"], in: scratch.root)
        #expect(close.status == 2)
        #expect(close.stderr.contains("is close to FR-0001, `Export invoices`"), "\(close.stderr)")
        // On a terminal the question is asked; "n" files a request of its own.
        let asked = try FreqBinary.runOnTerminal(["import", "close.csv", "--dry-run"], in: scratch.root, answers: [])
        #expect(asked.stdout.contains("line 2: added Globex to FR-0001"), "a dry run answers yes: \(asked.stdout)")
        let no = try FreqBinary.runOnTerminal(["import", "close.csv"], in: scratch.root, answers: ["n"])
        #expect(no.stdout.contains("is close to FR-0001, `Export invoices`. Add the customer there? [y/N]"), "\(no.stdout)")
        #expect(no.stdout.contains("line 2: created FR-0002 Export invoice for Globex"))
        try FileManager.default.removeItem(at: scratch.root.appendingPathComponent("requests/FR-0002-export-invoice.md"))
        let yes = try FreqBinary.run(["import", "close.csv", "--yes"], in: scratch.root)
        #expect(yes.stdout.hasPrefix("line 2: added Globex to FR-0001: title close to FR-0001's, Export invoices\n"), "\(yes.stdout)")
    }
}
