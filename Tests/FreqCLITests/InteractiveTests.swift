import Foundation
import FreqTestSupport
import Testing

/// `new` and `plus-one` at a terminal, driven through a pseudo-terminal with the typos
/// people make: each wrong answer is said and asked again, the earlier answers kept.
@Suite("interactive new and plus-one")
struct InteractiveTests {
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/request.schema.json", RegistryFixture.schema.replacingOccurrences(
            of: #""segment": {"type": "string"}"#, with: #""segment": {"enum": ["enterprise", "smb"]}"#))
        try scratch.write("requests/FR-0001-export.md", RegistryFixture.request(
            "FR-0001", status: "shipped", title: "Export invoices as CSV", extra: "requested_by:\n  - customer: Acme\n"))
        try scratch.commit("registry")
        return scratch
    }

    static func read(_ scratch: ScratchRepository, _ path: String) throws -> String {
        try String(contentsOf: scratch.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func typosAreAskedAgainAndTheAnswersKept() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.runOnTerminal(
            ["new", "--submitted-by", "jana"], in: scratch.root,
            answers: [
                "Dark mode everywhere", "biling", "search", "high", "7", "2", "Globex", "Enterprise", "enterprise",
                "120,000", "https://support.example.com/t/1", "They work at night.", "",
            ])
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.contains("`biling` is not one of the allowed values (did you mean `billing`?); again"))
        #expect(output.stdout.contains("`high` is not a whole number; again"))
        #expect(output.stdout.contains("`severity` must be at most 4, found 7; again"))
        #expect(output.stdout.contains("`Enterprise` is not one of the allowed values (did you mean `enterprise`?); again"))
        #expect(output.stdout.contains("segment [enterprise, smb]"))
        let written = try Self.read(scratch, "requests/FR-0002-dark-mode-everywhere.md")
        #expect(written.contains("area: search\nseverity: 2\n"))
        #expect(written.contains("  - customer: Globex\n    segment: enterprise\n    arr: 120000\n"))
        #expect(written.contains("## Problem\n\nThey work at night.\n"))
    }

    /// A similar title is shown right after the title with what its status means, and the
    /// customer goes to that request instead.
    @Test func aSimilarRequestTakesTheCustomerInstead() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.runOnTerminal(
            ["new", "--submitted-by", "jana", "--date", "2026-03-01"], in: scratch.root,
            answers: ["Export invoice to CSV", "y", "Globex", "smb", "120k", ""])
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.contains("FR-0001  Export invoices as CSV  (shipped: tell the customer it is on its way, or exists)"))
        #expect(output.stdout.contains("requests/FR-0001-export.md: added Globex (2 customers)"))
        let canonical = try Self.read(scratch, "requests/FR-0001-export.md")
        #expect(canonical.contains("  - customer: Globex\n    segment: smb\n    arr: 120000\n    date: 2026-03-01\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.root.appendingPathComponent("requests").path)
        #expect(files == ["FR-0001-export.md"])
    }

    @Test func plusOneAsksForTheCustomerOnATerminal() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.runOnTerminal(["plus-one", "1"], in: scratch.root, answers: ["Initech", "", "1.2m", ""])
        #expect(output.status == 0, "\(output.stdout)")
        #expect(try Self.read(scratch, "requests/FR-0001-export.md").contains("  - customer: Initech\n    arr: 1200000\n"))
        // Without a terminal the customer is a required flag.
        let script = try FreqBinary.run(["plus-one", "FR-0001"], in: scratch.root)
        #expect(script.status == 2)
        #expect(script.stderr == "freq: error: missing --customer; freq asks for it only on a terminal\n")
    }
}
