import Foundation
import FreqGit
import FreqTestSupport
import Testing

/// `changes(from:to:)` reads only where two trees' bytes differ and frames a tree from the
/// one compared before it: checked against `git diff-tree` on random folders whose names
/// are built to confuse a framing that trusted equal bytes alone.
@Suite("tree changes")
struct TreeChangesTests {
    /// Names sharing starts and ends, names that look like entries (`100644 a`), and
    /// git's folder order (`a` < `a.md` < `a/` < `a0`).
    static let names: [[UInt8]] = {
        let names = ["a", "a.md", "a0", "b", "100644 a", "100644 b", "x 100644 a", "40000 a", "FR-0001.md", "FR-0001.mdx",
            "FR-00010.md", "z"] + (0..<40).map { "FR-\(String(format: "%04d", $0 * 7))-request.md" }
        return names.map { Array($0.utf8) }
    }()

    /// One random entry for `name`: a file, an executable, a link, a submodule or a
    /// folder (one of `folders`), with random content ids (`--missing` lets blobs be absent).
    static func randomEntry(_ name: [UInt8], folders: [String], using generator: inout SeededGenerator) -> [UInt8] {
        let blob = (0..<20).map { _ in String(format: "%02x", UInt8.random(in: 0...3, using: &generator)) }.joined()
        let line: String
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: line = "100755 blob \(blob)"
        case 1: line = "120000 blob \(blob)"
        case 2: line = "160000 commit \(blob)"
        case 3, 4: line = "040000 tree \(folders.randomElement(using: &generator) ?? "")"
        default: line = "100644 blob \(blob)"
        }
        return Array((line + "\t").utf8) + name + [0]
    }

    func makeTree(_ entries: [[UInt8]], in scratch: ScratchRepository) throws -> String {
        let output = try ScratchRepository.run(
            ["git", "mktree", "-z", "--missing"], in: scratch.root, environment: scratch.environment(), input: Data(entries.joined()))
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What git reports: (path, old id, new id) per changed path, `nil` for absent.
    func gitChanges(_ old: String, _ new: String, in scratch: ScratchRepository) throws -> [[String?]] {
        let output = try scratch.git(["diff-tree", "-r", "-z", "--no-renames", old, new])
        var fields = output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var changes: [[String?]] = []
        while fields.count >= 2 {
            let meta = fields.removeFirst().split(separator: " ")
            let path = fields.removeFirst()
            let zero = String(repeating: "0", count: 40)
            let oldID = String(meta[2]), newID = String(meta[3])
            // git lists a type change (file to link) as one entry, as `changes` does.
            changes.append([path, oldID == zero ? nil : oldID, newID == zero ? nil : newID])
        }
        return changes
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomFoldersMatchGitDiffTree(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let scratch = try ScratchRepository()
        // A few small folders for entries that are folders.
        var folders: [String] = []
        for index in 0..<3 {
            let entries = Self.names.prefix(3 + index).map { Self.randomEntry($0, folders: [], using: &generator) }
            folders.append(try makeTree(entries.filter { !$0.starts(with: Array("040000".utf8)) }, in: scratch))
        }
        var current: [[UInt8]: [UInt8]] = [:]
        for name in Self.names where Bool.random(using: &generator) {
            current[name] = Self.randomEntry(name, folders: folders, using: &generator)
        }
        var trees = [try makeTree(Array(current.values), in: scratch)]
        for _ in 0..<40 {
            // One to three entries added, removed or changed; now and then many.
            let edits = Int.random(in: 0..<6, using: &generator) == 0 ? 12 : Int.random(in: 1...3, using: &generator)
            for _ in 0..<edits {
                guard let name = Self.names.randomElement(using: &generator) else { continue }
                if current[name] != nil && Bool.random(using: &generator) {
                    current[name] = nil
                } else {
                    current[name] = Self.randomEntry(name, folders: folders, using: &generator)
                }
            }
            trees.append(try makeTree(Array(current.values), in: scratch))
        }
        // Consecutive trees through one handle (each framed from the one before), and
        // random pairs through fresh handles (framed from scratch), in both directions.
        let repository = try Repository.open(at: scratch.path)
        var pairs = zip(trees, trees.dropFirst()).map { ($0, $1, repository) }
        for _ in 0..<30 {
            let old = trees.randomElement(using: &generator) ?? trees[0]
            let new = trees.randomElement(using: &generator) ?? trees[0]
            pairs.append((old, new, try Repository.open(at: scratch.path)))
        }
        var compared = 0
        for (old, new, handle) in pairs {
            guard let oldID = ObjectID(hex: old), let newID = ObjectID(hex: new) else {
                Issue.record("not an id: \(old) \(new)")
                continue
            }
            let ours = try handle.changes(from: oldID, to: newID).map { [$0.path, $0.old?.id.hex, $0.new?.id.hex] }
            #expect(ours == (try gitChanges(old, new, in: scratch)), "\(old) -> \(new)")
            compared += ours.isEmpty ? 0 : 1
        }
        #expect(compared > 40)
    }

    @Test func aDamagedTreeIsAnErrorNotACrash() throws {
        let scratch = try ScratchRepository()
        let good = try makeTree([Array("100644 blob \(String(repeating: "1", count: 40))\ta.md".utf8) + [0]], in: scratch)
        let id = Array(repeating: UInt8(0x11), count: 20)
        let damaged: [[UInt8]] = [
            Array("100644 a.md\0".utf8) + id.prefix(12),  // the id cut short
            Array("100648 a.md\0".utf8) + id,  // not an octal mode
            Array("100644a.md\0".utf8) + id,  // no space after the mode
            Array("100644 \0".utf8) + id,  // no name
            Array("100644 a.md".utf8),  // no NUL
            Array("100644 a.md\0".utf8) + id + Array("1".utf8),  // a second entry cut short
        ]
        let repository = try Repository.open(at: scratch.path)
        guard let goodID = ObjectID(hex: good) else { return }
        for bytes in damaged {
            let written = try ScratchRepository.run(
                ["git", "hash-object", "-t", "tree", "--literally", "-w", "--stdin"], in: scratch.root,
                environment: scratch.environment(), input: Data(bytes))
            let badID = try #require(ObjectID(hex: written.trimmingCharacters(in: .whitespacesAndNewlines)))
            for (old, new) in [(goodID, badID), (badID, goodID), (Optional<ObjectID>.none, badID)] {
                let error = #expect(throws: GitError.self) { try repository.changes(from: old, to: new) }
                #expect(error?.message.hasPrefix("failed to parse tree") == true, "\(bytes)")
            }
        }
        // Not a tree at all.
        let blob = try scratch.git(["hash-object", "-w", "--stdin"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let blobID = try #require(ObjectID(hex: blob))
        #expect(throws: GitError.self) { try repository.changes(from: goodID, to: blobID) }
    }
}
