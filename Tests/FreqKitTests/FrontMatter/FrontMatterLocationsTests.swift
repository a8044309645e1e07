import Foundation
import FreqTestSupport
import Testing

@testable import FreqKit

/// The location tree must answer exactly as the `[InstancePath: FreqKit.SourceLocation]`
/// dictionaries it replaced: every lookup is compared with the dictionary algorithm over
/// the same entries, on random front matter read by both readers.
@Suite("Front matter: location tree answers as the dictionaries did")
struct FrontMatterLocationsTests {
    /// The lookup of the dictionaries (the former `FrontMatterDocument.location(of:key:)`).
    static func dictionaryLocation(
        _ path: InstancePath, key: Bool, values: [InstancePath: FreqKit.SourceLocation], keys: [InstancePath: FreqKit.SourceLocation]
    ) -> FreqKit.SourceLocation? {
        if key, let found = keys[path] { return found }
        var path = path
        while true {
            if let found = values[path] ?? keys[path] { return found }
            guard !path.isEmpty else { return nil }
            path.removeLast()
        }
    }

    /// Paths worth asking about: every recorded one, a child of each that is not there,
    /// and a few that never are.
    static func probes(_ document: FrontMatterDocument) -> [InstancePath] {
        var paths = Set(document.valueLocations.keys).union(document.keyLocations.keys)
        for path in Array(paths) {
            paths.insert(path + [.key("missing")])
            paths.insert(path + [.index(7)])
        }
        paths.formUnion([[], [.key("nope")], [.index(0)], [.key("a"), .key("b"), .key("c")]])
        return Array(paths)
    }

    static func check(_ document: FrontMatterDocument, _ text: String) {
        let values = document.valueLocations
        let keys = document.keyLocations
        let texts = document.locations.scalarTexts
        for path in probes(document) {
            for key in [false, true] {
                let expected = dictionaryLocation(path, key: key, values: values, keys: keys)
                #expect(
                    document.location(of: path, key: key) == expected,
                    "location(of: \(path), key: \(key)) in \(text.debugDescription)")
            }
            #expect(document.keyLocation(at: path) == keys[path])
            #expect(document.locations.valueLocation(path) == values[path])
            #expect(document.locations.scalarText(path) == texts[path])
        }
        let roots = Dictionary(uniqueKeysWithValues: document.rootKeyLocations.map { ([PathComponent.key($0.key)], $0.location) })
        #expect(roots == keys.filter { $0.key.count == 1 })
        // Rebuilt from its dictionaries, a document answers alike and compares equal.
        let rebuilt = FrontMatterDocument(
            value: document.value, valueLocations: values, keyLocations: keys,
            frontMatterRange: document.frontMatterRange, bodyStartLine: document.bodyStartLine,
            bodyStartOffset: document.bodyStartOffset, scalarTexts: texts)
        #expect(rebuilt == document)
        for path in probes(document) {
            #expect(rebuilt.location(of: path, key: true) == document.location(of: path, key: true))
            #expect(rebuilt.scalarText(at: path) == document.scalarText(at: path))
        }
    }

    @Test func randomFrontMatterBothReaders() {
        var rng = SeededGenerator(seed: 15_100_000)
        var read = 0
        for _ in 0..<1500 {
            let text =
                Bool.random(using: &rng)
                ? FrontMatterFastPathTests.randomFrontMatter(&rng) : FrontMatterFastPathTests.structuredFrontMatter(&rng)
            for fastPath in [true, false] {
                guard case .success(let document) = FrontMatterReader.read(Array(text.utf8), limits: .default, fastPath: fastPath)
                else { continue }
                read += 1
                Self.check(document, text)
            }
        }
        #expect(read > 500, "only \(read) documents read")
    }

    /// Past `indexedNodeCount` nodes lookups go through an index: same answers.
    @Test(arguments: [true, false])
    func largeFrontMatterUsesTheIndex(fastPath: Bool) throws {
        var lines = ["id: FR-1", "list:"]
        for item in 0..<80 { lines += ["  - name: n\(item)", "    arr: \(item)"] }
        lines += ["nested:", "  deeper:", "    x: 1", "  empty:", "tags: [a, 1, true]"]
        let text = "---\n" + lines.joined(separator: "\n") + "\n---\nbody\n"
        let document = try FrontMatterReader.read(Array(text.utf8), limits: .default, fastPath: fastPath).get()
        #expect(document.locations.nodes.count > FrontMatterLocations.indexedNodeCount)
        Self.check(document, text)
        #expect(document.location(of: [.key("list"), .index(79), .key("arr")]) == FreqKit.SourceLocation(line: 4 + 2 * 79 + 1, column: 10))
        #expect(document.location(of: [.key("list"), .index(3), .key("arr")], key: true) == FreqKit.SourceLocation(line: 4 + 2 * 3 + 1, column: 5))
        #expect(document.scalarText(at: [.key("list"), .index(5), .key("arr")]) == "5")
        #expect(document.scalarText(at: [.key("nested"), .key("empty")]) == "")
    }

    @Test func typicalRequest() throws {
        let text = "---\nid: FR-0042\nstatus: new\nrequested_by:\n  - customer: Acme\n    arr: 0381\ntags: [x, 2]\n---\n"
        let document = try FrontMatterReader.read(Array(text.utf8)).get()
        Self.check(document, text)
        #expect(document.location(of: [.key("requested_by"), .index(0), .key("arr")]) == FreqKit.SourceLocation(line: 6, column: 10))
        #expect(document.location(of: [.key("requested_by"), .index(0), .key("arr")], key: true) == FreqKit.SourceLocation(line: 6, column: 5))
        // A missing member points at the mapping that lacks it.
        #expect(document.location(of: [.key("requested_by"), .index(0), .key("segment")]) == FreqKit.SourceLocation(line: 5, column: 5))
        #expect(document.location(of: [.key("nope")], key: true) == FreqKit.SourceLocation(line: 2, column: 1))
        #expect(document.scalarText(at: [.key("requested_by"), .index(0), .key("arr")]) == "0381")
        #expect(document.scalarText(at: [.key("tags"), .index(1)]) == "2")
        #expect(document.rootKeyLocations.map(\.key) == ["id", "status", "requested_by", "tags"])
    }
}
