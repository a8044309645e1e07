import Foundation
import FreqTestSupport
import Testing

/// `freq new`, `freq plus-one` and `freq move`, run as a user runs them (no terminal).
@Suite("freq new, plus-one, move")
struct EditingTests {
    func read(_ scratch: ScratchRepository, _ path: String) throws -> String {
        try String(contentsOf: scratch.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The requests folder's entries; none when the folder does not exist.
    func files(_ scratch: ScratchRepository) throws -> [String] {
        let folder = scratch.root.appendingPathComponent("requests").path
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    let customerFlags = ["--customer", "Acme Corp", "--segment", "enterprise", "--arr", "120000", "--ticket", "https://support.example.com/t/1"]

    @Test func newWritesAValidRequestWithTheNextID() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", title: "Search by customer name"))
        try scratch.write("requests/FR-0011-b.md", RegistryFixture.request("FR-0011", status: "triaged", title: "Dark mode everywhere"))
        let output = try FreqBinary.run(
            ["new", "--title", "Export invoices as CSV", "--area", "billing", "--severity", "2", "--date", "2026-11-02", "--submitted-by", "jana"]
                + customerFlags, in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "requests/FR-0012-export-invoices-as-csv.md\n")
        let written = try read(scratch, "requests/FR-0012-export-invoices-as-csv.md")
        #expect(written.hasPrefix("""
            ---
            id: FR-0012
            title: Export invoices as CSV
            status: new
            created: 2026-11-02
            area: billing
            severity: 2
            requested_by:
              - customer: Acme Corp
                segment: enterprise
                arr: 120000
                ticket: https://support.example.com/t/1
                date: 2026-11-02
            ---

            """))
        // The fixture schema declares no submitted_by: the field is left out, not invented.
        #expect(!written.contains("submitted_by"))
        #expect(try FreqBinary.run(["validate"], in: scratch.root).status == 0)
    }

    @Test func nextIDCountsRequestsOnOtherBranches() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", title: "Search by customer name"))
        try scratch.commit("one request")
        try scratch.git(["checkout", "-q", "-b", "agent-two"])
        try scratch.write("requests/FR-0007-b.md", RegistryFixture.request("FR-0007", status: "new", title: "Dark mode everywhere"))
        try scratch.commit("filed on a branch")
        try scratch.git(["checkout", "-q", "main"])
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("requests/FR-0007-b.md").path))
        let output = try FreqBinary.run(["new", "--title", "Keyboard shortcuts"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "requests/FR-0008-keyboard-shortcuts.md\n")
    }

    @Test func similarTitlesStopUnlessYes() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", title: "Export invoices as CSV"))
        let refused = try FreqBinary.run(["new", "--title", "Export invoice as CSV"], in: scratch.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("FR-0001  Export invoices as CSV"))
        #expect(refused.stderr.contains("--yes"))
        #expect(try files(scratch) == ["FR-0001-a.md"])
        let filed = try FreqBinary.run(["new", "--title", "Export invoice as CSV", "--yes"], in: scratch.root)
        #expect(filed.status == 0, "\(filed.stderr)")
        #expect(filed.stdout == "requests/FR-0002-export-invoice-as-csv.md\n")
    }

    @Test(arguments: [
        ("Экспорт счетов", "requests/FR-0001-request.md"),
        ("../../../etc/passwd", "requests/FR-0001-etc-passwd.md"),
        ("Café crème: façade", "requests/FR-0001-cafe-creme-facade.md"),
        (String(repeating: "very long title ", count: 10), "requests/FR-0001-" + String(repeating: "very-long-title-", count: 3) + "very-long.md"),
    ])
    func slugEdgeCasesStayInTheRequestsFolder(_ title: String, _ expected: String) throws {
        let scratch = try RegistryFixture.make()
        let output = try FreqBinary.run(["new", "--title", title], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == expected + "\n")
        let written = try read(scratch, expected)
        #expect(written.contains("id: FR-0001\n"))
        // Exactly one new file, and only inside requests/.
        #expect(try files(scratch).count == 1)
    }

    @Test func idPatternWithAnotherPrefix() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write(
            "schema/registry.yml",
            RegistryFixture.config.replacingOccurrences(of: "^FR-[0-9]{4}$", with: "^REQ-[0-9]{3,}$"))
        let first = try FreqBinary.run(["new", "--title", "First request"], in: scratch.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "requests/REQ-001-first-request.md\n")
        let second = try FreqBinary.run(["new", "--title", "Another thing entirely"], in: scratch.root)
        #expect(second.stdout == "requests/REQ-002-another-thing-entirely.md\n")
    }

    @Test func missingRequiredValueWithoutATerminalIsAUsageError() throws {
        let scratch = try RegistryFixture.make()
        let noTitle = try FreqBinary.run(["new", "--area", "billing"], in: scratch.root)
        #expect(noTitle.status == 2)
        #expect(noTitle.stderr.contains("--title"))
        // With the schema requiring `area`, the flag is named with the allowed values.
        try scratch.write(
            "schema/request.schema.json",
            RegistryFixture.schema.replacingOccurrences(of: "\"required\": [\"id\", \"title\", \"status\"]", with: "\"required\": [\"id\", \"title\", \"status\", \"area\"]"))
        let noArea = try FreqBinary.run(["new", "--title", "Something new"], in: scratch.root)
        #expect(noArea.status == 2)
        #expect(noArea.stderr.contains("missing --area (one of: billing, export, search)"))
        let badArea = try FreqBinary.run(["new", "--title", "Something new", "--area", "bilind"], in: scratch.root)
        #expect(badArea.status == 2)
        #expect(badArea.stderr.contains("did you mean `billing`?"))
        #expect(try files(scratch).isEmpty)
    }

    @Test func plusOneAddsACustomerThenRefusesTheSameOne() throws {
        let scratch = try RegistryFixture.make()
        let original = "---\r\nid: FR-0001\r\ntitle: Export invoices # as asked\r\nstatus: new\r\nrequested_by:\r\n- customer: Initech\r\n  arr: 10\r\n---\r\n\r\nBody\r\n"
        try scratch.write("requests/FR-0001-a.md", original)
        let output = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "Acme Corp", "--segment", "smb", "--arr", "5", "--date", "2026-11-03"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "requests/FR-0001-a.md: added Acme Corp (2 customers)\n")
        let expected = original.replacingOccurrences(
            of: "  arr: 10\r\n", with: "  arr: 10\r\n- customer: Acme Corp\r\n  segment: smb\r\n  arr: 5\r\n  date: 2026-11-03\r\n")
        #expect(try read(scratch, "requests/FR-0001-a.md") == expected)

        let again = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "  acme corp "], in: scratch.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("`Acme Corp` already asked for FR-0001"))
        #expect(try read(scratch, "requests/FR-0001-a.md") == expected)

        let unknown = try FreqBinary.run(["plus-one", "FR-0002", "--customer", "X"], in: scratch.root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean `FR-0001`?"))
        let badDate = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "X", "--date", "2026-02-30"], in: scratch.root)
        #expect(badDate.status == 2)
        let noCustomer = try FreqBinary.run(["plus-one", "FR-0001"], in: scratch.root)
        #expect(noCustomer.status == 2)
    }

    @Test func moveFollowsTheWorkflow() throws {
        let scratch = try RegistryFixture.make()
        let original = RegistryFixture.request("FR-0001", status: "\"new\"  # quoted on purpose")
        try scratch.write("requests/FR-0001-a.md", original)
        let allowed = try FreqBinary.run(["move", "FR-0001", "triaged"], in: scratch.root)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try read(scratch, "requests/FR-0001-a.md") == original.replacingOccurrences(of: "\"new\"", with: "\"triaged\""))

        let refused = try FreqBinary.run(["move", "FR-0001", "shipped"], in: scratch.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("from `triaged` it may move to `planned`, `declined`, `duplicate`"))
        #expect(try read(scratch, "requests/FR-0001-a.md").contains("status: \"triaged\""))

        let typo = try FreqBinary.run(["move", "FR-0001", "planed"], in: scratch.root)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean `planned`?"))
        let needsCanonical = try FreqBinary.run(["move", "FR-0001", "duplicate"], in: scratch.root)
        #expect(needsCanonical.status == 2)
        #expect(needsCanonical.stderr.contains("--duplicate-of"))
    }

    @Test func markingADuplicateMergesItsCustomersAndLeavingRemovesThePointer() throws {
        let scratch = try RegistryFixture.make()
        let canonical = RegistryFixture.request(
            "FR-0001", status: "triaged",
            extra: "requested_by:\n  - customer: Initech\n    arr: 10\n")
        let duplicate = RegistryFixture.request(
            "FR-0002", status: "new", title: "CSV export of invoices",
            extra: "requested_by:\n  - customer: INITECH \n  - customer: Globex\n    segment: smb\n    arr: 7\n")
        try scratch.write("requests/FR-0001-a.md", canonical)
        try scratch.write("requests/FR-0002-b.md", duplicate)
        let output = try FreqBinary.run(["move", "FR-0002", "duplicate", "--duplicate-of", "FR-0001"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("requests/FR-0001-a.md: added 1 customer from FR-0002: Globex"))
        #expect(try read(scratch, "requests/FR-0002-b.md") == duplicate.replacingOccurrences(
            of: "status: new\n", with: "status: duplicate\nduplicate_of: FR-0001\n"))
        // Initech was already listed (case and spaces aside): only Globex joins, once.
        #expect(try read(scratch, "requests/FR-0001-a.md") == canonical.replacingOccurrences(
            of: "    arr: 10\n", with: "    arr: 10\n  - customer: Globex\n    segment: smb\n    arr: 7\n"))
        #expect(try FreqBinary.run(["validate"], in: scratch.root).status == 0)

        // A workflow that lets a duplicate be reopened: the pointer goes with the status.
        try scratch.write("schema/registry.yml", RegistryFixture.config.replacingOccurrences(
            of: "    planned: [shipped, declined]\n", with: "    planned: [shipped, declined]\n    duplicate: [new]\n"))
        let reopened = try FreqBinary.run(["move", "FR-0002", "new"], in: scratch.root)
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(try read(scratch, "requests/FR-0002-b.md") == duplicate)
    }
}

/// `freq new` on a terminal asks for what the flags leave out. A pseudo-terminal comes
/// from util-linux `script`, part of every Debian system.
@Suite("freq new on a terminal")
struct InteractiveNewTests {
    func runOnTerminal(_ arguments: String, input: String, in scratch: ScratchRepository) throws -> String {
        var environment = scratch.environment()
        environment["NO_COLOR"] = "1"
        return try ScratchRepository.run(
            ["script", "-qec", "\(FreqBinary.url.path) \(arguments)", "/dev/null"], in: scratch.root,
            environment: environment, input: Data(input.utf8))
    }

    @Test func promptsShowTheAllowedValuesAndWriteTheAnswers() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", title: "Single sign-on"))
        try scratch.commit("one request")
        let transcript = try runOnTerminal(
            "new --date 2026-11-20", input: "Dark mode for the dashboard\nsearch\n\n\n\n", in: scratch)
        #expect(transcript.contains("area [billing, export, search]"), "\(transcript)")
        let written = try String(
            contentsOf: scratch.root.appendingPathComponent("requests/FR-0002-dark-mode-for-the-dashboard.md"), encoding: .utf8)
        #expect(written.contains("title: Dark mode for the dashboard\n"))
        #expect(written.contains("area: search\n"))
        #expect(written.contains("status: new\n"))
    }

    @Test func aSimilarTitleAsksFirstAndNoWritesNothing() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", title: "Export invoices as CSV"))
        try scratch.commit("one request")
        let transcript = try? runOnTerminal(
            "new --title 'CSV export of invoices' --area billing --date 2026-11-20", input: "n\n", in: scratch)
        #expect(transcript == nil || transcript?.contains("FR-0001") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.root.appendingPathComponent("requests").path)
        #expect(files == ["FR-0001-a.md"])
    }

    /// A failure no call site expected (here: the requests folder is a file) is still said,
    /// and exits 2: never a silent exit 1 that CI would read as findings.
    @Test func newSaysAnUnexpectedFilesystemError() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests", "not a folder\n")
        let output = try FreqBinary.run(
            ["new", "--title", "Export invoices as CSV", "--area", "billing", "--severity", "2", "--yes"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: "), "\(output.stderr)")
        #expect(output.stderr.contains("requests"))
        #expect(output.stdout.isEmpty)
    }
}
