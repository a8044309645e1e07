import Foundation
import FreqTestSupport
import Testing

/// The support agent's path: `new` and `plus-one` never write a file they know is wrong.
@Suite("support path: values checked before writing")
struct SupportPathTests {
    static let valid = ["--title", "Export invoices as CSV", "--area", "billing", "--severity", "2", "--customer", "Acme Corp"]

    /// The fixture registry with a schema as strict as a real one: segments enumerated,
    /// ARR at least 0, titles of at most 120 characters.
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        let strict = RegistryFixture.schema
            .replacingOccurrences(of: #""segment": {"type": "string"}"#, with: #""segment": {"enum": ["enterprise", "smb"]}"#)
            .replacingOccurrences(of: #""arr": {"type": "integer"}"#, with: #""arr": {"type": "integer", "minimum": 0}"#)
            .replacingOccurrences(of: #""minLength": 3}"#, with: #""minLength": 3, "maxLength": 120}"#)
        #expect(strict.contains("maxLength") && strict.contains("minimum\": 0") && strict.contains("smb"))
        try scratch.write("schema/request.schema.json", strict)
        try scratch.commit("a strict schema")
        return scratch
    }

    static func files(_ scratch: ScratchRepository) throws -> [String] {
        let folder = scratch.root.appendingPathComponent("requests").path
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    /// Each bad value of each flag: exit 2, the flag named with what is allowed, nothing written.
    @Test(arguments: [
        (["--severity", "9"], "--severity: `severity` must be at most 4, found 9"),
        (["--segment", "Enterprise"], "--segment:"),
        (["--ticket", "9001"], "--ticket:"),
        (["--arr=-5"], "--arr:"),
        (["--title", "ab"], "--title:"),
        (["--title", String(repeating: "x", count: 496)], "--title:"),
        (["--date", "2026-02-30"], "--date"),
    ])
    func newRefusesABadValue(change: [String], expected: String) throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["new"] + Self.valid + change + ["--yes"], in: scratch.root)
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stderr.contains("freq: error: " + expected) || output.stderr.contains(expected), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(try Self.files(scratch).isEmpty)
    }

    @Test func theSegmentRefusalNamesTheAllowedValuesAndTheNearest() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["new"] + Self.valid + ["--segment", "Enterprise", "--yes"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("not one of `enterprise`, `smb` (did you mean `enterprise`?)"), "\(output.stderr)")
        #expect(output.stderr.hasSuffix("nothing was written\n"))
    }

    @Test func plusOneRefusesABadValueAndKeepsTheFile() throws {
        let scratch = try RegistryFixture.make()
        let original = RegistryFixture.request("FR-0001", status: "new")
        try scratch.write("requests/FR-0001-a.md", original)
        let output = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "Globex", "--ticket", "not a link"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("freq: error: --ticket:"), "\(output.stderr)")
        let now = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-a.md"), encoding: .utf8)
        #expect(now == original)
        // The fixed value goes in.
        let fixed = try FreqBinary.run(
            ["plus-one", "FR-0001", "--customer", "Globex", "--ticket", "https://support.example.com/t/2"], in: scratch.root)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    /// A refused draft leaves nothing behind, so the retry is not blocked as a similar title.
    @Test func aRetryAfterARefusalIsNotADuplicate() throws {
        let scratch = try RegistryFixture.make()
        _ = try FreqBinary.run(["new"] + Self.valid + ["--severity", "9"], in: scratch.root)
        let retry = try FreqBinary.run(["new"] + Self.valid, in: scratch.root)
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(!retry.stderr.contains("similar title"))
        #expect(try Self.files(scratch) == ["FR-0001-export-invoices-as-csv.md"])
    }
}
