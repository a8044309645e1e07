import Foundation
import FreqTestSupport
import Testing

@testable import FreqKit

/// The shortcuts `validate` takes per file — simple patterns without ICU, file-name
/// templates on bytes — must answer as the full engines do, or not answer at all.
@Suite("Fast matching agrees with the full engines")
struct FastMatchingTests {
    static let simplePatterns = [
        "^FR-[0-9]{5}$", "^FR-[0-9]{4,}$", "^[a-z0-9][a-z0-9-]*$", "^\\d+$", "^a?b*c+$", "^[A-Z]{2,3}-\\d{1,4}$",
        "^$", "^x{0}y$", "^[_a-z]+_[0-9]?$", "^a*a*a*b$", "^EIP\\-[1-9][0-9]*$", "^[-a]{2}$", "^v\\.[0-9]$",
    ]
    static let notSimple = [
        "FR-[0-9]{5}", "^FR-[0-9]{5}", "^(a|b)$", "^a.b$", "^[^a]$", "^a+?$", "^\\w+$", "^[a-]x]$", "^a{2,1}$",
        "^a{x}$", "^[]$", "^é$", "^a b$", "^[a\\d]$", "^a{1000}$", "^[z-a]$", "^[0-z]$",
    ]
    static let texts = [
        "", "FR-12345", "FR-1234", "FR-123456", "FR-00042", "fr-12345", "FR-1234x", "FR-12345\n", "FR-12345 ", " FR-12345",
        "abc", "a-b-c", "-abc", "a_1", "_a_", "EIP-1", "EIP-0", "EIP-10", "AB-1", "ABC-1234", "ABCD-1", "aab", "b", "aaaaab",
        "c", "bc", "abbbcc", "y", "--", "-a", "v.1", "v11", "٣", "FR-١٢٣٤٥", "é", "a\tb", "x\u{7F}",
    ]

    @Test func simplePatternsAnswerAsICUAndECMA() throws {
        var rng = SeededGenerator(seed: 15_200_000)
        var generated = Self.texts
        let alphabet = Array("FR-0123456789abcxyz_AB.v ")
        for _ in 0..<3000 {
            generated.append(String((0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }))
        }
        var answered = 0
        for pattern in Self.simplePatterns {
            let simple = try #require(SimplePattern(pattern), "\(pattern) should be simple")
            let icu = try NSRegularExpression(pattern: pattern)
            let ecma = try NSRegularExpression(pattern: ECMARegex.translate(pattern))
            for text in generated {
                let range = NSRange(location: 0, length: text.utf16.count)
                let icuAnswer = icu.firstMatch(in: text, range: range) != nil
                let ecmaAnswer = ecma.rangeOfFirstMatch(in: text, range: range).location != NSNotFound
                guard let answer = simple.matches(text) else {
                    // Only text outside printable ASCII is left to the engines.
                    #expect(!text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(pattern) refused \(text.debugDescription)")
                    continue
                }
                answered += 1
                #expect(answer == icuAnswer, "\(pattern) on \(text.debugDescription): ICU says \(icuAnswer)")
                #expect(answer == ecmaAnswer, "\(pattern) on \(text.debugDescription): ECMA says \(ecmaAnswer)")
            }
        }
        #expect(answered > 1000)
    }

    @Test(arguments: notSimple)
    func otherPatternsAreLeftToTheEngines(pattern: String) {
        #expect(SimplePattern(pattern) == nil)
    }

    /// A simple pattern skips ICU's compilation (`LazyRegex`): it must be one ICU accepts.
    @Test func everySimplePatternIsValidForICU() {
        for pattern in Self.simplePatterns {
            #expect(SimplePattern(pattern) != nil)
            #expect((try? NSRegularExpression(pattern: pattern)) != nil, "\(pattern)")
            #expect((try? NSRegularExpression(pattern: ECMARegex.translate(pattern))) != nil, "\(pattern)")
        }
        #expect(!SendableRegex.isValid("^FR-[0-9{5}$"))
        #expect(SendableRegex(pattern: "(unclosed") == nil)
    }

    @Test func wrappersAnswerAsTheirEngines() throws {
        for pattern in Self.simplePatterns + Self.notSimple {
            guard let icu = try? NSRegularExpression(pattern: pattern) else { continue }
            let wrapped = try #require(SendableRegex(pattern: pattern))
            for text in Self.texts {
                #expect(
                    wrapped.matches(text) == (icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil),
                    "\(pattern) on \(text.debugDescription)")
            }
        }
        for pattern in Self.simplePatterns + Self.notSimple {
            guard let regex = try? ECMARegex(pattern),
                let engine = try? NSRegularExpression(pattern: ECMARegex.translate(pattern))
            else { continue }
            for text in Self.texts {
                let range = NSRange(location: 0, length: text.utf16.count)
                #expect(
                    regex.matches(text) == (engine.rangeOfFirstMatch(in: text, range: range).location != NSNotFound),
                    "\(pattern) on \(text.debugDescription)")
            }
        }
    }

    @Test func fileNameTemplateOnBytesAnswersAsOnStrings() {
        let templates = ["{id}-*.md", "{id}/README.md", "eip-{id}.md", "{id}.md", "x/{id}-?.md", "[a-z]*-{id}*", "{id}", "{id}{id}.md", "*"]
        let ids = ["FR-1", "FR-00042", "1", "a", "é", "FR-1-", "", "x/y", "*", "FR-1?"]
        var paths = [
            "requests/FR-1-a.md", "requests/FR-1-FR-1.md", "FR-1/README.md", "requests/FR-1/README.md", "eip-1.md", "a/eip-1.md",
            "requests/FR-00042-export.md", "requests//FR-1-a.md", "/FR-1-a.md", "FR-1-a.md/", "requests/é-x.md", "x/y-z.md",
            "x/FR-1-a.md", "x/FR-1-.md", "requests/FR-1.md", "FR-1FR-1.md", "a.md", "", "requests/a-FR-1-b.md", "*-x.md",
            "requests/FR-1?-x.md", "FR-1-/README.md",
        ]
        var rng = SeededGenerator(seed: 15_300_000)
        let pieces = ["FR-1", "-", "a", "/", ".md", "README", "x", "1", "é", "eip-"]
        for _ in 0..<400 {
            paths.append((0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined())
        }
        var answered = 0
        for template in templates {
            let compiled = FileNameTemplate(template)
            for id in ids {
                for path in paths {
                    let slow = compiled.slowMatches(path, id: id)
                    #expect(compiled.matches(path, id: id) == slow, "\(template) \(id) \(path)")
                    if let fast = compiled.asciiMatches(path, id: id) {
                        answered += 1
                        #expect(fast == slow, "\(template) \(id) \(path)")
                    }
                }
            }
        }
        #expect(answered > 1000)
    }
}
