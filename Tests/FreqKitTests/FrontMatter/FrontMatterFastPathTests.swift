import Foundation
import FreqTestSupport
import Testing

@testable import FreqKit

/// The simple-YAML fast path must give exactly what the Yams path gives, whenever it
/// takes a file at all. Random front matter from a seeded generator, both paths compared.
/// `FREQ_DIFFERENTIAL_CASES=200000 swift test --filter FastPath` runs a longer search.
@Suite("Front matter: fast path agrees with Yams")
struct FrontMatterFastPathTests {
    static let keys = ["id", "status", "a", "b", "x-y", "a.b", "1", "true", "k_2", "area"]
    static let values = [
        "FR-1", "0381", "\"quoted\"", "'it''s'", "yes", "~", "", "1.0", "0x1F", "-5", "a b  ", "x #c", "x#y",
        "é ü", "[a, 1, true]", "[ a , b ]", "[]", "a: b", "b:", "- x", "'a'b", "\"a\" x", "[a, ]", "[a,b", "{a: 1}",
        "|", "http://x", "-", "?x", ":x", "a [b]", "\"é\"", "'q' # c", "[é, ü]", "\"a\\\"b\"", "*x", "&y z",
        "!!str 1", "a\tb", ".inf", "2026-11-02", "null", "[a b, c]", "[-1, .5]", "'multi", "\"\"", "''",
    ]

    static func randomFrontMatter(_ rng: inout SeededGenerator) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let indent = String(repeating: " ", count: [0, 0, 0, 2, 2, 4, 1].randomElement(using: &rng) ?? 0)
            let key = keys.randomElement(using: &rng) ?? "a"
            let value = values.randomElement(using: &rng) ?? ""
            let form = Int.random(in: 0..<10, using: &rng)
            switch form {
            case 0...3: lines.append("\(indent)\(key): \(value)")
            case 4: lines.append("\(indent)\(key):")
            case 5: lines.append("\(indent)- \(value)")
            case 6: lines.append("\(indent)- \(key): \(value)")
            case 7: lines.append(Bool.random(using: &rng) ? "\(indent)-" : "\(indent)# note")
            case 8: lines.append(Bool.random(using: &rng) ? "" : "\(indent)\(key):   # c")
            default: lines.append("\(indent)\(key): \(value)  ")
            }
        }
        let newline = Int.random(in: 0..<8, using: &rng) == 0 ? "\r\n" : "\n"
        return "---" + newline + lines.joined(separator: newline) + newline + "---" + newline
    }

    /// Well-formed nesting (mappings in lists in mappings…) with random scalars.
    static func structuredFrontMatter(_ rng: inout SeededGenerator) -> String {
        func scalar() -> String {
            let value = values.randomElement(using: &rng) ?? "x"
            return Int.random(in: 0..<4, using: &rng) == 0 ? value + "  # note" : value
        }
        func mapping(_ indent: Int, depth: Int, firstPrefix: String? = nil) -> [String] {
            var lines: [String] = []
            for (index, key) in keys.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)).enumerated() {
                let pad = index == 0 && firstPrefix != nil ? firstPrefix ?? "" : String(repeating: " ", count: indent)
                switch depth < 3 ? Int.random(in: 0..<6, using: &rng) : 0 {
                case 0, 1, 2: lines.append("\(pad)\(key): \(scalar())")
                case 3:
                    lines.append("\(pad)\(key):")
                    lines += mapping(indent + 2, depth: depth + 1)
                case 4:
                    lines.append("\(pad)\(key):")
                    lines += sequence(indent + ([0, 2].randomElement(using: &rng) ?? 0), depth: depth + 1)
                default: lines.append("\(pad)\(key):")
                }
            }
            return lines
        }
        func sequence(_ indent: Int, depth: Int) -> [String] {
            var lines: [String] = []
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                switch depth < 3 ? Int.random(in: 0..<4, using: &rng) : 0 {
                case 0: lines.append("\(pad)- \(scalar())")
                case 1: lines += mapping(indent + 2, depth: depth + 1, firstPrefix: "\(pad)- ")
                case 2:
                    lines.append("\(pad)-")
                    lines += mapping(indent + 2, depth: depth + 1)
                default: lines.append("\(pad)-")
                }
            }
            return lines
        }
        return "---\n" + mapping(0, depth: 1).joined(separator: "\n") + "\n---\n"
    }

    @Test func fastPathMatchesYams() {
        let count = ProcessInfo.processInfo.environment["FREQ_DIFFERENTIAL_CASES"].flatMap(Int.init) ?? 4000
        var rng = SeededGenerator(seed: 20_261_102)
        var taken = 0
        var mismatches = 0
        for _ in 0..<count {
            let text = Bool.random(using: &rng) ? Self.randomFrontMatter(&rng) : Self.structuredFrontMatter(&rng)
            let bytes = Array(text.utf8)
            let fast = FrontMatterReader.read(bytes, limits: .default, fastPath: true)
            let slow = FrontMatterReader.read(bytes, limits: .default, fastPath: false)
            let identityFast = FrontMatterReader.readIdentity(
                bytes, idField: "id", statusField: "status", limits: .default, fastPath: true)
            let identitySlow = FrontMatterReader.readIdentity(
                bytes, idField: "id", statusField: "status", limits: .default, fastPath: false)
            if case .success = fast, fast == slow { taken += 1 }
            if fast != slow || identityFast != identitySlow {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("paths differ for \(text.debugDescription):\nfast \(fast)\nslow \(slow)")
                }
            }
        }
        #expect(mismatches == 0)
        // The generator must exercise the fast path, not only its refusals.
        #expect(taken > count / 10, "fast path took \(taken) of \(count)")
    }

    @Test func typicalRequestTakesTheFastPath() throws {
        let text = """
            id: FR-0042
            title: Export invoices as CSV
            status: new
            requested_by:
              - customer: Acme Corp
                arr: 120000
            tags: [export, finance]

            """
        let accepted = Array(text.utf8).withUnsafeBufferPointer {
            SimpleBlockYAML.parse($0, firstLine: 2, limits: .default, collectLocations: true, watchedKeys: [])
        }
        #expect(accepted?.value["tags"] == .array([.string("export"), .string("finance")]))
    }

    @Test(arguments: [
        "a: |\n  text\n", "a: \"x\\ty\"\n", "a: {b: 1}\n", "a: b\n  c\n", "a: &x 1\n", "a: 1\na: 2\n", "\"a\": 1\n",
        "a: !!str 1\n", "a:\n\t- b\n", "- a\n", "a: [b, [c]]\n",
    ])
    func fancierYAMLIsLeftToYams(text: String) {
        let accepted = Array(text.utf8).withUnsafeBufferPointer {
            SimpleBlockYAML.parse($0, firstLine: 2, limits: .default, collectLocations: true, watchedKeys: [])
        }
        #expect(accepted == nil)
    }
}
