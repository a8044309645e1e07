import Foundation
import FreqKit
import FuzzDriver

/// The history cache loader. The input is an image's body (what follows the fingerprint,
/// up to the checksum); the harness frames it with the magic, the size, the fingerprint and
/// a checksum that fits, as a forger would, so the fuzzer reaches the record checks instead
/// of failing at the checksum. Whatever it holds, loading and resuming a walk from it never
/// crash, and `history --format json` stays valid JSON in UTF-8.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzHistoryCache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = fuzzInput(data, size)
    let harness = Harness.shared
    var image = Array("FREQHIST5\n".utf8)
    let fingerprint = Array(harness.engine.fingerprint.utf8)
    let total = image.count + 8 + 4 + fingerprint.count + body.count + 8
    withUnsafeBytes(of: Int64(total).littleEndian) { image.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt32(fingerprint.count).littleEndian) { image.append(contentsOf: $0) }
    image += fingerprint + body
    withUnsafeBytes(of: cacheChecksum(image).littleEndian) { image.append(contentsOf: $0) }
    _ = FileManager.default.createFile(atPath: harness.cache.path(for: harness.engine.fingerprint), contents: Data(image))
    guard let state = harness.cache.load(fingerprint: harness.engine.fingerprint),
        let walk = try? harness.engine.run(tip: harness.tip, resumingFrom: state)
    else { return 0 }
    let json = HistoryRenderer.json(walk)
    precondition(String(validating: json, as: UTF8.self) != nil, "history JSON is not UTF-8")
    precondition((try? JSONSerialization.jsonObject(with: Data(json))) != nil, "history JSON does not parse")
    _ = walk.history()
    return 0
}

/// A small fixed history in memory, and a cache folder, made once per process.
final class Harness {
    // libFuzzer calls the target from one thread.
    nonisolated(unsafe) static let shared = Harness()
    let engine: HistoryEngine<MemoryHistory>
    let cache: HistoryCache
    let tip: Int

    init() {
        let config = try! RegistryConfig.parse(  // the harness's own constant text
            "requests: \"requests/*.md\"\nstatus:\n  initial: new\n  categories:\n    open: [new]\n    actioned: [planned]\n",
            displayPath: "registry.yml", schemaBase: "")
        var history = MemoryHistory()
        for (step, status) in ["new", "planned", "new"].enumerated() {
            history.commit([
                "requests/FR-0001-a.md": "---\nid: FR-0001\ntitle: A\nstatus: \(status)\n---\n",
                "requests/FR-000\(step + 2)-b.md": "---\nid: FR-000\(step + 2)\ntitle: B\nstatus: new\n---\n",
            ])
        }
        engine = try! HistoryEngine(source: history, config: config)
        let folder = NSTemporaryDirectory() + "freq-fuzz-cache-\(getpid())/"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cache = HistoryCache(folder: folder)
        tip = history.commits.count - 1
    }
}

/// docs/cache.md, "The checksum".
func cacheChecksum(_ bytes: [UInt8]) -> UInt64 {
    let prime: UInt64 = 0xFF51_AFD7_ED55_8CCD
    let end = bytes.count
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15 ^ UInt64(end), 1, 2, 3)
    func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* prime
        return product ^ (product >> 32)
    }
    func word(_ at: Int) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) } }
    var position = 0
    while position + 32 <= end {
        lanes.0 = mix(lanes.0, UInt64(littleEndian: word(position)))
        lanes.1 = mix(lanes.1, UInt64(littleEndian: word(position + 8)))
        lanes.2 = mix(lanes.2, UInt64(littleEndian: word(position + 16)))
        lanes.3 = mix(lanes.3, UInt64(littleEndian: word(position + 24)))
        position += 32
    }
    var hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
    while position < end {
        hash = mix(hash, UInt64(bytes[position]))
        position += 1
    }
    return hash
}

/// A linear git history in memory (as the tests' `MemoryGit`, without branches): commit
/// `n` has tree `n`, each tree the whole file set, blobs numbered by content.
struct MemoryHistory: HistorySource, Sendable {
    typealias ObjectID = Int
    struct Missing: Error {}

    private(set) var blobs: [[UInt8]] = []
    private(set) var trees: [[String: Int]] = []
    private(set) var commits: [HistoryCommit<Int>] = []

    mutating func commit(_ files: [String: String]) {
        var tree: [String: Int] = [:]
        for (path, text) in files {
            blobs.append(Array(text.utf8))
            tree[path] = blobs.count - 1
        }
        trees.append(tree)
        commits.append(HistoryCommit(id: commits.count, tree: trees.count - 1, time: 1_700_000_000 + Int64(commits.count) * 3600))
    }

    struct Worker: HistoryWorker {
        let history: MemoryHistory

        func changes(from old: Int?, to new: Int?, prefix: String) throws -> [HistoryChange<Int>] {
            let before = try old.map(history.tree) ?? [:]
            let after = try new.map(history.tree) ?? [:]
            var changes: [HistoryChange<Int>] = []
            for (path, blob) in after where before[path].map({ history.blobs[$0] }) != history.blobs[blob] {
                changes.append(HistoryChange(path: path, new: (blob, .file)))
            }
            for path in before.keys where after[path] == nil { changes.append(HistoryChange(path: path, new: nil)) }
            return changes
        }

        func bytes(of blob: Int, limit: Int) throws -> [UInt8]? {
            guard history.blobs.indices.contains(blob) else { throw Missing() }
            return history.blobs[blob]
        }

        func commit(_ id: Int) throws -> HistoryCommitInfo<Int> {
            guard history.commits.indices.contains(id) else { throw Missing() }
            return HistoryCommitInfo(
                tree: history.commits[id].tree, parents: id == 0 ? [] : [id - 1], author: "Ada",
                authorTime: history.commits[id].time, subject: "commit \(id)")
        }

        func commits(from tips: [Int], hiding hidden: [Int]) throws -> [Int] { [] }

        func folder(_ path: String, in tree: Int) throws -> Int? { tree }
    }

    func tree(_ id: Int) throws -> [String: Int] {
        guard trees.indices.contains(id) else { throw Missing() }
        return trees[id]
    }

    func hex(_ id: Int) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: max(0, 40 - digits.count)) + digits
    }

    func objectID(hex: String) -> Int? { Int(hex, radix: 16) }

    func mainline(to tip: Int, stoppingAt stop: Int?) throws -> (commits: [HistoryCommit<Int>], reachedStop: Bool) {
        guard commits.indices.contains(tip) else { throw Missing() }
        var chain: [HistoryCommit<Int>] = []
        var next: Int? = tip
        while let id = next {
            if id == stop { return (chain.reversed(), true) }
            chain.append(commits[id])
            next = id == 0 ? nil : id - 1
        }
        return (chain.reversed(), false)
    }

    func folder(_ path: String, in tree: Int) throws -> Int? { tree }

    func commit(_ id: Int) throws -> HistoryCommitInfo<Int> { try Worker(history: self).commit(id) }

    var workerFactory: @Sendable () throws -> Worker {
        let copy = self
        return { Worker(history: copy) }
    }

    var isShallow: Bool { false }
    var shallowKey: String { "" }
}

runFuzzer(fuzzHistoryCache)
