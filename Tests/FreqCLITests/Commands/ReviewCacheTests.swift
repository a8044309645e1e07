import Foundation
import FreqTestSupport
import Testing

/// `check --base` and `diff` through the review cache against reading every file
/// (`--no-cache`): a pull request takes random edits, committed or not, while its target
/// moves on; after each round both commands must print the same bytes and exit the same
/// way with and without the cache (which is sometimes damaged).
@Suite("review cache")
struct ReviewCacheTests {
    static let statuses = ["new", "triaged", "planned", "shipped", "declined", "duplicate", "bogus"]
    static let titles = ["Export invoices as CSV", "Export invoice as CSV", "Dark mode", "Search by name", "Slack alerts", "Audit log"]

    /// Seed 31337 keeps requests in nested folders (`requests/**/*.md`, one excluded).
    @Test(arguments: [7, 2026, 31337] as [UInt64])
    func cachedRunsAnswerAsReadingEverything(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let scratch = try RegistryFixture.make()
        let nested = seed == 31337
        if nested {
            try scratch.write("schema/registry.yml", RegistryFixture.config
                .replacingOccurrences(of: #"requests: "requests/*.md""#, with: #"requests: "requests/**/*.md""#)
                .replacingOccurrences(of: #"exclude: ["requests/README.md"]"#, with: #"exclude: ["requests/README.md", "requests/old/**"]"#))
        }
        for number in 1...12 {
            let folder = nested ? ["", "a/", "a/b/", "a-b/", "old/"][number % 5] : ""
            try scratch.write(Self.path(number).replacingOccurrences(of: "requests/", with: "requests/" + folder), Self.request(number, using: &generator))
        }
        try scratch.commit("the registry")
        try scratch.git(["checkout", "-q", "-b", "pr"])
        var next = 13
        for round in 0..<24 {
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                try Self.edit(scratch, next: &next, using: &generator)
            }
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1:
                try scratch.commit("pr round \(round)")
            case 2:
                // The target moves on after the branch left it (the merge is judged too).
                try scratch.commit("pr round \(round)")
                try scratch.git(["checkout", "-q", "main"])
                try Self.edit(scratch, next: &next, using: &generator)
                try scratch.commit("main round \(round)")
                try scratch.git(["checkout", "-q", "pr"])
            default:
                break
            }
            if Int.random(in: 0..<8, using: &generator) == 0 { try Self.damageCache(scratch, using: &generator) }
            let place = "seed \(seed), round \(round)"
            for command in [
                ["check", "--base", "main", "--format", "json"], ["check", "--base", "main", "--allow-delete"],
                ["diff", "main...pr", "--format", "json"], ["diff", "main..pr"],
            ] {
                let cached = try FreqBinary.run(command, in: scratch.root)
                let reference = try FreqBinary.run(command + ["--no-cache"], in: scratch.root)
                #expect(cached.stdout == reference.stdout, "\(place): \(command)")
                #expect(cached.stderr == reference.stderr, "\(place): \(command)")
                #expect(cached.status == reference.status, "\(place): \(command)")
            }
        }
        let caches = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.git/freq")
        #expect(caches.contains { $0.hasPrefix("review-") && $0.hasSuffix(".cache") })
    }

    /// A warm run reads the same cache a cold one wrote, and a damaged or foreign file is
    /// ignored: the answer never changes.
    @Test func aDamagedCacheIsIgnored() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.write("requests/FR-0002-b.md", RegistryFixture.request("FR-0002", status: "new"))
        try scratch.commit("two requests")
        try scratch.git(["checkout", "-q", "-b", "pr"])
        try scratch.write("requests/FR-0002-b.md", RegistryFixture.request("FR-0002", status: "shipped"))
        let command = ["check", "--base", "main", "--format", "json"]
        let reference = try FreqBinary.run(command + ["--no-cache"], in: scratch.root)
        #expect(reference.status == 1)
        #expect(try FreqBinary.run(command, in: scratch.root).stdout == reference.stdout)
        let folder = scratch.path + "/.git/freq/"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("review-") })
        for damage in [Array("FREQREVIEW1\n".utf8), [], Array(repeating: 0x41, count: 200)] {
            try Data(damage).write(to: URL(fileURLWithPath: folder + name))
            #expect(try FreqBinary.run(command, in: scratch.root).stdout == reference.stdout)
        }
    }

    static func path(_ number: Int) -> String { "requests/" + id(number) + "-x.md" }

    static func id(_ number: Int) -> String { "FR-" + String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number) }

    static func request(_ number: Int, status: String? = nil, using generator: inout SeededGenerator) -> String {
        let chosen = status ?? statuses[Int.random(in: 0..<(statuses.count - 1), using: &generator)]
        let title = titles.randomElement(using: &generator) ?? "Title"
        return RegistryFixture.request(id(number), status: chosen, title: title)
    }

    /// The request files in the working tree now (in nested folders too).
    static func files(_ scratch: ScratchRepository) throws -> [String] {
        let root = URL(fileURLWithPath: scratch.path + "/requests")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var files: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true {
            files.append("requests/" + url.path.dropFirst(root.path.count + 1))
        }
        return files.sorted()
    }

    static func edit(_ scratch: ScratchRepository, next: inout Int, using generator: inout SeededGenerator) throws {
        let existing = try files(scratch)
        guard let chosen = existing.randomElement(using: &generator) else {
            try scratch.write(path(next), request(next, status: "new", using: &generator))
            next += 1
            return
        }
        let full = scratch.path + "/" + chosen
        let text = (try? String(contentsOfFile: full, encoding: .utf8)) ?? ""
        switch Int.random(in: 0..<11, using: &generator) {
        case 0, 1:
            // A new request, in an entry status or not.
            let status = Bool.random(using: &generator) ? "new" : nil
            try scratch.write(path(next), request(next, status: status, using: &generator))
            next += 1
        case 2, 3:
            // A status move, allowed or not.
            let status = statuses.randomElement(using: &generator) ?? "new"
            let moved = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("status:") ? "status: \(status)" : String($0) }.joined(separator: "\n")
            try scratch.write(chosen, moved)
        case 4:
            try scratch.remove(chosen)
        case 5:
            // An id rewritten, maybe to one another file holds.
            let other = Int.random(in: 1..<max(2, next), using: &generator)
            let rewritten = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("id:") ? "id: \(id(other))" : String($0) }.joined(separator: "\n")
            try scratch.write(chosen, rewritten)
        case 6:
            // Broken: YAML that does not parse, or a key the schema refuses.
            try scratch.write(chosen, Bool.random(using: &generator) ? "---\nid: [\n---\n" : text.replacingOccurrences(of: "---\n\n", with: "colour: blue\n---\n\n"))
        case 7:
            // Renamed (the same bytes under another name).
            try scratch.remove(chosen)
            try scratch.write(String(chosen.dropLast(3)) + "r.md", text)
        case 8:
            // Written again with the same bytes: new stat data, same content.
            try scratch.write(chosen, text)
        case 9:
            // A duplicate of another request, or a link that is never followed.
            if Bool.random(using: &generator) {
                let target = id(Int.random(in: 1..<max(2, next), using: &generator))
                try scratch.write(chosen, text.replacingOccurrences(of: "---\n\n", with: "duplicate_of: \(target)\n---\n\n"))
            } else {
                try? FileManager.default.createSymbolicLink(atPath: scratch.path + "/" + path(next), withDestinationPath: "../schema/registry.yml")
                next += 1
            }
        default:
            // A title change.
            let title = titles.randomElement(using: &generator) ?? "Title"
            let retitled = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("title:") ? "title: \(title)" : String($0) }.joined(separator: "\n")
            try scratch.write(chosen, retitled)
        }
    }

    static func damageCache(_ scratch: ScratchRepository, using generator: inout SeededGenerator) throws {
        let folder = scratch.path + "/.git/freq/"
        // Any of them: the facts, a tree's outline, a pair of trees' changes.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("review-") }.sorted()
        guard let name = names.randomElement(using: &generator) else { return }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + name)))
        guard bytes.count > 2 else { return }
        if Bool.random(using: &generator) {
            bytes.removeLast(Int.random(in: 1..<bytes.count, using: &generator))
        } else {
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 0x41
        }
        try Data(bytes).write(to: URL(fileURLWithPath: folder + name))
    }
}
