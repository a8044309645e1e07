import Foundation
import FreqKit
import FreqTestSupport
import Testing

/// Regressions found in review, each named after what it guards.
@Suite("regressions")
struct RegressionTests {
    @Test func aGlobWithDotDotIsAConfigurationErrorNotAReadOutsideTheRepository() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/registry.yml", RegistryFixture.config.replacingOccurrences(
            of: "requests: \"requests/*.md\"", with: "requests: \"../../../../../etc/host*\""))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("cannot contain `.`, `..`"), "\(output.stderr)")
        #expect(!output.stdout.contains("localhost"))
    }

    @Test(arguments: ["/etc/hostname", "../../../../etc/hostname", "../schema/request.schema.json"])
    func theSchemaPathOfTheRepositorysConfigurationStaysInsideIt(path: String) throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/registry.yml", RegistryFixture.config.replacingOccurrences(
            of: "front_matter: request.schema.json", with: "front_matter: \(path)"))
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: schema/registry.yml:"), "\(output.stderr)")
    }

    @Test func indexNeverWritesThroughASymlinkedRequestsFolder() throws {
        let scratch = try RegistryFixture.make()
        let outside = try ScratchRepository(initialize: false)
        try outside.write("FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.root.appendingPathComponent("requests").path, withDestinationPath: outside.path)
        let output = try FreqBinary.run(["index"], in: scratch.root)
        #expect(output.status != 0)
        #expect(!FileManager.default.fileExists(atPath: outside.root.appendingPathComponent("README.md").path))
    }

    @Test func checkJudgesAPullRequestByTheBaseRulesEvenWhenItLoosensThem() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        try scratch.git(["checkout", "-q", "-b", "loosen"])
        try scratch.write("schema/registry.yml", RegistryFixture.config + "rules:\n  status-transition: off\n")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "shipped"))
        try scratch.commit("ship it and turn the rule off")
        let output = try FreqBinary.run(["check", "--base", "main", "--format", "json"], in: scratch.root)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("\"rule\": \"status-transition\""))
        #expect(output.stdout.contains("\"rule\": \"config-changed\""))
    }

    @Test func aCacheWrittenInAShallowCloneIsNotResumedAfterUnshallowing() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        try scratch.write("other.txt", "1\n")
        try scratch.commit("one")
        try scratch.write("other.txt", "2\n")
        try scratch.commit("two")
        let holder = try ScratchRepository(initialize: false)
        try ScratchRepository.run(["git", "clone", "-q", "--depth", "2", "file://" + scratch.path, holder.path + "/s"], in: holder.root)
        let clone = holder.root.appendingPathComponent("s")
        let shallow = try FreqBinary.run(["history", "--format", "json", "--allow-shallow"], in: clone)
        #expect(shallow.stdout.contains("\"shallow\": true"))
        try ScratchRepository.run(["git", "fetch", "-q", "--unshallow"], in: clone, environment: scratch.environment())
        let warm = try FreqBinary.run(["history", "--format", "json"], in: clone)
        let cold = try FreqBinary.run(["history", "--format", "json", "--no-cache"], in: clone)
        #expect(warm.stdout == cold.stdout)
        #expect(warm.stdout.contains("\"shallow\": false"))
        #expect(warm.stdout.contains("\"commits\": 4"))
    }

    @Test func canonicallyEquivalentFileNamesAreTwoFiles() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-caf\u{E9}.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.write("requests/FR-0003-cafe\u{301}.md", RegistryFixture.request("FR-0003", status: "new"))
        try scratch.commit("NFC and NFD names")
        try scratch.remove("requests/FR-0003-cafe\u{301}.md")
        try scratch.commit("remove the NFD one")
        let output = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let requests = try #require(json["requests"] as? [[String: Any]])
        #expect(requests.map { $0["id"] as? String } == ["FR-0001", "FR-0003"])
        #expect((requests[0]["events"] as? [Any])?.isEmpty == true)
        #expect((requests[1]["events"] as? [[String: Any]])?.first?["type"] as? String == "removed")
    }

    @Test func markdownEscapingFlattensCRLFAndEntities() {
        let escaped = MarkdownText.escape("Export\r\n\r\n<img> | &#124; evil")
        #expect(!escaped.contains("\r") && !escaped.contains("\n"))
        #expect(escaped.contains("\\|"))
        #expect(escaped.contains("&amp;") && !escaped.contains("&#124;"))
    }
}

@Suite("regressions: the configuration cannot read outside the repository")
struct ConfigurationEscapeTests {
    /// A pull request's own registry.yml is read in CI: `../` hidden behind a combining mark
    /// once made `list` show a file from the repository's parent folder.
    @Test func aCombiningMarkCannotHideADotDot() throws {
        let holder = try ScratchRepository(initialize: false)
        try holder.write("outside/FR-0001-secret.md", RegistryFixture.request("FR-0001", status: "new", title: "Secret of the runner"))
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/registry.yml", RegistryFixture.config.replacingOccurrences(
            of: #"requests: "requests/*.md""#, with: "requests: \"../\u{301}**\""))
        for command in [["list"], ["validate"]] {
            let output = try FreqBinary.run(command, in: scratch.root)
            #expect(output.status == 2, "\(command): \(output.stdout)")
            #expect(output.stderr.contains("a glob cannot contain"), "\(output.stderr)")
            #expect(!output.stdout.contains("Secret"))
        }
    }
}

@Suite("regressions: concurrent edits")
struct ConcurrentEditTests {
    /// Eight plus-one runs racing on one request: every customer ends up in the file.
    @Test func racingPlusOnesLoseNoCustomer() async throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let root = scratch.root
        let names = (1...8).map { "Customer \($0)" }
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for name in names {
                group.addTask { try FreqBinary.run(["plus-one", "FR-0001", "--customer", name], in: root).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 0 }, "\(statuses)")
        let text = try String(contentsOf: root.appendingPathComponent("requests/FR-0001-a.md"), encoding: .utf8)
        for name in names { #expect(text.contains("customer: \(name)\n"), "\(name) lost") }
    }
}

@Suite("regressions: what --config can name")
struct ConfigFileKindTests {
    /// A FIFO once made freq wait forever; a folder or a device said "no such file".
    @Test func onlyARegularFileIsAConfiguration() throws {
        let scratch = try RegistryFixture.make()
        let fifo = scratch.root.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [(String, String)] = [
            ("/dev/null", "the configuration `/dev/null` is not a regular file"),
            ("schema", "the configuration `schema` is a folder"),
            ("pipe", "the configuration `pipe` is not a regular file"),
        ]
        for (given, message) in cases {
            let output = try FreqBinary.run(["--config", given, "validate"], in: scratch.root)
            #expect(output.status == 2)
            #expect(output.stderr == "freq: error: \(message)\n", "\(output.stderr)")
        }
    }
}

@Suite("regressions: a damaged repository")
struct DamagedRepositoryTests {
    /// A damaged blob once said only zlib's "invalid code lengths set".
    @Test func aDamagedObjectIsNamedWithTheWayToCheck() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        let blob = try scratch.git(["rev-parse", "HEAD:requests/FR-0001-a.md"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = scratch.root.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        var bytes = [UInt8](try Data(contentsOf: object))
        #expect(bytes.count > 20)
        for index in 10..<20 { bytes[index] = 0 }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
        try Data(bytes).write(to: object)
        let output = try FreqBinary.run(["history", "--no-cache"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: the repository is damaged: object \(blob) cannot be read"), "\(output.stderr)")
        #expect(output.stderr.contains("`git fsck`"))
    }
}

@Suite("regressions: a cache that cannot be written")
struct UnwritableCacheTests {
    /// Every run was a silent cold walk; now the reason is said (the answer is unchanged).
    @Test func saysWhyInsteadOfWalkingColdInSilence() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        let cold = try FreqBinary.run(["history", "--format", "json", "--no-cache"], in: scratch.root)
        // Where the cache folder should be, a file: no cache can be written there.
        try scratch.write(".git/freq", "not a folder\n")
        let output = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        #expect(output.status == 0)
        #expect(output.stdout == cold.stdout)
        #expect(output.stderr.contains("freq: warning: cannot write the history cache"), "\(output.stderr)")
    }
}

@Suite("regressions: git replace")
struct ReplaceRefsTests {
    /// libgit2 reads objects as stored, so `git replace` once changed what `git log` showed
    /// but not what freq counted, silently: now said, and the answer stays the stored one.
    @Test func replacementsAreSaidOnceAndNotApplied() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "planned"))
        try scratch.commit("plan")
        let before = try FreqBinary.run(["history", "--format", "json", "--no-cache"], in: scratch.root)
        #expect(before.stderr.isEmpty, "\(before.stderr)")
        // The last commit, grafted as a root: git log now shows one commit.
        _ = try scratch.git(["replace", "--graft", "HEAD"])
        for command in [["history", "--format", "json", "--no-cache"], ["stats"], ["log", "FR-0001"]] {
            let output = try FreqBinary.run(command, in: scratch.root)
            #expect(output.status == 0, "\(command): \(output.stderr)")
            let warnings = output.stderr.components(separatedBy: "replacement (`git replace`")
            #expect(warnings.count == 2, "\(command): \(output.stderr)")  // said once
            if command[0] == "history" { #expect(output.stdout == before.stdout) }
        }
    }
}
