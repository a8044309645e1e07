import Foundation
import FreqTestSupport
import Testing

@Suite("freq validate")
struct ValidateTests {
    /// A registry with one finding of each common kind (and two clean files).
    func brokenRegistry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-good.md", RegistryFixture.request("FR-0001", status: "new", extra: "area: billing\n"))
        try scratch.write("requests/FR-0002-typo.md", "---\nid: FR-0002\ntitle: Export invoices\nstauts: new\nstatus: Planed\n---\n")
        try scratch.write("requests/FR-0003-wrong-name.md", RegistryFixture.request("FR-0004", status: "triaged", extra: "severity: 7\ncreated: 2026-02-30\n"))
        try scratch.write("requests/FR-0005-dup-a.md", RegistryFixture.request("FR-0005", status: "new"))
        try scratch.write("requests/FR-0005-dup-b.md", RegistryFixture.request("FR-0005", status: "duplicate"))
        try scratch.write("requests/FR-0006-yaml.md", "---\nid: FR-0006\ntitle: Broken: YAML: here\n  bad indent\nstatus: new\n---\n")
        try scratch.write("requests/FR-0007-empty.md", "")
        try scratch.write("requests/FR-0008-nofm.md", "# Just a heading\n")
        try scratch.write("requests/FR-0009-customers.md", RegistryFixture.request("FR-0009", status: "new", extra: "requested_by:\n  - segment: smb\n    ticket: not a uri\n"))
        try scratch.write("requests/FR-0010-dupof.md", RegistryFixture.request("FR-0010", status: "declined", extra: "duplicate_of: FR-0404\n"))
        return scratch
    }

    @Test func textJSONAndGithubOutputsMatchTheirGoldenFiles() throws {
        let scratch = try brokenRegistry()
        for format in ["text", "json", "github"] {
            let output = try FreqBinary.run(["validate", "--format", format], in: scratch.root)
            #expect(output.status == 1, "\(format): \(output.stderr)")
            #expect(output.stderr == "")
            try Golden.check(output.stdout, "validate/broken.\(format == "text" ? "txt" : format)")
        }
    }

    @Test func jsonOutputIsTheDesignContract() throws {
        let scratch = try brokenRegistry()
        let output = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["files"] as? Int == 10)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(json["errors"] as? Int == findings.count)
        let status = try #require(findings.first { $0["rule"] as? String == "status-enum" })
        #expect(status["path"] as? String == "requests/FR-0002-typo.md")
        #expect(status["line"] as? Int == 5)
        #expect(status["column"] as? Int == 9)
        #expect(status["hint"] as? String == "did you mean `planned`?")
        let unknown = try #require(findings.first { $0["rule"] as? String == "unknown-key" })
        #expect(unknown["line"] as? Int == 4 && unknown["column"] as? Int == 1)
        #expect((unknown["hint"] as? String)?.contains("`status`") == true)
        let empty = try #require(findings.first { $0["rule"] as? String == "empty-file" })
        #expect(empty["line"] is NSNull)
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["filename", "id-unique", "schema-range", "schema-format", "yaml-syntax",
                                      "no-front-matter", "schema-required", "duplicate-of"]))
        #expect(!findings.contains { ($0["path"] as? String) == "requests/FR-0001-good.md" })
    }

    @Test func cleanRegistryExitsZeroWithASummary() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.write("requests/README.md", "# catalogue, excluded\n")
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 0)
        #expect(output.stdout == "1 request, 0 errors, 0 warnings\n")
    }

    @Test func severityOverridesAndStrict() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/registry.yml", RegistryFixture.config + "rules:\n  filename: warning\n  unknown-key: off\n")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", extra: "colour: blue\n"))
        try scratch.write("requests/FR-0002-a.md", RegistryFixture.request("FR-0003", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 0)
        #expect(output.stdout.contains("warning[filename]"))
        #expect(!output.stdout.contains("unknown-key"))
        #expect(output.stdout.hasSuffix("2 requests, 0 errors, 1 warning\n"))
        let strict = try FreqBinary.run(["validate", "--strict"], in: scratch.root)
        #expect(strict.status == 1)
    }

    @Test func pathArgumentsReportOnlyThoseFilesButCheckIdsAcrossTheRegistry() throws {
        let scratch = try brokenRegistry()
        let output = try FreqBinary.run(["validate", "--format", "json", "requests/FR-0005-dup-a.md"], in: scratch.root)
        #expect(output.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(json["files"] as? Int == 1)
        #expect(findings.map { $0["rule"] as? String } == ["id-unique"])
        #expect((findings.first?["message"] as? String)?.contains("requests/FR-0005-dup-b.md") == true)
        let fromSubfolder = try FreqBinary.run(["validate", "FR-0001-good.md"], in: scratch.root.appendingPathComponent("requests"))
        #expect(fromSubfolder.status == 0)
        let missing = try FreqBinary.run(["validate", "requests/nope.md"], in: scratch.root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "freq: error: no such file: requests/nope.md\n")
    }

    @Test func symlinksAndFoldersAreFindingsNeverFollowed() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.root.appendingPathComponent("requests/FR-0002-link.md").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createDirectory(
            at: scratch.root.appendingPathComponent("requests/FR-0003-folder.md"), withIntermediateDirectories: true)
        let output = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("\"rule\": \"symlink\""))
        #expect(output.stdout.contains("\"rule\": \"not-a-file\""))
        #expect(!output.stdout.contains("root:"))
    }

    @Test func hostileFilesAreFindingsQuickly() throws {
        let scratch = try RegistryFixture.make()
        var bomb = "---\nid: FR-0001\nstatus: new\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        for level in 0..<9 { bomb += "l\(level): &l\(level) [*\(level == 0 ? "a" : "l\(level - 1)"), *\(level == 0 ? "a" : "l\(level - 1)")]\n" }
        try scratch.write("requests/FR-0001-bomb.md", bomb + "---\n")
        try scratch.write("requests/FR-0002-bytes.md", bytes: Array("---\nid: FR-0002\ntitle: Caf".utf8) + [0xE9] + Array("\nstatus: new\n---\n".utf8))
        try scratch.write("requests/FR-0003-bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\nid: FR-0003\r\ntitle: With BOM\r\nstatus: nwe\r\n---\r\n".utf8))
        try scratch.write("requests/FR-0004-huge.md", String(repeating: "x", count: 5 << 20))
        try scratch.write("requests/FR-0005-deep.md", "---\nid: FR-0005\nstatus: new\ndeep: " + String(repeating: "[", count: 5000) + "\n---\n")
        let started = Date()
        let output = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(Date().timeIntervalSince(started) < 20)  // a hang would never return; this is no benchmark
        #expect(output.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        func rule(_ path: String) -> String? {
            findings.first { $0["path"] as? String == "requests/\(path)" }?["rule"] as? String
        }
        #expect(rule("FR-0001-bomb.md") == "yaml-alias")
        #expect(rule("FR-0002-bytes.md") == "not-utf8")
        #expect(rule("FR-0004-huge.md") == "too-large")
        #expect(rule("FR-0005-deep.md") == "too-deep")
        let bom = try #require(findings.first { $0["path"] as? String == "requests/FR-0003-bom.md" && $0["rule"] as? String == "status-enum" })
        #expect(bom["line"] as? Int == 4 && bom["column"] as? Int == 9)
        #expect(bom["hint"] as? String == "did you mean `new`?")
    }

    @Test(arguments: [
        ("status:\n  categories:\n    open: [new]\n    shiped: [done]\n", "unknown status category `shiped`"),
        ("status:\n  categories:\n    open: [new]\n    declined: [new]\n", "status `new` is in two categories"),
        ("status:\n  categories:\n    open: [new]\n  transitions:\n    new: [gone]\n", "names `gone`, which is in no category"),
        ("requets: \"x/*.md\"\n", "unknown setting `requets` (did you mean `requests`?)"),
        ("rules:\n  filenme: off\n", "unknown rule `filenme` (did you mean `filename`?)"),
    ])
    func configurationErrorsAreExitTwoWithTheConfigLocation(config: String, message: String) throws {
        let scratch = try RegistryFixture.make()
        let base = config.hasPrefix("status:")
            ? "requests: \"requests/*.md\"\n" + config
            : RegistryFixture.config + config
        try scratch.write("schema/registry.yml", base)
        try scratch.write("schema/request.schema.json", "{}")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: schema/registry.yml:"), "\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stdout == "")
    }

    /// Zero requests is a new registry, not an error; the glob is named in case it is a typo.
    @Test func aGlobMatchingNothingIsAWarningAndABrokenSchemaIsExitTwo() throws {
        let scratch = try RegistryFixture.make()
        let none = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(none.status == 0)
        #expect(none.stdout == "0 requests, 0 errors, 0 warnings\n")
        #expect(none.stderr == "freq: warning: schema/registry.yml:1:1: the glob `requests/*.md` matches no file yet\n")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.write("schema/request.schema.json", "{\n  \"type\": \"object\",\n  \"minLength\": \"3\"\n}\n")
        let bad = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("freq: error: schema/request.schema.json:3:"), "\(bad.stderr)")
        try scratch.write("schema/request.schema.json", "{\"type\": \"object\", \"requried\": [\"id\"]}")
        let warned = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("did you mean `required`?"), "\(warned.stderr)")
    }

    @Test func schemaStatusesWithoutACategoryAreAConfigurationError() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/request.schema.json", "{\"properties\": {\"status\": {\"enum\": [\"new\", \"someday\"]}}}")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("the schema allows status `someday` but no category"))
    }

    @Test func thisRepositorysOwnRegistryIsClean() throws {
        // Tests/FreqCLITests/Commands/ValidateTests.swift: four levels below the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let output = try FreqBinary.run(["validate"], in: root)
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.hasSuffix(" 0 errors, 0 warnings\n"))
    }
}

@Suite("freq command line")
struct CommandLineTests {
    @Test func helpVersionAndUsageErrors() throws {
        let folder = FileManager.default.temporaryDirectory
        let help = try FreqBinary.run(["--help"], in: folder)
        #expect(help.status == 0)
        #expect(help.stdout.contains("SUBCOMMANDS:") && help.stdout.contains("validate"))
        let helpValidate = try FreqBinary.run(["help", "validate"], in: folder)
        #expect(helpValidate.status == 0 && helpValidate.stdout.contains("--strict"))
        let version = try FreqBinary.run(["--version"], in: folder)
        #expect(version.status == 0 && version.stdout == "0.1.0\n")
        let unknown = try FreqBinary.run(["frobnicate"], in: folder)
        #expect(unknown.status == 2)
        let badOption = try FreqBinary.run(["validate", "--format", "xml"], in: folder)
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("'text', 'json' or 'github'"))
    }

    @Test func globalOptionsWorkBeforeAndAfterTheCommand() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let elsewhere = FileManager.default.temporaryDirectory
        let before = try FreqBinary.run(["-C", scratch.path, "validate"], in: elsewhere)
        let after = try FreqBinary.run(["validate", "-C", scratch.path], in: elsewhere)
        #expect(before.status == 0 && after.status == 0)
        #expect(before.stdout == after.stdout)
        let notRepo = try FreqBinary.run(["validate"], in: elsewhere)
        #expect(notRepo.status == 2)
        #expect(notRepo.stderr.hasPrefix("freq: error: not a git repository"))
        let noFolder = try FreqBinary.run(["-C", "/no/such/folder", "validate"], in: elsewhere)
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr == "freq: error: cannot run in `/no/such/folder`: no such folder\n")
    }

    @Test func aConfigurationKeptOutsideTheRepositoryWorks() throws {
        let scratch = try ScratchRepository()
        try scratch.write("CIP-0001/README.md", "---\ncip: 1\ntitle: One\nstatus: Draft\n---\n")
        try scratch.write("CIP-0002/README.md", "---\ncip: 2\ntitle: Two\nstatus: Active\n---\n")
        try scratch.commit("two CIPs")
        let outside = try ScratchRepository(initialize: false)
        try outside.write("cips.yml", """
            requests: "CIP-*/README.md"
            id: {field: cip}
            status:
              field: status
              initial: Draft
              categories: {open: [Draft, Proposed], actioned: [Active], declined: [Rejected]}

            """)
        let output = try FreqBinary.run(["--config", outside.path + "/cips.yml", "validate"], in: scratch.root)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout == "2 requests, 0 errors, 0 warnings\n")
        let history = try FreqBinary.run(["--config", outside.path + "/cips.yml", "history", "--format", "json"], in: scratch.root)
        #expect(history.status == 0)
        #expect(history.stdout.contains("\"id\": \"1\"") && history.stdout.contains("\"path\": \"CIP-0002/README.md\""))
    }
}

@Suite("freq validate, hostile layouts")
struct HostileLayoutTests {
    @Test func aRequestsFolderThatIsASymlinkIsNeverFollowed() throws {
        let scratch = try RegistryFixture.make()
        let outside = try ScratchRepository(initialize: false)
        try outside.write("FR-0001-secret.md", RegistryFixture.request("FR-0001", status: "new"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.root.appendingPathComponent("requests").path, withDestinationPath: outside.path)
        let output = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("\"path\": \"requests\""))
        #expect(output.stdout.contains("\"rule\": \"symlink\""))
        #expect(!output.stdout.contains("FR-0001-secret"))
    }
}
