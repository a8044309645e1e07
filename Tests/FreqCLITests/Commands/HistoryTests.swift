import Foundation
import FreqTestSupport
import Testing

/// `freq history` and `freq log` on repositories built by the tests, each with the
/// timeline expected from the history semantics (docs/history.md).
@Suite("history engine")
struct HistoryTests {
    struct Timeline: Equatable, CustomStringConvertible {
        var id: String
        var path: String
        var status: String
        var received: String  // "time status"
        var events: [String]  // "type time [from>to]"

        var description: String { "\(id) \(path) \(status) \(received) \(events)" }
    }

    /// Runs `freq history --format json` and reduces it to comparable timelines.
    func timelines(_ scratch: ScratchRepository, _ arguments: [String] = []) throws -> (json: [String: Any], timelines: [Timeline]) {
        let output = try FreqBinary.run(["history", "--format", "json"] + arguments, in: scratch.root)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let requests = try #require(json["requests"] as? [[String: Any]])
        let timelines = requests.map { request -> Timeline in
            let received = request["received"] as? [String: Any] ?? [:]
            let events = (request["events"] as? [[String: Any]] ?? []).map { event -> String in
                var text = "\(event["type"] ?? "") \(event["time"] ?? "")"
                if let from = event["from"], let to = event["to"] { text += " \(from)>\(to)" }
                return text
            }
            return Timeline(
                id: request["id"] as? String ?? "", path: request["path"] as? String ?? "",
                status: request["status"] as? String ?? "",
                received: "\(received["time"] ?? "") \(received["status"] ?? "")", events: events)
        }
        return (json, timelines)
    }

    /// The ISO time of a scratch clock value.
    func iso(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test func statusChangedOnABranchCountsAtTheMergeTime() throws {
        let scratch = try RegistryFixture.make()
        let received = scratch.clock
        try scratch.write("requests/FR-0001-export.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add FR-0001")
        try scratch.git(["checkout", "-q", "-b", "triage"])
        try scratch.write("requests/FR-0001-export.md", RegistryFixture.request("FR-0001", status: "planned"))
        try scratch.commit("plan it on a branch", step: 86_400)
        try scratch.git(["checkout", "-q", "main"])
        let merged = scratch.clock
        try scratch.git(["merge", "-q", "--no-ff", "-m", "merge triage", "triage"])
        let (json, result) = try timelines(scratch)
        #expect(result == [
            Timeline(id: "FR-0001", path: "requests/FR-0001-export.md", status: "planned", received: "\(iso(received)) new",
                     events: ["status \(iso(merged)) new>planned"])
        ])
        #expect(json["commits"] as? Int == 3)
        #expect(json["shallow"] as? Bool == false)
        #expect(json["unreadable"] as? Int == 0)
        #expect((json["rev"] as? String)?.count == 40)
    }

    @Test func renameIsNoEventAndTheLastPathIsReported() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-old.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        try scratch.git(["mv", "requests/FR-0001-old.md", "requests/FR-0001-new-name.md"])
        try scratch.commit("rename")
        let result = try timelines(scratch).timelines
        #expect(result.count == 1)
        #expect(result.first?.path == "requests/FR-0001-new-name.md")
        #expect(result.first?.events == [])
    }

    @Test func deleteThenRestoreWithAStatusChangeWhileAbsent() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        let removed = scratch.clock
        try scratch.remove("requests/FR-0001-a.md")
        try scratch.commit("delete")
        let restored = scratch.clock
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "triaged"))
        try scratch.commit("restore, triaged")
        let result = try timelines(scratch).timelines
        #expect(result.first?.events == [
            "removed \(iso(removed))", "restored \(iso(restored))", "status \(iso(restored)) new>triaged",
        ])
    }

    @Test func brokenYAMLThenFixedGivesNoSpuriousStatusEvent() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "planned"))
        try scratch.commit("add")
        let broken = scratch.clock
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\nstatus: [planned\n---\n")
        try scratch.commit("oops")
        let fixed = scratch.clock
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "planned", title: "Fixed"))
        try scratch.commit("fix")
        let (json, result) = try timelines(scratch)
        #expect(result.first?.status == "planned")
        #expect(result.first?.events == ["removed \(iso(broken))", "restored \(iso(fixed))"])
        #expect(json["unreadable"] as? Int == 1)
    }

    @Test func twoFilesWithOneIdTheSmallestPathWins() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-b.md", RegistryFixture.request("FR-0001", status: "triaged"))
        try scratch.commit("add b")
        let second = scratch.clock
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "declined"))
        try scratch.commit("add a with the same id")
        let result = try timelines(scratch).timelines
        #expect(result.count == 1)
        #expect(result.first?.path == "requests/FR-0001-a.md")
        #expect(result.first?.events == ["status \(iso(second)) triaged>declined"])
    }

    @Test func crlfBomAndQuotedScalarsReadAsPlainOnes() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-crlf.md", "---\r\nid: FR-0001\r\ntitle: CRLF\r\nstatus: new\r\n---\r\n")
        try scratch.write("requests/FR-0002-bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array("---\nid: FR-0002\nstatus: triaged\n---\n".utf8))
        try scratch.write("requests/FR-0003-quoted.md", "---\nid: \"FR-0003\"\nstatus: 'planned'\n---\n")
        try scratch.commit("three")
        try scratch.write("requests/FR-0003-quoted.md", "---\nid: FR-0003\nstatus: planned\n---\n")
        try scratch.commit("unquote: no status change")
        let result = try timelines(scratch).timelines
        #expect(result.map(\.id) == ["FR-0001", "FR-0002", "FR-0003"])
        #expect(result.map(\.status) == ["new", "triaged", "planned"])
        #expect(result.allSatisfy { $0.events.isEmpty })
    }

    @Test func filesOutsideTheGlobAndExcludedAreIgnored() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.write("requests/README.md", RegistryFixture.request("FR-0009", status: "new"))
        try scratch.write("requests/sub/FR-0002-b.md", RegistryFixture.request("FR-0002", status: "new"))
        try scratch.write("docs/FR-0003-c.md", RegistryFixture.request("FR-0003", status: "new"))
        try scratch.write("requests/notes.txt", "not a request\n")
        try scratch.commit("mixed")
        #expect(try timelines(scratch).timelines.map(\.id) == ["FR-0001"])
    }

    @Test func symlinkAndNonUTF8AreUnreadableAndCounted() throws {
        let scratch = try RegistryFixture.make()
        try FileManager.default.createDirectory(at: scratch.root.appendingPathComponent("requests"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.root.appendingPathComponent("requests/FR-0001-link.md").path, withDestinationPath: "/etc/passwd")
        try scratch.write("requests/FR-0002-latin1.md", bytes: Array("---\nid: FR-0002\ntitle: Caf".utf8) + [0xE9] + Array("\nstatus: new\n---\n".utf8))
        try scratch.write("requests/FR-0003-ok.md", RegistryFixture.request("FR-0003", status: "new"))
        try scratch.commit("one good, two unreadable")
        let (json, result) = try timelines(scratch)
        #expect(result.map(\.id) == ["FR-0003"])
        #expect(json["unreadable"] as? Int == 2)
    }

    @Test func shallowCloneSaysSoAndReceivesAtItsOldestCommit() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "triaged"))
        let boundary = scratch.clock
        try scratch.commit("triage")
        try scratch.write("other.txt", "x\n")
        try scratch.commit("unrelated")
        let holder = try ScratchRepository(initialize: false)
        try ScratchRepository.run(["git", "clone", "-q", "--depth", "2", "file://" + scratch.path, holder.path + "/s"], in: holder.root)
        let clone = holder.root.appendingPathComponent("s")
        // Refused by default: the figures would be wrong with only a warning.
        let refused = try FreqBinary.run(["history", "--format", "json"], in: clone)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("freq: error: this is a shallow clone"))
        #expect(refused.stderr.contains("git fetch --unshallow"))
        #expect(refused.stdout.isEmpty)
        let stats = try FreqBinary.run(["stats"], in: clone)
        #expect(stats.status == 2)
        let output = try FreqBinary.run(["history", "--format", "json", "--allow-shallow"], in: clone)
        #expect(output.status == 0)
        #expect(output.stderr.contains("shallow"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["shallow"] as? Bool == true)
        #expect(json["commits"] as? Int == 2)
        let request = try #require((json["requests"] as? [[String: Any]])?.first)
        let received = try #require(request["received"] as? [String: Any])
        #expect(received["time"] as? String == iso(boundary))
        #expect(received["status"] as? String == "triaged")
    }

    @Test func cacheHitAfterOneMoreCommitGivesTheSameAnswerAsNoCache() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        _ = try timelines(scratch)
        let cacheFolder = scratch.root.appendingPathComponent(".git/freq")
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)
        #expect(files.count == 1 && files[0].hasPrefix("history-"))
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "planned"))
        try scratch.commit("plan")
        let warm = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        let cold = try FreqBinary.run(["history", "--format", "json", "--no-cache"], in: scratch.root)
        #expect(warm.stdout == cold.stdout)
        #expect(warm.stdout.contains("\"to\": \"planned\""))
        #expect(try timelines(scratch).json["commits"] as? Int == 3)
    }

    @Test func cacheAfterAHistoryRewriteIsNotUsed() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "declined"))
        try scratch.commit("decline")
        #expect(try timelines(scratch).timelines.first?.status == "declined")
        // Force-push: the cached commit is no longer on the chain.
        try scratch.git(["reset", "-q", "--hard", "HEAD~1"])
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "triaged"))
        try scratch.commit("triage instead")
        let warm = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        let cold = try FreqBinary.run(["history", "--format", "json", "--no-cache"], in: scratch.root)
        #expect(warm.stdout == cold.stdout)
        #expect(warm.stdout.contains("\"to\": \"triaged\""))
        #expect(!warm.stdout.contains("declined"))
    }

    @Test func corruptCacheIsIgnoredAndRebuilt() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        let first = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        let folder = scratch.root.appendingPathComponent(".git/freq")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let file = folder.appendingPathComponent(name)
            var bytes = try [UInt8](Data(contentsOf: file))
            bytes[bytes.count / 2] ^= 0xFF
            try Data(bytes.prefix(bytes.count - 5)).write(to: file)
        }
        let second = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full")))
    func anOutputThatCannotBeWrittenIsExitTwo() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("add")
        for format in ["json", "text"] {
            let output = try FreqBinary.run(["history", "--format", format], in: scratch.root, stdoutPath: "/dev/full")
            #expect(output.status == 2, "\(format)")
            #expect(output.stderr == "freq: error: cannot write to standard output (No space left on device)\n")
        }
    }

    @Test func aReaderThatStopsEarlyEndsTheRunBySIGPIPEAfterTheCacheIsWritten() throws {
        let scratch = try RegistryFixture.make()
        // Output larger than a pipe's buffer, so that freq is still writing when the
        // reader goes away.
        for number in 1...400 {
            let id = String(format: "FR-%04d", number)
            try scratch.write("requests/\(id)-a.md", RegistryFixture.request(id, status: "new"))
        }
        try scratch.commit("400 requests")
        let process = Process()
        process.executableURL = FreqBinary.url
        process.arguments = ["history", "--format", "json"]
        process.currentDirectoryURL = scratch.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        try output.fileHandleForWriting.close()
        #expect(output.fileHandleForReading.readData(ofLength: 10).count == 10)
        try output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGPIPE)
        let cache = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.git/freq")
        #expect(cache.contains { $0.hasSuffix(".cache") })
    }

    @Test func emptyRepositoryAndBadRevisionAreExitTwo() throws {
        let empty = try ScratchRepository()
        try empty.write("schema/registry.yml", RegistryFixture.config)
        try empty.write("schema/request.schema.json", RegistryFixture.schema)
        let output = try FreqBinary.run(["history"], in: empty.root)
        #expect(output.status == 2)
        #expect(output.stderr == "freq: error: the repository has no commits yet\n")
        let scratch = try RegistryFixture.make()
        let bad = try FreqBinary.run(["history", "--rev", "no-such-branch"], in: scratch.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("`no-such-branch`"))
        // A revision older than the registry: an empty answer, and the glob named.
        let never = try FreqBinary.run(["history", "--format", "json"], in: scratch.root)
        #expect(never.status == 0)
        #expect(never.stderr.contains("matches no file in the history"))
        #expect(never.stdout.contains("\"requests\": []"))
    }

    @Test func logShowsEachEventWithAuthorAndSubject() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("Add FR-0001", author: "Jana Support")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "planned"))
        try scratch.commit("Plan FR-0001 for Q3", author: "Pat Product")
        let output = try FreqBinary.run(["log", "FR-0001"], in: scratch.root)
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "FR-0001  planned  requests/FR-0001-a.md")
        #expect(lines.contains { $0.contains("received as new") && $0.contains("Jana Support") && $0.contains("Add FR-0001") })
        #expect(lines.contains { $0.contains("new → planned") && $0.contains("Pat Product") && $0.contains("Plan FR-0001 for Q3") })
        let missing = try FreqBinary.run(["log", "FR-0002"], in: scratch.root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("did you mean `FR-0001`?"))
        let json = try FreqBinary.run(["log", "FR-0001", "--format", "json"], in: scratch.root)
        #expect(json.stdout.hasPrefix("{\n  \"id\": \"FR-0001\","))
    }
}
