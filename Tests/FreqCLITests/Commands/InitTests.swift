import Foundation
import FreqTestSupport
import Testing

/// `freq init`, run as a new user runs it: in a repository with no registry, then the
/// registry's own commands on what it wrote.
@Suite("freq init")
struct InitTests {
    static let written = [
        "schema/registry.yml", "schema/request.schema.json", "schema/template.md", ".github/workflows/freq.yml",
        ".github/workflows/catalogue.yml", ".github/pull_request_template.md", "CONTRIBUTING.md",
    ]

    /// A repository with one commit and no registry, as a team's existing repository is.
    func existingRepository() throws -> ScratchRepository {
        let scratch = try ScratchRepository()
        try scratch.write("src/main.c", "int main(void) { return 0; }\n")
        try scratch.commit("the team's code")
        return scratch
    }

    func exists(_ scratch: ScratchRepository, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent(path).path)
    }

    @Test(arguments: [("features", "requests/README.md"), ("eip", "EIPS/README.md"), ("adr", "docs/adr/README.md")])
    func eachPresetIsAWorkingRegistryAtOnce(preset: String, catalogue: String) throws {
        let scratch = try existingRepository()
        // From a subfolder, as `git` works: the files go to the repository's root.
        let output = try FreqBinary.run(["-C", "src", "init", "--preset", preset], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        for path in Self.written + [catalogue] {
            #expect(exists(scratch, path), "\(path) was not written")
            #expect(output.stdout.contains("wrote `\(path)`") || output.stdout.contains("wrote `../\(path)`"), "\(output.stdout)")
        }
        #expect(output.stdout.contains("Next, for"))

        let validate = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout == "0 requests, 0 errors, 0 warnings\n")
        let check = try FreqBinary.run(["check", "--base", "HEAD"], in: scratch.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "0 requests, 0 errors, 0 warnings\n")
        // The catalogue is the one `freq index` would write.
        let index = try FreqBinary.run(["index", "--check"], in: scratch.root)
        #expect(index.status == 0, "\(index.stdout)\(index.stderr)")

        // Committed, the registry is the base of the next pull request, and its history reads.
        try scratch.commit("freq init")
        #expect(try FreqBinary.run(["check", "--base", "HEAD"], in: scratch.root).status == 0)
        let stats = try FreqBinary.run(["stats", "--format", "json"], in: scratch.root)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("\"received\": 0"))
    }

    @Test func newWorksRightAfterInit() throws {
        let scratch = try existingRepository()
        #expect(try FreqBinary.run(["init"], in: scratch.root).status == 0)
        let new = try FreqBinary.run(
            ["new", "--title", "Export invoices as CSV", "--area", "billing", "--severity", "2", "--customer", "Acme Corp",
             "--segment", "enterprise", "--arr", "120000", "--ticket", "https://support.example.com/t/1", "--submitted-by", "jana",
             "--date", "2026-11-02"], in: scratch.root)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout == "requests/FR-0001-export-invoices-as-csv.md\n")
        let text = try String(
            contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-export-invoices-as-csv.md"), encoding: .utf8)
        #expect(text.hasPrefix("---\nid: FR-0001\ntitle: Export invoices as CSV\nstatus: new\ncreated: 2026-11-02\narea: billing\n"))
        // The body is the template's, to be filled in: the only finding is that reminder.
        let validate = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(validate.status == 0, "\(validate.stdout)")
        #expect(validate.stdout.contains("\"errors\": 0"))
        #expect(try FreqBinary.run(["index"], in: scratch.root).status == 0)
        let catalogue = try String(contentsOf: scratch.root.appendingPathComponent("requests/README.md"), encoding: .utf8)
        #expect(catalogue.contains("[FR-0001](FR-0001-export-invoices-as-csv.md)"))
        #expect(try FreqBinary.run(["check", "--base", "HEAD"], in: scratch.root).status == 0)
    }

    @Test func aNewDecisionRecordStartsWithTheADRTemplatesSections() throws {
        let scratch = try existingRepository()
        #expect(try FreqBinary.run(["init", "--preset", "adr"], in: scratch.root).status == 0)
        let new = try FreqBinary.run(
            ["new", "--title", "Use PostgreSQL for orders", "--submitted-by", "ada", "--date", "2026-11-02"], in: scratch.root)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout == "docs/adr/0001-use-postgresql-for-orders.md\n")
        let text = try String(
            contentsOf: scratch.root.appendingPathComponent("docs/adr/0001-use-postgresql-for-orders.md"), encoding: .utf8)
        // The id stays text (a YAML reader would make 0001 a number), the date field is the preset's.
        #expect(text.hasPrefix("---\nid: \"0001\"\ntitle: Use PostgreSQL for orders\nstatus: proposed\ndate: 2026-11-02\nauthor: ada\n---\n"))
        #expect(text.hasSuffix("---\n\n## Context\n\nWhat forces us to decide, and what we know.\n\n## Decision\n\nWhat we decided.\n\n## Consequences\n\nWhat becomes easier, and what becomes harder.\n"))
        #expect(try FreqBinary.run(["move", "0001", "accepted"], in: scratch.root).status == 0)
    }

    @Test func anExistingFileStopsItAndNothingIsWritten() throws {
        let scratch = try existingRepository()
        try scratch.write(".github/workflows/freq.yml", "name: ours\n")
        try scratch.write("schema/template.md", "ours\n")
        let output = try FreqBinary.run(["init"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("nothing was written"))
        #expect(output.stderr.contains("\n  schema/template.md\n"))
        #expect(output.stderr.contains("\n  .github/workflows/freq.yml\n"))
        for path in Self.written + ["requests/README.md"] where !path.hasSuffix("freq.yml") && !path.hasSuffix("template.md") {
            #expect(!exists(scratch, path), "\(path) was written")
        }
        #expect(!exists(scratch, "requests"))
        #expect(try String(contentsOf: scratch.root.appendingPathComponent("schema/template.md"), encoding: .utf8) == "ours\n")

        // A file where a folder must go is named too.
        let other = try existingRepository()
        try other.write(".github", "not a folder\n")
        let blocked = try FreqBinary.run(["init"], in: other.root)
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("\n  .github (not a folder, and .github/workflows/freq.yml goes in it)\n"))
        #expect(!exists(other, "schema"))
    }

    @Test func anExistingContributingGetsASectionOnce() throws {
        let scratch = try existingRepository()
        try scratch.write("CONTRIBUTING.md", "# How we work\r\n\r\nBe kind.\r\n")
        let first = try FreqBinary.run(["init"], in: scratch.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("added the freq section to `CONTRIBUTING.md`"))
        let text = try String(contentsOf: scratch.root.appendingPathComponent("CONTRIBUTING.md"), encoding: .utf8)
        #expect(text.hasPrefix("# How we work\r\n\r\nBe kind.\r\n\r\n<!-- freq init: requests section -->\r\n\r\n## Feature requests\r\n"))
        // Its own line endings throughout.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))

        // Again (the other files moved away): the section is there already.
        for path in Self.written where path != "CONTRIBUTING.md" { try scratch.remove(path) }
        try scratch.remove("requests/README.md")
        let second = try FreqBinary.run(["init"], in: scratch.root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("CONTRIBUTING.md (it already has the freq section)"))
        #expect(try String(contentsOf: scratch.root.appendingPathComponent("CONTRIBUTING.md"), encoding: .utf8) == text)
        #expect(!exists(scratch, "schema/registry.yml"))
    }

    @Test func outsideARepositoryOrWithABadActionNameItFails() throws {
        let outside = try ScratchRepository(initialize: false)
        let notGit = try FreqBinary.run(["init"], in: outside.root)
        #expect(notGit.status == 2)
        #expect(notGit.stderr.hasPrefix("freq: error: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)

        let scratch = try existingRepository()
        let bad = try FreqBinary.run(["init", "--action", "org/freq\n  run: curl evil"], in: scratch.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("is not a GitHub repository written OWNER/NAME"))
        #expect(!exists(scratch, "schema"))
        let unknown = try FreqBinary.run(["init", "--preset", "rfc"], in: scratch.root)
        #expect(unknown.status == 2)
        #expect(!exists(scratch, "schema"))
        // init writes the configuration; it reads none.
        let config = try FreqBinary.run(["init", "--config", "other.yml"], in: scratch.root)
        #expect(config.status == 2)
        #expect(config.stderr.contains("--config does not apply to `freq init`"))
        #expect(!exists(scratch, "schema"))
    }

    @Test func theWorkflowsUseTheActionAtThisVersion() throws {
        let scratch = try existingRepository()
        try scratch.git(["branch", "-m", "main", "master"])
        #expect(try FreqBinary.run(["init", "--preset", "adr", "--action", "acme/freq-fork"], in: scratch.root).status == 0)
        let version = try FreqBinary.run(["--version"], in: scratch.root).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let pullRequest = try String(contentsOf: scratch.root.appendingPathComponent(".github/workflows/freq.yml"), encoding: .utf8)
        #expect(pullRequest.contains("uses: acme/freq-fork@v\(version)\n"))
        #expect(pullRequest.contains("version: \(version)\n"))
        let catalogue = try String(contentsOf: scratch.root.appendingPathComponent(".github/workflows/catalogue.yml"), encoding: .utf8)
        // The repository's main branch is master: the catalogue follows it.
        #expect(catalogue.contains("branches: [master]"))
        #expect(catalogue.contains("paths: [\"docs/adr/**\", \"schema/**\"]"))
        #expect(catalogue.contains("git add docs/adr/README.md"))
    }
}
