import Foundation
import FreqTestSupport
import Testing

/// What the commands that write files say when the write is refused or fails: one line
/// on stderr, exit 2, nothing changed and no temporary file left behind.
@Suite("write failures")
struct WriteFailureTests {
    func entries(_ scratch: ScratchRepository, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.root.appendingPathComponent(folder).path).sorted()
    }

    @Test func newNeverOverwritesAFileThatHasTheNewRequestsName() throws {
        let scratch = try RegistryFixture.make()
        // No id in it: FR-0001 is still the next id, and its file name is taken.
        try scratch.write("requests/FR-0001-export-invoices.md", "no front matter here\n")
        let output = try FreqBinary.run(["new", "--title", "Export invoices", "--yes"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix(
            "freq: error: `requests/FR-0001-export-invoices.md` already exists; freq never overwrites a request\n"), "\(output.stderr)")
        #expect(output.stdout == "")
        let kept = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-export-invoices.md"), encoding: .utf8)
        #expect(kept == "no front matter here\n")
        #expect(try entries(scratch, "requests") == ["FR-0001-export-invoices.md"])
    }

    @Test func indexNamesTheCatalogueAsConfiguredWhenItsWriteFails() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        // A folder where the catalogue goes: the final rename cannot replace it.
        try FileManager.default.createDirectory(
            at: scratch.root.appendingPathComponent("requests/README.md"), withIntermediateDirectories: true)
        let output = try FreqBinary.run(["index"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr == "freq: error: cannot write `requests/README.md`: \(String(cString: strerror(EISDIR)))\n")
        #expect(try entries(scratch, "requests") == ["FR-0001-a.md", "README.md"])
    }
}
