import Foundation
@testable import FreqKit
import FreqTestSupport
import Testing

/// The history cache against a walk without it: an in-memory git (`MemoryGit`) grows a
/// registry one random commit at a time, and after each commit the run resumed from the
/// cache must give the same bytes as a walk from the start.
@Suite("history cache")
struct HistoryCacheTests {
    @Test(arguments: [20261123, 7919, 31337] as [UInt64])
    func resumedRunsMatchColdRuns(seed: UInt64) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        var generator = SeededGenerator(seed: seed)
        var git = MemoryGit()
        var files: [String: String] = [:]
        var tips: [Int] = []
        // One cache writes a delta whenever it can, one compacts as soon as the delta
        // outgrows a sixteenth of the image, one in between.
        let caches = [
            HistoryCache(folder: folder + "/delta", minimumDeltaBytes: 1 << 30),
            HistoryCache(folder: folder + "/compact", minimumDeltaBytes: 0),
            HistoryCache(folder: folder + "/mixed", minimumDeltaBytes: 900),
        ]
        var sawDelta = false
        var sawBranchCredit = false
        for step in 0..<150 {
            let tip: Int
            if let base = tips.last, Int.random(in: 0..<5, using: &generator) == 0 {
                // A side branch merged: its credits must come back from the cache too.
                var branch = files
                var side = base
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    RandomRegistryStep.apply(to: &branch, step: step, using: &generator)
                    side = git.commit(branch, parents: [side], author: "Branch")
                }
                var first = base
                if Bool.random(using: &generator) {
                    RandomRegistryStep.apply(to: &files, step: step, using: &generator)
                    first = git.commit(files, parents: [base])
                }
                // Now and then the merge changes something itself (a conflict resolved).
                if Int.random(in: 0..<3, using: &generator) == 0 {
                    RandomRegistryStep.apply(to: &branch, step: step, using: &generator)
                }
                files = branch
                tip = git.commit(files, parents: [first, side], author: "Merger")
            } else {
                for _ in 0..<Int.random(in: 1...2, using: &generator) {
                    RandomRegistryStep.apply(to: &files, step: step, using: &generator)
                }
                tip = git.commit(files)
            }
            tips.append(tip)
            // Now and then an older revision than the cached one.
            let target = Int.random(in: 0..<8, using: &generator) == 0 ? tips.randomElement(using: &generator) ?? tip : tip
            let engine = try HistoryEngine(source: git, config: config)
            let cold = try engine.run(tip: target)
            let expected = String(decoding: HistoryRenderer.json(cold), as: UTF8.self)
            let points = cold.history().requests.flatMap { [$0.received] + $0.events.map(\.at) }
            #expect(points.allSatisfy { $0.change != nil })
            sawBranchCredit = sawBranchCredit || points.contains { $0.change?.author == "Branch" }
            for cache in caches {
                let cached = cache.load(fingerprint: engine.fingerprint)
                let warm = try engine.run(tip: target, resumingFrom: cached)
                let context = "seed \(seed), step \(step), \(cache.folder)"
                #expect(String(decoding: HistoryRenderer.json(warm), as: UTF8.self) == expected, "\(context)")
                #expect(warm.state.allFiles() == cold.state.allFiles(), "\(context)")
                #expect(warm.history() == cold.history(), "\(context)")
                // What `stats` reads: the same timelines, without a single credit.
                let withoutCredits = warm.history(credits: false)
                #expect(withoutCredits == cold.history(credits: false), "\(context)")
                #expect(withoutCredits.requests.allSatisfy { $0.received.change == nil && $0.events.allSatisfy { $0.at.change == nil } })
                #expect(warm.ids() == cold.ids())
                #expect(warm.summaries() == cold.summaries())
                #expect(warm.requestCount == cold.requestCount)
                #expect(warm.unreadable == cold.unreadable)
                if let any = cold.ids().randomElement(using: &generator) {
                    #expect(warm.timeline(id: any) == cold.timeline(id: any))
                }
                // Stored after two of three runs: resumes then span several commits.
                if Int.random(in: 0..<3, using: &generator) > 0 || cached == nil {
                    #expect(cache.store(warm.state))
                }
                sawDelta = sawDelta || FileManager.default.fileExists(atPath: cache.deltaPath(for: engine.fingerprint))
            }
        }
        #expect(sawDelta)
        #expect(sawBranchCredit)
    }

    @Test func forgedCacheFilesNeverCrash() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        var generator = SeededGenerator(seed: 42)
        var git = MemoryGit()
        var files: [String: String] = [:]
        let cache = HistoryCache(folder: folder, minimumDeltaBytes: 1 << 30)
        var engine = try HistoryEngine(source: git, config: config)
        for step in 0..<30 {
            RandomRegistryStep.apply(to: &files, step: step, using: &generator)
            let tip = git.commit(files)
            engine = try HistoryEngine(source: git, config: config)
            #expect(cache.store(try engine.run(tip: tip, resumingFrom: cache.load(fingerprint: engine.fingerprint)).state))
        }
        let next = git.commit(files.merging(["requests/FR-9999-x.md": RegistryFixture.request("FR-9999", status: "new")]) { $1 })
        engine = try HistoryEngine(source: git, config: config)
        let imagePath = cache.path(for: engine.fingerprint)
        let deltaPath = cache.deltaPath(for: engine.fingerprint)
        let image = try #require(FileBytes.read(imagePath))
        let delta = try #require(FileBytes.read(deltaPath))
        // Damage that a checksum cannot see: bytes changed and the checksum recomputed.
        var loaded = 0
        for round in 0..<600 {
            let forgingImage = round % 3 == 0
            var forged = forgingImage ? image : delta
            forged.removeLast(8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 10..<(forged.count - 4), using: &generator)
                if Bool.random(using: &generator) {
                    // A huge count or length, if a field starts here.
                    forged.replaceSubrange(index..<(index + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
                } else {
                    forged[index] = [0, 1, 0xFF, UInt8.random(in: 0...255, using: &generator)][Int.random(in: 0..<4, using: &generator)]
                }
            }
            forged.append(contentsOf: withUnsafeBytes(of: Checksum.of(forged, upTo: forged.count).littleEndian, Array.init))
            try Data(forged).write(to: URL(fileURLWithPath: forgingImage ? imagePath : deltaPath))
            try Data(forgingImage ? delta : image).write(to: URL(fileURLWithPath: forgingImage ? deltaPath : imagePath))
            if let state = cache.load(fingerprint: engine.fingerprint) {
                loaded += 1
                // Whatever it says, reading it must not trap (an id it names may be
                // missing: the caller then walks again without it).
                guard let walk = try? engine.run(tip: next, resumingFrom: state) else { continue }
                // Whatever the cache holds, the output is JSON in UTF-8.
                let json = HistoryRenderer.json(walk)
                #expect(String(validating: json, as: UTF8.self) != nil)
                #expect((try? JSONSerialization.jsonObject(with: Data(json))) != nil)
                _ = walk.history()
                _ = HistoryCacheCodec.encode(walk.state)
            }
        }
        // Most forgeries pass the checks (they change a name or a status): the reads
        // after loading were exercised, not only the checks.
        #expect(loaded > 100)
    }

    /// A request's stored JSON made invalid, the checksum recomputed to fit: `history
    /// --format json` once copied the bytes (not UTF-8) to its output.
    @Test func aForgedStoredJSONIsNeverPrinted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        var git = MemoryGit()
        let tip = git.commit([
            "requests/FR-0001-a.md": RegistryFixture.request("FR-0001", status: "new"),
            "requests/FR-0002-b.md": RegistryFixture.request("FR-0002", status: "new"),
        ])
        let engine = try HistoryEngine(source: git, config: config)
        let cold = HistoryRenderer.json(try engine.run(tip: tip))
        let cache = HistoryCache(folder: folder)
        #expect(cache.store(try engine.run(tip: tip).state))
        let imagePath = cache.path(for: engine.fingerprint)
        let image = try #require(FileBytes.read(imagePath))
        let inJSON = try #require(firstRange(of: Array("\"path\": \"requests/FR-0002".utf8), in: image))
        for forgery: [UInt8] in [[0xFF], [0x22, 0x7D], [0x00]] {  // not UTF-8; `"}` ends the object early; a NUL
            var forged = image
            forged.replaceSubrange((inJSON.upperBound - 2)..<(inJSON.upperBound - 2 + forgery.count), with: forgery)
            forged.removeLast(8)
            forged.append(contentsOf: withUnsafeBytes(of: Checksum.of(forged, upTo: forged.count).littleEndian, Array.init))
            try Data(forged).write(to: URL(fileURLWithPath: imagePath))
            let state = try #require(cache.load(fingerprint: engine.fingerprint))  // it passes every check
            let warm = HistoryRenderer.json(try engine.run(tip: tip, resumingFrom: state))
            #expect(warm == cold, "\(String(decoding: warm, as: UTF8.self))")
        }
    }

    /// A damaged image once cost its size in memory and seconds (3.9 GB sparse: 4.1 GB and
    /// 13 s) before its checksum was looked at: its header promises a size, checked first.
    @Test func aHugeDamagedImageIsRejectedWithoutBeingRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        var git = MemoryGit()
        let tip = git.commit(["requests/FR-0001-a.md": RegistryFixture.request("FR-0001", status: "new")])
        let engine = try HistoryEngine(source: git, config: config)
        let cache = HistoryCache(folder: folder)
        #expect(cache.store(try engine.run(tip: tip).state))
        let imagePath = cache.path(for: engine.fingerprint)
        let size = try #require(FileBytes.read(imagePath)).count
        #expect(truncate(imagePath, 1 << 30) == 0)  // sparse: no disk used
        #expect(cache.load(fingerprint: engine.fingerprint) == nil)
        #expect(truncate(imagePath, off_t(size)) == 0)
        #expect(cache.load(fingerprint: engine.fingerprint)?.commit == git.hex(tip))
        // A delta beyond the size `store` ever writes for this image is not read either.
        let deltaPath = cache.deltaPath(for: engine.fingerprint)
        var delta = HistoryDelta.magic
        let imageBytes = try #require(FileBytes.read(imagePath))
        let checksum = try #require(HistoryCacheImage(imageBytes)).checksum
        delta.append(contentsOf: withUnsafeBytes(of: checksum.littleEndian, Array.init))
        #expect(FileManager.default.createFile(atPath: deltaPath, contents: Data(delta)))
        #expect(truncate(deltaPath, 1 << 30) == 0)
        #expect(cache.load(fingerprint: engine.fingerprint)?.commit == git.hex(tip))
    }

    @Test func cachesOfOtherFingerprintsGoWhenStale() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = HistoryCache(folder: folder)
        let now = Date()
        let days: [String: Double] = [
            "history-aaaa.cache": 40, "history-aaaa.delta": 1,  // its delta is recent: kept
            "history-bbbb.cache": 40, "history-bbbb.delta": 35,  // all stale: removed
            "history-keep.cache": 90, "history-keep.delta": 90,  // this configuration: kept
            "history-keep.cache.tmp-1-2": 2,  // left by a killed run: removed
            "history-cccc.cache.tmp-3-4": 0.1,  // being written: kept
            "notes.txt": 90,  // not ours: kept
        ]
        for (name, age) in days {
            #expect(FileManager.default.createFile(atPath: cache.folder + name, contents: Data("x".utf8)))
            try FileManager.default.setAttributes(
                [.modificationDate: now.addingTimeInterval(-age * 86_400)], ofItemAtPath: cache.folder + name)
        }
        cache.removeStaleFiles(keeping: "keep", now: now)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == [
            "history-aaaa.cache", "history-aaaa.delta", "history-cccc.cache.tmp-3-4", "history-keep.cache",
            "history-keep.delta", "notes.txt",
        ])
        // Writing an image cleans up the same way.
        try FileManager.default.setAttributes(
            [.modificationDate: now.addingTimeInterval(-40 * 86_400)], ofItemAtPath: cache.folder + "history-aaaa.delta")
        var state = HistoryState()
        state.fingerprint = "keep"
        #expect(cache.store(state))
        #expect(!FileManager.default.fileExists(atPath: cache.folder + "history-aaaa.cache"))
    }

    @Test func aFIFOOrAHugeFileIsNoCache() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = HistoryCache(folder: folder)
        #expect(mkfifo(cache.path(for: "fifo"), 0o600) == 0)
        #expect(cache.load(fingerprint: "fifo") == nil)  // returns at once, does not block
        let huge = cache.path(for: "huge")
        #expect(FileManager.default.createFile(atPath: huge, contents: Data(HistoryCacheCodec.magic)))
        #expect(truncate(huge, Int(UInt32.max) + 100) == 0)  // sparse: no disk used
        #expect(FileBytes.read(huge) == nil)  // not read at all: no 4 GB allocation
        #expect(cache.load(fingerprint: "huge") == nil)
    }

    @Test func damagedOrForeignFilesAreIgnored() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        var git = MemoryGit()
        var files = ["requests/FR-0001-a.md": RegistryFixture.request("FR-0001", status: "new")]
        let first = git.commit(files)
        let engine = try HistoryEngine(source: git, config: config)
        let cache = HistoryCache(folder: folder)
        #expect(cache.store(try engine.run(tip: first).state))
        let imagePath = cache.path(for: engine.fingerprint)
        let image = try #require(FileBytes.read(imagePath))

        files["requests/FR-0001-a.md"] = RegistryFixture.request("FR-0001", status: "planned")
        let second = git.commit(files)
        let resumed = try #require(cache.load(fingerprint: engine.fingerprint))
        let later = try HistoryEngine(source: git, config: config)
        #expect(cache.store(try later.run(tip: second, resumingFrom: resumed).state))
        let deltaPath = cache.deltaPath(for: engine.fingerprint)
        let delta = try #require(FileBytes.read(deltaPath))
        #expect(cache.load(fingerprint: engine.fingerprint)?.commit == git.hex(second))

        // A damaged delta: the image alone still loads, at the first commit.
        var damagedDelta = delta
        damagedDelta[delta.count / 2] ^= 0x01
        try Data(damagedDelta).write(to: URL(fileURLWithPath: deltaPath))
        #expect(cache.load(fingerprint: engine.fingerprint)?.commit == git.hex(first))
        // A delta written for another image is not applied to this one.
        try Data(delta).write(to: URL(fileURLWithPath: deltaPath))
        var otherImage = image
        otherImage.removeLast(8)
        otherImage[otherImage.count - 1] ^= 0x01  // the last request's last holder path
        otherImage.append(contentsOf: withUnsafeBytes(of: Checksum.of(otherImage, upTo: otherImage.count).littleEndian, Array.init))
        try Data(otherImage).write(to: URL(fileURLWithPath: imagePath))
        #expect(cache.load(fingerprint: engine.fingerprint)?.commit == git.hex(first))
        // A damaged, truncated, foreign or empty image is no cache at all.
        for bad in [Array(image.prefix(image.count - 3)), Array("not a cache".utf8), [], flipped(image, at: image.count / 3)] {
            try Data(bad).write(to: URL(fileURLWithPath: imagePath))
            #expect(cache.load(fingerprint: engine.fingerprint) == nil)
        }
        // A well-formed image of another configuration is not used either.
        try Data(image).write(to: URL(fileURLWithPath: imagePath))
        #expect(cache.load(fingerprint: "0123456789abcdef") == nil)
    }

    @Test func imageChecksStructureNotOnlyTheChecksum() throws {
        var state = HistoryState()
        state.fingerprint = "abc"
        state.setFile("requests/b.md", FileVersion(blob: String(repeating: "b", count: 40), id: "FR-2", status: "new"))
        state.setFile("requests/a.md", FileVersion(blob: String(repeating: "a", count: 40), id: "FR-1", status: "new"))
        state.update(id: "FR-1", at: HistoryPoint(commit: String(repeating: "c", count: 40), time: 7))
        state.update(id: "FR-2", at: HistoryPoint(commit: String(repeating: "c", count: 40), time: 7))
        let bytes = try #require(HistoryCacheCodec.encode(state))
        let image = try #require(HistoryCacheImage(bytes))
        #expect(image.file("requests/a.md")?.id == "FR-1")
        #expect(image.file("requests/c.md") == nil)
        #expect(image.requestID(at: 1) == "FR-2")
        // Swap the two file records' keys (same length) and fix the checksum: the keys are
        // then out of order, which binary search cannot live with.
        var swapped = bytes
        let a = try #require(firstRange(of: Array("requests/a.md".utf8), in: swapped))
        let b = try #require(firstRange(of: Array("requests/b.md".utf8), in: swapped))
        swapped[a.upperBound - 4] = UInt8(ascii: "b")
        swapped[b.upperBound - 4] = UInt8(ascii: "a")
        swapped.removeLast(8)
        swapped.append(contentsOf: withUnsafeBytes(of: Checksum.of(swapped, upTo: swapped.count).littleEndian, Array.init))
        #expect(HistoryCacheImage(swapped) == nil)
    }

    private func flipped(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var copy = bytes
        copy[index] ^= 0x10
        return copy
    }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "freq-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension HistoryState {
    /// Every file of the snapshot, in path order, as the walk sees it.
    func allFiles() -> [String] {
        mergedFiles().map { entry in
            switch entry {
            case .cached(let index):
                let path = base?.fileKey(at: index) ?? "?"
                return "\(path) \(String(describing: base?.file(path)))"
            case .changed(let path, let version): return "\(path) \(String(describing: Optional(version)))"
            }
        }
    }
}

/// One random change to a registry's files: new requests, status moves, renames,
/// removals and restorations, broken YAML, a missing status, a second file with the same
/// id, a file changing ids, symlinks and submodules, files outside the glob, and commits
/// that change nothing.
enum RandomRegistryStep {
    static let statuses = ["new", "triaged", "planned", "shipped", "declined"]

    static func apply(to files: inout [String: String], step: Int, using generator: inout SeededGenerator) {
        let requests = files.keys.filter { $0.hasPrefix("requests/") && $0.hasSuffix(".md") }.sorted()
        let pick = requests.randomElement(using: &generator)
        switch Int.random(in: 0..<15, using: &generator) {
        case 0, 1, 2:
            let id = String(format: "FR-%04d", step)
            files["requests/\(id)-x.md"] = RegistryFixture.request(id, status: "new")
        case 3, 4:
            if let pick, let id = id(of: files[pick]) {
                files[pick] = RegistryFixture.request(id, status: statuses.randomElement(using: &generator) ?? "new")
            }
        case 5:
            if let pick { files["requests/moved-\(step).md"] = files.removeValue(forKey: pick) }
        case 6:
            // Removed, kept aside (outside the glob) to be restored later.
            if let pick { files["attic/" + pick] = files.removeValue(forKey: pick) }
        case 7:
            if let pick { files[pick] = "---\nid: [broken\n---\n" }
        case 8:
            if let pick, let id = id(of: files[pick]) {
                files["requests/0-copy-\(step).md"] = RegistryFixture.request(id, status: "triaged")
            }
        case 9:
            let attic = files.keys.filter { $0.hasPrefix("attic/") }.sorted()
            if let stored = attic.randomElement(using: &generator), let text = files.removeValue(forKey: stored) {
                let id = id(of: text)
                files[String(stored.dropFirst("attic/".count))] =
                    id.map { RegistryFixture.request($0, status: statuses.randomElement(using: &generator) ?? "new") } ?? text
            }
        case 11:
            // The file now holds another id (an existing one, or a new one).
            let other = requests.randomElement(using: &generator).flatMap { id(of: files[$0]) } ?? String(format: "FR-%04d", step)
            if let pick { files[pick] = RegistryFixture.request(other, status: "triaged") }
        case 12:
            if let pick, let id = id(of: files[pick]) { files[pick] = "---\nid: \(id)\ntitle: no status\n---\n" }
        case 13:
            // Never followed, never read: a symlink and a submodule at request paths.
            if Bool.random(using: &generator) {
                files["requests/link-\(step).md"] = "symlink:" + (pick ?? "x")
            } else {
                files["requests/module-\(step).md"] = "submodule:\(step)"
            }
        default:
            if Bool.random(using: &generator) { files["notes-\(step).txt"] = "x" }
        }
    }

    private static func id(of text: String?) -> String? {
        guard let line = text?.split(separator: "\n").first(where: { $0.hasPrefix("id: FR-") }) else { return nil }
        return String(line.dropFirst(4))
    }
}

/// A git history in memory, for the engine: objects are numbered, equal contents share a
/// number (as equal contents share an id in git), each commit's tree is its whole file set.
/// Commits are numbered in the order made, so a higher number is newer, and a commit
/// comes after its parents; side-branch commits and merges make the mainline (first
/// parents) skip some.
struct MemoryGit: HistorySource {
    typealias ObjectID = Int

    struct Worker: HistoryWorker {
        let git: MemoryGit

        func changes(from old: Int?, to new: Int?, prefix: String) throws -> [HistoryChange<Int>] {
            let before = try old.map(git.tree) ?? [:]
            let after = try new.map(git.tree) ?? [:]
            var changes: [HistoryChange<Int>] = []
            for (path, blob) in after where path.hasPrefix(prefix) && before[path] != blob {
                changes.append(HistoryChange(path: path, new: (blob, git.kind(of: blob))))
            }
            for path in before.keys where path.hasPrefix(prefix) && after[path] == nil {
                changes.append(HistoryChange(path: path, new: nil))
            }
            return changes
        }

        func bytes(of blob: Int, limit: Int) throws -> [UInt8]? {
            guard git.blobs.indices.contains(blob) else { throw MissingObject() }
            return git.blobs[blob]
        }

        func commit(_ id: Int) throws -> HistoryCommitInfo<Int> {
            guard git.commits.indices.contains(id) else { throw MissingObject() }
            let commit = git.commits[id]
            return HistoryCommitInfo(
                tree: commit.tree, parents: git.parents[id], author: git.authors[id], authorTime: commit.time - 60,
                subject: "commit \(id)")
        }

        func commits(from tips: [Int], hiding hidden: [Int]) throws -> [Int] {
            let hiddenSet = try git.ancestors(of: hidden)
            return try git.ancestors(of: tips).subtracting(hiddenSet).sorted(by: >)
        }

        func folder(_ path: String, in tree: Int) throws -> Int? { tree }
    }

    private(set) var blobs: [[UInt8]] = []
    private var blobIDs: [[UInt8]: Int] = [:]
    private(set) var trees: [[String: Int]] = []
    private var treeIDs: [[String: Int]: Int] = [:]
    private(set) var commits: [HistoryCommit<Int>] = []
    private(set) var parents: [[Int]] = []
    private(set) var authors: [String] = []

    /// Commits the whole file set on top of `parents` (default: the newest commit);
    /// returns the commit's id.
    mutating func commit(_ files: [String: String], parents: [Int]? = nil, author: String = "Ada") -> Int {
        var tree: [String: Int] = [:]
        for (path, text) in files {
            let bytes = Array(text.utf8)
            if let id = blobIDs[bytes] {
                tree[path] = id
            } else {
                blobs.append(bytes)
                blobIDs[bytes] = blobs.count - 1
                tree[path] = blobs.count - 1
            }
        }
        let treeID: Int
        if let id = treeIDs[tree] {
            treeID = id
        } else {
            trees.append(tree)
            treeID = trees.count - 1
            treeIDs[tree] = treeID
        }
        let parents = parents ?? (commits.isEmpty ? [] : [commits.count - 1])
        commits.append(
            HistoryCommit(
                id: commits.count, tree: treeID, time: 1_700_000_000 + Int64(commits.count) * 3600, isMerge: parents.count > 1))
        self.parents.append(parents)
        authors.append(author)
        return commits.count - 1
    }

    struct MissingObject: Error {}

    /// A tree by id; an unknown id is an error, as in git.
    func tree(_ id: Int) throws -> [String: Int] {
        guard trees.indices.contains(id) else { throw MissingObject() }
        return trees[id]
    }

    /// Every commit reachable from `tips`, themselves included.
    func ancestors(of tips: [Int]) throws -> Set<Int> {
        var seen = Set<Int>()
        var pending = tips
        while let next = pending.popLast() {
            guard parents.indices.contains(next) else { throw MissingObject() }
            if seen.insert(next).inserted { pending += parents[next] }
        }
        return seen
    }

    /// Contents starting `symlink:` or `submodule:` stand for those entries.
    func kind(of blob: Int) -> HistoryEntryKind {
        if blobs[blob].starts(with: Array("symlink:".utf8)) { return .symlink }
        if blobs[blob].starts(with: Array("submodule:".utf8)) { return .ignored }
        return .file
    }

    func hex(_ id: Int) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 40 - digits.count) + digits
    }

    func objectID(hex: String) -> Int? { Int(hex, radix: 16) }

    func mainline(to tip: Int, stoppingAt stop: Int?) throws -> (commits: [HistoryCommit<Int>], reachedStop: Bool) {
        guard commits.indices.contains(tip) else { throw MissingObject() }
        var chain: [HistoryCommit<Int>] = []
        var next: Int? = tip
        while let id = next {
            if id == stop { return (chain.reversed(), true) }
            chain.append(commits[id])
            next = parents[id].first
        }
        return (chain.reversed(), false)
    }

    /// The "requests folder" is the whole tree: the engine only compares folder ids.
    func folder(_ path: String, in tree: Int) throws -> Int? { tree }

    func commit(_ id: Int) throws -> HistoryCommitInfo<Int> { try Worker(git: self).commit(id) }

    var workerFactory: @Sendable () throws -> Worker {
        let copy = self
        return { Worker(git: copy) }
    }

    var isShallow: Bool { false }
    var shallowKey: String { "" }
}
