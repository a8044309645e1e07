import Foundation
import FreqTestSupport
import Testing

/// `freq list`, `freq show` and `freq index` on a scratch registry: several statuses,
/// customers with ARR, a title with `|` and `*`, one with a spreadsheet formula, one
/// unreadable file.
@Suite("query commands")
struct QueryTests {
    /// Ages in the goldens count to this day, so they never change with the clock.
    static let asOf = ["--as-of", "2026-03-01"]

    static func customer(_ name: String, _ segment: String, _ arr: Int) -> String {
        "  - customer: \(name)\n    segment: \(segment)\n    arr: \(arr)\n"
    }

    /// Six readable requests (one per status) and one file without front matter; FR-0002
    /// was committed as `new` and triaged in a later commit.
    func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write(
            "requests/FR-0001-export-invoices.md",
            RegistryFixture.request(
                "FR-0001", status: "new", title: "Export invoices as CSV",
                extra: "area: billing\ncreated: 2026-01-05\ntags: [export, finance]\nrequested_by:\n"
                    + Self.customer("Acme Corp", "enterprise", 120_000) + Self.customer("Globex", "smb", 5_000)))
        try scratch.write(
            "requests/FR-0002-pipes.md",
            RegistryFixture.request(
                "FR-0002", status: "new", title: "'Pipes | and *stars* in titles'",
                extra: "area: export\ncreated: 2026-02-01\nrequested_by:\n" + Self.customer("Initech", "mid-market", 30_000)))
        try scratch.write(
            "requests/FR-0003-search.md",
            RegistryFixture.request(
                "FR-0003", status: "planned", title: "Search by customer",
                extra: "area: search\ncreated: 2026-01-20\nseverity: 2\nrequested_by:\n" + Self.customer("ACME Labs", "smb", 2_000)))
        try scratch.write(
            "requests/FR-0004-dark-mode.md",
            RegistryFixture.request("FR-0004", status: "shipped", title: "Dark mode", extra: "created: 2025-12-01\n"))
        try scratch.write(
            "requests/FR-0005-formula.md",
            RegistryFixture.request(
                "FR-0005", status: "declined", title: "'=SUM(A1:A2), \"quoted\"'",
                extra: "area: billing\ncreated: 2026-01-10\nrequested_by:\n" + Self.customer("Umbrella", "enterprise", 250_000)))
        try scratch.write(
            "requests/FR-0006-invoices-csv.md",
            RegistryFixture.request(
                "FR-0006", status: "duplicate", title: "Invoices in CSV",
                extra: "area: billing\ncreated: 2026-02-10\nduplicate_of: FR-0001\nrequested_by:\n" + Self.customer("Globex", "smb", 5_000)))
        try scratch.write("requests/FR-0007-broken.md", "# no front matter here\n")
        try scratch.commit("add requests")
        try scratch.write(
            "requests/FR-0002-pipes.md",
            RegistryFixture.request(
                "FR-0002", status: "triaged", title: "'Pipes | and *stars* in titles'",
                extra: "area: export\ncreated: 2026-02-01\nrequested_by:\n" + Self.customer("Initech", "mid-market", 30_000)))
        try scratch.commit("triage FR-0002", author: "Pat Product")
        return scratch
    }

    /// The ids `freq list --format json ARGS` prints, in order.
    func listedIDs(_ scratch: ScratchRepository, _ arguments: [String]) throws -> [String] {
        let output = try FreqBinary.run(["list", "--format", "json"] + Self.asOf + arguments, in: scratch.root)
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        return items.compactMap { $0["id"] as? String }
    }

    // MARK: list

    @Test(arguments: [
        ("table", "list-table.txt"), ("json", "list.json"), ("csv", "list.csv"),
    ])
    func listMatchesItsGoldenFile(format: String, golden: String) throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["list", "--format", format] + Self.asOf, in: scratch.root)
        #expect(output.status == 0)
        #expect(output.stderr.contains("`requests/FR-0007-broken.md` cannot be read as a request; skipped"))
        try Golden.check(output.stdout, "query/\(golden)")
    }

    @Test func filteredAndSortedTableMatchesItsGoldenFile() throws {
        let scratch = try registry()
        let output = try FreqBinary.run(
            ["list", "--category", "open", "--category", "declined", "--where", "requested_by.segment=enterprise", "--sort", "-arr"]
                + Self.asOf, in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        try Golden.check(output.stdout, "query/list-filtered.txt")
    }

    @Test(arguments: [
        (["--status", "new", "--status", "triaged"], ["FR-0001", "FR-0002"]),
        (["--category", "actioned"], ["FR-0003", "FR-0004"]),
        (["--where", "area=billing"], ["FR-0001", "FR-0005", "FR-0006"]),
        (["--where", "requested_by.segment=smb"], ["FR-0001", "FR-0003", "FR-0006"]),
        (["--where", "tags=finance"], ["FR-0001"]),
        (["--where", "severity=2"], ["FR-0003"]),
        (["--customer", "acme"], ["FR-0001", "FR-0003"]),
        (["--status", "planned", "--where", "area=billing"], []),
        (["--sort", "-arr"], ["FR-0005", "FR-0001", "FR-0002", "FR-0006", "FR-0003", "FR-0004"]),
        (["--sort", "age"], ["FR-0006", "FR-0002", "FR-0003", "FR-0005", "FR-0001", "FR-0004"]),
        (["--sort", "customers"], ["FR-0004", "FR-0002", "FR-0003", "FR-0005", "FR-0006", "FR-0001"]),
        // Requests without an area come last in either direction.
        (["--sort", "-area"], ["FR-0003", "FR-0002", "FR-0001", "FR-0005", "FR-0006", "FR-0004"]),
    ])
    func filtersAndSortOrders(arguments: [String], expected: [String]) throws {
        let scratch = try registry()
        #expect(try listedIDs(scratch, arguments) == expected, "\(arguments)")
    }

    @Test func csvGuardsFormulasAndQuotes() throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["list", "--format", "csv", "--status", "declined"] + Self.asOf, in: scratch.root)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains(",\"'=SUM(A1:A2), \"\"quoted\"\"\",") == true)
    }

    @Test(arguments: [
        (["--status", "triagd"], "unknown status `triagd` (did you mean `triaged`?)"),
        (["--category", "actionned"], "unknown status category `actionned` (did you mean `actioned`?)"),
        (["--where", "area"], "expected FIELD=VALUE"),
    ])
    func badQueriesExitTwoWithAHint(arguments: [String], message: String) throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["list"] + arguments, in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stdout == "")
    }

    @Test func unknownWhereFieldWarnsWithTheNearestField() throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["list", "--where", "aera=billing"], in: scratch.root)
        #expect(output.status == 0)
        #expect(output.stderr.contains("no request has a field `aera` (did you mean `area`?)"))
        #expect(output.stdout.hasPrefix("no request matches"))
    }

    // MARK: show

    @Test func showPrintsFieldsCustomersBodyAndHistory() throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["show", "FR-0002"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        let text = output.stdout
        #expect(text.hasPrefix("FR-0002  triaged (open)  requests/FR-0002-pipes.md\n"))
        #expect(text.contains("\ntitle:         Pipes | and *stars* in titles\n"))
        #expect(text.contains("requested_by:  1 customer (below)"))
        #expect(text.contains("customers: 1, total ARR 30,000\n  Initech  30,000  segment: mid-market\n"))
        #expect(text.contains("\nBody of FR-0002.\n"))
        #expect(text.contains("received as new"))
        let last = try #require(text.split(separator: "\n").last)
        #expect(last.contains("new → triaged"), "\(last)")
        #expect(last.hasSuffix("Pat Product  triage FR-0002"), "\(last)")
    }

    /// Two files holding one id: `show` takes the smallest path, as the history does,
    /// whichever order the folder lists them in.
    @Test func showTakesTheSmallestPathOfAnIdHeldTwice() throws {
        let scratch = try registry()
        try scratch.write("requests/FR-0002-zz-copy.md", RegistryFixture.request("FR-0002", status: "new", title: "The copy"))
        try scratch.write("requests/FR-0002-aa-first.md", RegistryFixture.request("FR-0002", status: "new", title: "The first"))
        for _ in 0..<2 {
            let output = try FreqBinary.run(["show", "FR-0002"], in: scratch.root)
            #expect(output.stdout.hasPrefix("FR-0002  new (open)  requests/FR-0002-aa-first.md\n"), "\(output.stdout)")
        }
    }

    @Test func showJSONCarriesBodyAndTimeline() throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["show", "FR-0001", "--format", "json"] + Self.asOf, in: scratch.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["arr"] as? Int == 125_000)
        #expect(json["age_days"] as? Int == 55)
        #expect((json["body"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) == "Body of FR-0001.")
        let history = try #require(json["history"] as? [String: Any])
        #expect((history["received"] as? [String: Any])?["status"] as? String == "new")
    }

    @Test func uncommittedRequestIsNotInTheHistoryYet() throws {
        let scratch = try registry()
        try scratch.write("requests/FR-0008-new.md", RegistryFixture.request("FR-0008", status: "new", title: "Fresh"))
        let output = try FreqBinary.run(["show", "FR-0008"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("history: not in the history yet"))
    }

    @Test func showInARepositoryWithoutCommits() throws {
        let scratch = try ScratchRepository()
        try scratch.write("schema/registry.yml", RegistryFixture.config)
        try scratch.write("schema/request.schema.json", RegistryFixture.schema)
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["show", "FR-0001"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("history: not in the history yet"))
    }

    @Test func showUnknownIDExitsTwoWithDidYouMean() throws {
        let scratch = try registry()
        let output = try FreqBinary.run(["show", "FR-0030"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("no request `FR-0030` in the registry (did you mean `FR-0003`?)"))
        // Typed without its zeros, the id is found.
        #expect(try FreqBinary.run(["show", "FR-003"], in: scratch.root).status == 0)
    }

    // MARK: index

    @Test func indexWritesTheCatalogueAndCheckPassesAfterwards() throws {
        let scratch = try registry()
        let written = try FreqBinary.run(["index"], in: scratch.root)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "wrote `requests/README.md` (6 requests)\n")
        let catalogue = try String(contentsOf: scratch.root.appendingPathComponent("requests/README.md"), encoding: .utf8)
        try Golden.check(catalogue, "query/catalogue.md")
        #expect(catalogue.contains("Pipes \\| and \\*stars\\* in titles"))
        // No temporary file is left next to it.
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.root.appendingPathComponent("requests").path)
        #expect(!names.contains { $0.hasPrefix(".") })

        let check = try FreqBinary.run(["index", "--check"], in: scratch.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "`requests/README.md` is up to date\n")
        // The catalogue is excluded, so validation does not read it as a request.
        let validate = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(!validate.stdout.contains("requests/README.md"))
    }

    @Test func indexCheckFailsWithADiffWhenStale() throws {
        let scratch = try registry()
        #expect(try FreqBinary.run(["index"], in: scratch.root).status == 0)
        let url = scratch.root.appendingPathComponent("requests/README.md")
        let before = try Data(contentsOf: url)
        try scratch.write(
            "requests/FR-0003-search.md",
            RegistryFixture.request(
                "FR-0003", status: "shipped", title: "Search by customer",
                extra: "area: search\ncreated: 2026-01-20\nseverity: 2\nrequested_by:\n" + Self.customer("ACME Labs", "smb", 2_000)))
        let check = try FreqBinary.run(["index", "--check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("`requests/README.md` is out of date; run `freq index`"))
        #expect(check.stdout.hasPrefix("--- requests/README.md\n+++ requests/README.md (freq index)\n@@ "))
        #expect(check.stdout.contains("\n-| planned | actioned | 1 |\n"))
        #expect(check.stdout.contains("\n+| planned | actioned | 0 |\n"))
        #expect(check.stdout.contains("\n-| [FR-0003](FR-0003-search.md) | planned | Search by customer |"))
        #expect(check.stdout.contains("\n+| [FR-0003](FR-0003-search.md) | shipped | Search by customer |"))
        #expect(try Data(contentsOf: url) == before, "--check must not write")
    }

    /// `index` remembers what it rendered, and from which request files
    /// (`.git/freq/catalogue-*.memo`). It takes the memo's word only for "up to date", only
    /// for the same files and catalogue bytes; anything else is rendered, as without it.
    @Test func indexCheckTrustsItsMemoOnlyForTheSameRequestsAndBytes() throws {
        let scratch = try registry()
        #expect(try FreqBinary.run(["index"], in: scratch.root).status == 0)
        let cacheFolder = scratch.root.appendingPathComponent(".git/freq").path
        let memos = try FileManager.default.contentsOfDirectory(atPath: cacheFolder).filter { $0.hasSuffix(".memo") }
        #expect(memos.count == 1)
        #expect(try FreqBinary.run(["index", "--check"], in: scratch.root).stdout == "`requests/README.md` is up to date\n")
        // Edited by hand (one byte): out of date, with its diff.
        let url = scratch.root.appendingPathComponent("requests/README.md")
        let rendered = try String(contentsOf: url, encoding: .utf8)
        try rendered.replacingOccurrences(of: "# Requests", with: "# Requestz").write(to: url, atomically: true, encoding: .utf8)
        let edited = try FreqBinary.run(["index", "--check"], in: scratch.root)
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("\n-# Requestz\n+# Requests\n"))
        try rendered.write(to: url, atomically: true, encoding: .utf8)
        // A request changed: rendered again, and out of date.
        let request = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0003-search.md"), encoding: .utf8)
        try scratch.write("requests/FR-0003-search.md", request.replacingOccurrences(of: "status: planned", with: "status: shipped"))
        #expect(try FreqBinary.run(["index", "--check"], in: scratch.root).status == 1)
        try scratch.write("requests/FR-0003-search.md", request)
        // A damaged memo is not believed, nor needed.
        try Data("FREQCAT1\n garbage".utf8).write(to: URL(fileURLWithPath: cacheFolder + "/" + memos[0]))
        let afterDamage = try FreqBinary.run(["index", "--check"], in: scratch.root)
        #expect(afterDamage.status == 0, "\(afterDamage.stderr)")
        #expect(afterDamage.stdout == "`requests/README.md` is up to date\n")
    }

    @Test func indexCheckFailsWhenTheCatalogueIsMissing() throws {
        let scratch = try registry()
        let check = try FreqBinary.run(["index", "--check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("does not exist"))
        #expect(check.stdout.contains("\n+# Requests\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("requests/README.md").path))
    }

    @Test func indexRefusesACatalogueTheConfigurationDoesNotExclude() throws {
        let scratch = try registry()
        try scratch.write(
            "schema/registry.yml",
            RegistryFixture.config.replacingOccurrences(of: "exclude: [\"requests/README.md\"]\n", with: ""))
        let output = try FreqBinary.run(["index"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("add `exclude: [\"requests/README.md\"]`"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("requests/README.md").path))
    }
}
