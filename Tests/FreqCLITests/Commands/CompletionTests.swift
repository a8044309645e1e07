import Foundation
import FreqTestSupport
import Testing

/// Shell completions: the scripts ArgumentParser generates, and the ids, statuses and
/// areas freq offers from the registry the shell is in.
@Suite("shell completions")
struct CompletionTests {
    /// What the shell runs at a TAB on `freq COMMAND ... WORDS`: ArgumentParser's hidden
    /// `---completion` call for the argument `name`, the cursor at the end of the last word.
    func complete(_ command: String, _ name: String, words: [String], in folder: URL) throws -> FreqBinary.Output {
        let line = ["freq", command] + words
        return try FreqBinary.run(
            ["---completion", command, "--", name, String(line.count - 1), String(line.last?.count ?? 0)] + line, in: folder)
    }

    func candidates(_ output: FreqBinary.Output) -> [String] {
        output.stdout.split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func theScriptsNameEveryCommandAndAskFreqForIDs(shell: String) throws {
        let folder = try ScratchRepository(initialize: false)
        let output = try FreqBinary.run(["--generate-completion-script", shell], in: folder.root)
        #expect(output.status == 0, "\(output.stderr)")
        for command in ["init", "validate", "check", "new", "plus-one", "move", "list", "show", "index", "diff", "stats", "rules"] {
            #expect(output.stdout.contains(command), "\(shell): no \(command)")
        }
        // The id of `move` is completed by asking freq itself.
        #expect(output.stdout.contains("---completion move -- positional@0"))
    }

    @Test func idsStatusesAndAreasComeFromTheRegistry() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0002-b.md", RegistryFixture.request("FR-0002", status: "new"))
        try scratch.write("requests/FR-0010-a.md", RegistryFixture.request("FR-0010", status: "triaged"))
        try scratch.write("requests/README.md", "# the catalogue, not a request\n")

        let ids = try complete("move", "positional@0", words: [""], in: scratch.root)
        #expect(ids.status == 0)
        #expect(ids.stderr == "")
        #expect(candidates(ids) == ["FR-0002", "FR-0010"])
        #expect(candidates(try complete("move", "positional@0", words: ["FR-001"], in: scratch.root)) == ["FR-0010"])
        #expect(candidates(try complete("plus-one", "positional@0", words: ["FR-0"], in: scratch.root)) == ["FR-0002", "FR-0010"])

        let statuses = try complete("move", "positional@1", words: ["FR-0002", ""], in: scratch.root)
        #expect(candidates(statuses) == ["new", "triaged", "planned", "shipped", "declined", "duplicate"])
        #expect(candidates(try complete("list", "--status", words: ["--status", "d"], in: scratch.root)) == ["declined", "duplicate"])
        #expect(candidates(try complete("new", "--area", words: ["--area", ""], in: scratch.root)) == ["billing", "export", "search"])

        // From a subfolder, and for another repository named with -C.
        try FileManager.default.createDirectory(at: scratch.root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        #expect(candidates(try complete("show", "positional@0", words: [""], in: scratch.root.appendingPathComponent("docs"))).count == 2)
        let elsewhere = try ScratchRepository(initialize: false)
        #expect(candidates(try complete("log", "positional@0", words: ["-C", scratch.path, ""], in: elsewhere.root)).count == 2)
    }

    @Test func outsideARegistryThereIsNothingToOfferAndNothingIsSaid() throws {
        let outside = try ScratchRepository(initialize: false)
        let none = try complete("move", "positional@0", words: [""], in: outside.root)
        #expect(none.status == 0)
        #expect(candidates(none).isEmpty)
        #expect(none.stderr == "")

        let broken = try ScratchRepository()
        try broken.write("schema/registry.yml", "requests: [unclosed\n")
        let fromBroken = try complete("move", "positional@1", words: ["FR-1", ""], in: broken.root)
        #expect(fromBroken.status == 0)
        #expect(candidates(fromBroken).isEmpty)
        #expect(fromBroken.stderr == "")
    }
}
