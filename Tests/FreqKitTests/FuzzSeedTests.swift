import Foundation
@testable import FreqKit
import FreqTestSupport
import Testing

/// The seed inputs of the fuzz targets in `Fuzz/` (see the README, "Fuzzing"), made from
/// the tests' own fixtures: `make fuzz` runs this suite with `FREQ_FUZZ_SEEDS=DIR`, which
/// writes them to `DIR/<target>/`. Every run checks that each seed still reaches the code
/// its target fuzzes (a seed the parser refuses would only test the refusal).
@Suite("fuzz seeds")
struct FuzzSeedTests {
    static let requests = [
        RegistryFixture.request("FR-0001", status: "new"),
        RegistryFixture.request("FR-0002", status: "planned", extra: "area: billing\nrequested_by:\n  - customer: Acme\n    arr: 120000\n"),
        "\u{FEFF}---\r\nid: FR-0003\r\ntitle: 'CRLF, quoted'\r\nstatus: \"new\"\r\ntags: [a, b]\r\n---\r\nBody\r\n",
        "---\nid: FR-0004\ntitle: >\n  folded\n  text\nstatus: new # comment\nrequested_by: []\n---\n",
        "---\nid: FR-0005\ntitle: Nested\nstatus: new\nmeta:\n  a: {b: [1, 2.5, ~, true, 2026-01-01]}\n---\n# body\n",
    ]

    static var seeds: [String: [[UInt8]]] {
        get throws {
            var seeds: [String: [[UInt8]]] = [:]
            seeds["FuzzFrontMatter"] = requests.map { Array($0.utf8) }
            seeds["FuzzJSONSchema"] = [
                Array(RegistryFixture.schema.utf8) + [0] + Array(#"{"id": "FR-1", "title": "Export", "status": "new", "requested_by": [{"customer": "A", "arr": 5}]}"#.utf8),
                Array(#"{"type": "object", "properties": {"a": {"pattern": "^[a-z]+$", "minLength": 2}}, "required": ["a"]}"#.utf8) + [0] + Array(#"{"a": "x1"}"#.utf8),
                Array(#"{"anyOf": [{"type": "integer", "multipleOf": 3}, {"enum": [null, "x"]}], "$defs": {"d": {"const": 1}}}"#.utf8) + [0] + Array("9".utf8),
            ]
            seeds["FuzzRegistryConfig"] = [Array(RegistryFixture.config.utf8)]
            seeds["FuzzGlob"] = [
                "requests/*.md\nrequests/FR-0001-a.md\nrequests/sub/x.md\n../x.md",
                "docs/**/*.md\ndocs/a/b/c.md\ndocs/x.md\nother/x.md",
                "CIP-*/README.md\nCIP-0001/README.md\nCIP-0001/x/README.md",
                "a/\\*literal.md\na/*literal.md\na/xliteral.md",
                "requests/FR-[0-9]?.md\nrequests/FR-12.md\nrequests/FR-1.md",
            ].map { Array($0.utf8) }
            seeds["FuzzEditor"] = requests.flatMap { request in
                ["set status planned\n", "set title A new title: with colon\n", "remove tags\n", "append requested_by Globex Inc.\n"]
                    .map { Array(($0 + request).utf8) }
            }
            seeds["FuzzHistoryCache"] = try cacheBodies()
            return seeds
        }
    }

    /// Real cache images of a random history, without what the harness adds back (magic,
    /// size, fingerprint, checksum). Fingerprints are 16 hex digits, so the offsets in the
    /// body stay right when the harness puts its own in front.
    static func cacheBodies() throws -> [[UInt8]] {
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        var generator = SeededGenerator(seed: 5)
        var git = MemoryGit()
        var files: [String: String] = [:]
        var bodies: [[UInt8]] = []
        for step in 0..<12 {
            RandomRegistryStep.apply(to: &files, step: step, using: &generator)
            let tip = git.commit(files)
            guard step % 4 == 3 else { continue }
            let engine = try HistoryEngine(source: git, config: config)
            let image = try #require(HistoryCacheCodec.encode(try engine.run(tip: tip).state))
            let header = HistoryCacheImage.headerSize(engine.fingerprint)
            bodies.append(Array(image[header..<(image.count - 8)]))
        }
        return bodies
    }

    @Test func seedsReachWhatTheirTargetsFuzz() throws {
        let seeds = try Self.seeds
        for seed in seeds["FuzzFrontMatter"] ?? [] {
            guard case .success = FrontMatterReader.read(seed) else {
                Issue.record("front matter seed does not read: \(String(decoding: seed, as: UTF8.self))")
                continue
            }
        }
        for seed in seeds["FuzzJSONSchema"] ?? [] {
            let split = try #require(seed.firstIndex(of: 0))
            #expect((try? JSONSchema(document: try JSONParser.parse(seed[..<split]))) != nil)
        }
        for seed in seeds["FuzzRegistryConfig"] ?? [] {
            #expect((try? RegistryConfig.parse(String(decoding: seed, as: UTF8.self), displayPath: "r", schemaBase: "")) != nil)
        }
        for seed in seeds["FuzzGlob"] ?? [] {
            let pattern = String(decoding: seed.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            #expect((try? Glob(pattern)) != nil, "\(pattern)")
        }
        for seed in seeds["FuzzEditor"] ?? [] {
            let file = Array(seed.drop { $0 != UInt8(ascii: "\n") }.dropFirst())
            guard case .success = FrontMatterReader.read(file) else {
                Issue.record("editor seed does not read")
                continue
            }
        }
        // A body framed again as the harness does is a cache that loads.
        for body in seeds["FuzzHistoryCache"] ?? [] {
            var image = HistoryCacheCodec.magic
            // As long as a real fingerprint: the tables hold absolute file offsets.
            let fingerprint = Array("5eed5eed5eed5eed".utf8)
            let size: Int = image.count + 8 + 4 + fingerprint.count + body.count + 8
            withUnsafeBytes(of: Int64(size).littleEndian) { image += $0 }
            withUnsafeBytes(of: UInt32(fingerprint.count).littleEndian) { image += $0 }
            image += fingerprint + body
            Checksum.append(to: &image)
            #expect(HistoryCacheImage(image)?.fingerprint == "5eed5eed5eed5eed")
        }
        guard let folder = ProcessInfo.processInfo.environment["FREQ_FUZZ_SEEDS"] else { return }
        for (target, inputs) in seeds {
            let path = folder + "/" + target
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (index, input) in inputs.enumerated() {
                try Data(input).write(to: URL(fileURLWithPath: path + "/seed-\(index)"))
            }
        }
    }
}
