import Foundation
import FreqTestSupport
import Testing

@testable import FreqKit

/// The parts of the review cache that need no git: which paths differ, which unchanged
/// files a comparison must still read, and the cache files' round trips and refusals.
@Suite("registry outlines")
struct RegistryOutlineTests {
    static let config: RegistryConfig = {
        do {
            let yaml = """
                requests: "requests/*.md"
                status:
                  categories:
                    open: [new]
                    actioned: [shipped]
                """
            return try RegistryConfig.parse(yaml, displayPath: "registry.yml", schemaBase: "")
        } catch {
            preconditionFailure("fixture configuration: \(error)")
        }
    }()

    static func blob(_ number: UInt32) -> RegistryOutline.Version { .blob(BlobID(high: 1, middle: 2, low: number)) }

    static func facts(_ id: String?, title: String? = nil) -> VersionFacts {
        VersionFacts(reading: .request, id: id, status: "new", title: title)
    }

    static func file(_ path: String, _ version: RegistryOutline.Version, _ facts: VersionFacts? = nil) -> RegistryOutline.File {
        RegistryOutline.File(path: path, version: version, facts: facts)
    }

    @Test func changedPathsCompareVersionsAsTheSnapshotsCompareContents() {
        let base = RegistryOutline(files: [
            Self.file("requests/a.md", Self.blob(1)), Self.file("requests/b.md", Self.blob(2)),
            Self.file("requests/c.md", .tooLarge(size: 5_000_000)), Self.file("requests/d.md", .symlink),
            Self.file("requests/e.md", .unreadable), Self.file("requests/gone.md", Self.blob(3)),
        ])
        let head = RegistryOutline(files: [
            Self.file("requests/a.md", Self.blob(1)), Self.file("requests/b.md", Self.blob(9)),
            Self.file("requests/c.md", .tooLarge(size: 5_000_000)), Self.file("requests/d.md", .symlink),
            Self.file("requests/e.md", .unreadable), Self.file("requests/new.md", Self.blob(4)),
        ])
        // Too large with the same size and two links are the same, as `RequestFile.Content`
        // says; a file that cannot be read is never the same as anything.
        #expect(RegistryOutline.changedPaths(base: base, head: head)
            == Set(["requests/b.md", "requests/e.md", "requests/gone.md", "requests/new.md"].map { ByteKey($0) }))
    }

    /// `check --base`'s uncommitted step looks only at the paths the branch's commits or
    /// the working tree changed: it must find what comparing the whole committed outline
    /// with the working one finds, and the committed files there.
    @Test(arguments: [3, 15, 2026] as [UInt64])
    func theUncommittedPathsAreThoseOfTheWholeComparison(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let versions: [RegistryOutline.Version] = [Self.blob(1), Self.blob(2), Self.blob(3), .symlink, .tooLarge(size: 9), .unreadable]
        func outline(_ paths: [String]) -> RegistryOutline {
            RegistryOutline(files: paths.filter { _ in Int.random(in: 0..<5, using: &random) > 0 }
                .map { Self.file($0, versions[Int.random(in: 0..<versions.count, using: &random)]) })
        }
        // NFC and NFD names too: two files, ordered as bytes.
        let paths = (0..<40).map { "requests/\($0)-x.md" } + ["requests/caf\u{E9}.md", "requests/cafe\u{301}.md"]
        let sorted = paths.sorted { $0.precedesInByteOrder($1) }
        for _ in 0..<50 {
            let base = outline(sorted)
            let committed = outline(sorted)
            let working = outline(sorted)
            // What differs between the merge base and the tip, as the trees would say.
            let changes = RegistryOutline.changedPaths(base: base, head: committed).map(\.text)
                .sorted { $0.precedesInByteOrder($1) }.map { (path: $0, file: committed.file(at: $0)) }
            let found = RegistryOutline.uncommitted(
                base: base, changes: changes, changedFromBase: RegistryOutline.changedPaths(base: base, head: working),
                working: working)
            let expected = RegistryOutline.changedPaths(base: committed, head: working)
            #expect(found.paths == expected)
            #expect(found.committed.files.map(\.path) == committed.files(at: expected).map(\.path))
        }
    }

    @Test func namesAreComparedAsBytes() {
        // NFC and NFD `café` are two files, whatever Swift's `==` says.
        let nfc = "requests/caf\u{E9}.md"
        let nfd = "requests/cafe\u{301}.md"
        let base = RegistryOutline(files: [Self.file(nfc, Self.blob(1))])
        let head = RegistryOutline(files: [Self.file(nfd, Self.blob(1))])
        #expect(RegistryOutline.changedPaths(base: base, head: head) == [ByteKey(nfc), ByteKey(nfd)])
        #expect([nfd].containsInByteOrder(nfd))
        #expect(![nfd].containsInByteOrder(nfc))
    }

    @Test func unchangedFilesSharingAnIDWithAChangedOneAreRead() {
        let base = RegistryOutline(files: [
            Self.file("requests/a.md", Self.blob(1), Self.facts("FR-1")),
            Self.file("requests/b.md", Self.blob(2), Self.facts("FR-1")),
            Self.file("requests/c.md", Self.blob(3), Self.facts("FR-2")),
        ])
        let needed = RegistryOutline.neededPaths(changed: [ByteKey("requests/a.md")], touched: ["FR-1"], base: base)
        #expect(needed == Set(["requests/a.md", "requests/b.md"].map { ByteKey($0) }))
    }

    @Test func titlesAreTheSmallestPathsPerID() {
        let base = RegistryOutline(files: [
            Self.file("requests/a.md", Self.blob(1), Self.facts("FR-2", title: "First")),
            Self.file("requests/b.md", Self.blob(2), Self.facts("FR-2", title: "Second")),
            Self.file("requests/c.md", Self.blob(3), Self.facts("FR-1", title: "Third")),
            Self.file("requests/d.md", Self.blob(4), Self.facts("FR-3")),
        ])
        #expect(base.titlesByID.map { "\($0.id)=\($0.title)" } == ["FR-1=Third", "FR-2=First"])
    }

    @Test func factsAreWhatTheSnapshotReads() {
        let file = RequestFile(
            path: "requests/x.md", content: .bytes(Array("---\nid: FR-7\nstatus: new\ntitle: 42\n---\nBody\n".utf8)))
        let facts = VersionFacts(file, config: Self.config, rules: Self.config)
        #expect(facts.reading == .request)
        #expect(facts.id == "FR-7")
        #expect(facts.status == "new")
        // The title as written, as `Request.text` gives it (not only strings).
        #expect(facts.title == "42")
        #expect(VersionFacts(RequestFile(path: "requests/y.md", content: .bytes(Array("no front matter".utf8))), config: Self.config, rules: Self.config).reading == .unreadable)
        #expect(VersionFacts(RequestFile(path: "requests/z.md", content: .tooLarge(size: 9)), config: Self.config, rules: Self.config).reading == .tooLarge(size: 9))
    }

    @Test func treeDiffFilesRoundTripRefuseForeignOnesAndKeepAFew() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("freq-diff-\(UUID().uuidString)").path + "/"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let blob = String(repeating: "ab", count: 20)
        let changes = [
            TreeDiffCache.Change(path: "requests/a.md", old: nil, new: .init(name: "a.md", id: blob, mode: 0o100644)),
            TreeDiffCache.Change(path: "requests/caf\u{E9}.md", old: .init(name: "caf\u{E9}.md", id: blob, mode: 0o120000), new: nil),
            TreeDiffCache.Change(
                path: "requests/b.md", old: .init(name: "b.md", id: blob, mode: 0o100755), new: .init(name: "b.md", id: blob, mode: 0o100644)),
        ]
        TreeDiffCache.store(changes, folder: folder, fingerprint: "f1", old: "t1", new: "t2")
        #expect(TreeDiffCache.load(folder: folder, fingerprint: "f1", old: "t1", new: "t2") == changes)
        #expect(TreeDiffCache.load(folder: folder, fingerprint: "f1", old: "t2", new: "t1") == nil)
        #expect(TreeDiffCache.load(folder: folder, fingerprint: "f2", old: "t1", new: "t2") == nil)
        // A file renamed to another pair's name is foreign.
        let path = TreeDiffCache.path(folder: folder, fingerprint: "f1", old: "t1", new: "t2")
        try FileManager.default.copyItem(atPath: path, toPath: TreeDiffCache.path(folder: folder, fingerprint: "f1", old: "t1", new: "t3"))
        #expect(TreeDiffCache.load(folder: folder, fingerprint: "f1", old: "t1", new: "t3") == nil)
        // Damaged: one byte changed, the checksum refuses the file.
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x41
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(TreeDiffCache.load(folder: folder, fingerprint: "f1", old: "t1", new: "t2") == nil)
        // Only the last pairs written stay; the newest is among them.
        for pair in 0..<(TreeDiffCache.kept + 4) {
            TreeDiffCache.store(changes, folder: folder, fingerprint: "f1", old: "p\(pair)", new: "q")
        }
        TreeDiffCache.removeOldest(folder: folder)
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".diff") }
        #expect(kept.count == TreeDiffCache.kept)
        #expect(TreeDiffCache.load(folder: folder, fingerprint: "f1", old: "p\(TreeDiffCache.kept + 3)", new: "q") == changes)
    }

    @Test func cacheFilesRoundTripAndRefuseForeignOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("freq-outline-\(UUID().uuidString)").path + "/"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outline = RegistryOutline(files: [
            Self.file("requests/a.md", Self.blob(1), Self.facts("FR-1", title: "A")),
            Self.file("requests/b.md", .symlink, VersionFacts.unreadable),
            Self.file("requests/c.md", .tooLarge(size: 7), VersionFacts(reading: .tooLarge(size: 7))),
        ])
        OutlineCache.store(outline, folder: folder, fingerprint: "f1", tree: "t1")
        let loaded = try #require(OutlineCache.load(folder: folder, fingerprint: "f1", tree: "t1"))
        #expect(loaded.files.map(\.path) == outline.files.map(\.path))
        #expect(zip(loaded.files, outline.files).allSatisfy { $0.version == $1.version && $0.facts == $1.facts })
        #expect(OutlineCache.load(folder: folder, fingerprint: "f2", tree: "t1") == nil)
        // A file renamed to another fingerprint's name is foreign.
        try FileManager.default.copyItem(
            atPath: OutlineCache.path(folder: folder, fingerprint: "f1", tree: "t1"),
            toPath: OutlineCache.path(folder: folder, fingerprint: "f2", tree: "t1"))
        #expect(OutlineCache.load(folder: folder, fingerprint: "f2", tree: "t1") == nil)

        var cache = ReviewCache.load(folder: folder, fingerprint: "f1")
        let id = BlobID(high: 5, middle: 6, low: 7)
        #expect(cache.facts(of: id) == nil)
        cache.remember(Self.facts("FR-9", title: "Nine"), of: id)
        cache.storeIfChanged(folder: folder)
        var again = ReviewCache.load(folder: folder, fingerprint: "f1")
        #expect(again.facts(of: id) == Self.facts("FR-9", title: "Nine"))
        #expect(again.facts(of: BlobID(high: 5, middle: 6, low: 8)) == nil)
        // Damaged: one byte changed, the checksum refuses the file.
        let path = ReviewCache.path(folder: folder, fingerprint: "f1")
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x41
        try bytes.write(to: URL(fileURLWithPath: path))
        var damaged = ReviewCache.load(folder: folder, fingerprint: "f1")
        #expect(damaged.facts(of: id) == nil)
    }
}
