import Foundation
import Testing

@testable import FreqKit

@Suite("Glob")
struct GlobTests {
    static let table: [(pattern: String, path: String, matches: Bool)] = [
        // `*` stays within a segment and takes a leading dot.
        ("requests/*.md", "requests/FR-0042-export.md", true),
        ("requests/*.md", "requests/.hidden.md", true),
        ("requests/*.md", "requests/sub/FR-1.md", false),
        ("requests/*.md", "requests/FR-1.txt", false),
        ("requests/*.md", "other/FR-1.md", false),
        ("requests/*.md", "requests/.md", true),
        ("*", "README.md", true),
        ("*", "a/b", false),
        ("*.md", ".md", true),
        // `?`: one character, not `/`, a multi-byte one counts once.
        ("FR-?.md", "FR-1.md", true),
        ("FR-?.md", "FR-12.md", false),
        ("FR-?.md", "FR-é.md", true),
        ("a?b", "a/b", false),
        // Classes, ranges, negation.
        ("FR-[0-9][0-9].md", "FR-42.md", true),
        ("FR-[0-9][0-9].md", "FR-4x.md", false),
        ("FR-[!0-9]*.md", "FR-x1.md", true),
        ("FR-[!0-9]*.md", "FR-1x.md", false),
        ("FR-[^0-9]*.md", "FR-x1.md", true),
        ("[abc]", "b", true),
        ("[abc]", "d", false),
        ("[]a]", "]", true),
        ("[a-]", "-", true),
        ("[!a]", "/", false),
        ("[é-ü]x", "ñx", true),
        // `**/` at the start of a segment: zero or more folders.
        ("**/README.md", "README.md", true),
        ("**/README.md", "CIP-1/README.md", true),
        ("**/README.md", "a/b/c/README.md", true),
        ("**/README.md", "a/b/c/README.mdx", false),
        ("a/**/x.md", "a/x.md", true),
        ("a/**/x.md", "a/b/x.md", true),
        ("a/**/x.md", "a/b/c/x.md", true),
        ("a/**/x.md", "b/a/x.md", false),
        ("a/**/b/**/c", "a/1/b/2/3/c", true),
        ("a/**/b/**/c", "a/b/c", true),
        ("a/**/b/**/c", "a/1/2/c", false),
        ("**/*.md", "deep/er/file.md", true),
        ("**/*.md", "file.md", true),
        ("**/.git/*", "a/.git/config", true),
        // A final `**` matches anything.
        ("requests/**", "requests/a/b/c.md", true),
        ("requests/**", "requests/x.md", true),
        ("requests/**", "requests", false),
        ("requests/**", "other/x.md", false),
        ("**", "any/thing/at/all.md", true),
        ("docs/FR**", "docs/FR-1/notes/a.md", true),
        ("docs/FR**", "docs/XFR-1/a.md", false),
        // Any other `**` acts as `*`.
        ("a/**b/c", "a/xb/c", true),
        ("a/**b/c", "a/x/b/c", false),
        ("a**/c", "ab/c", true),
        ("a**/c", "ab/x/c", false),
        // Layouts of other registries (EIPs, one folder per request).
        ("CIP-*/README.md", "CIP-0001/README.md", true),
        ("CIP-*/README.md", "CIP-0001/other.md", false),
        ("CIP-*/README.md", "x/CIP-0001/README.md", false),
        ("EIPS/eip-*.md", "EIPS/eip-1559.md", true),
        ("EIPS/eip-*.md", "EIPS/erc-20.md", false),
        // Escapes, a leading slash.
        ("a\\*b", "a*b", true),
        ("a\\*b", "axb", false),
        ("/requests/*.md", "requests/x.md", true),
        ("./requests/*.md", "requests/x.md", true),
        // Backtracking stays correct.
        ("*a*b*c", "xaybzc", true),
        ("*a*b*c", "xaybzcq", false),
        ("*.tar.gz", "a.tar.tar.gz", true),
    ]

    @Test(arguments: table)
    func matching(pattern: String, path: String, matches: Bool) throws {
        let glob = try Glob(pattern)
        #expect(glob.matches(path) == matches, "`\(pattern)` against `\(path)`")
    }

    @Test(arguments: [
        ("requests/*.md", "requests/"), ("*/README.md", ""), ("CIP-*/README.md", ""), ("EIPS/eip-*.md", "EIPS/"),
        ("a/b/**/x.md", "a/b/"), ("requests/README.md", "requests/"), ("README.md", ""), ("**", ""),
        ("a/**", "a/"), ("a/b?/c/*.md", "a/"), ("a/[bc]/d", "a/"), ("/requests/*.md", "requests/"),
        ("a\\*b/c", "a*b/"),
    ])
    func fixedPrefix(pattern: String, prefix: String) throws {
        let glob = try Glob(pattern)
        #expect(glob.fixedPrefix == prefix)
    }

    @Test func everyMatchLiesUnderTheFixedPrefix() throws {
        for (pattern, path, matches) in Self.table where matches {
            let glob = try Glob(pattern)
            #expect(path.hasPrefix(glob.fixedPrefix), "`\(path)` for `\(pattern)`")
        }
    }

    /// The working tree takes the lstat only of names ending as the glob's literal end.
    @Test func everyMatchEndsWithTheLiteralEnding() throws {
        for (pattern, path, matches) in Self.table where matches {
            let glob = try Glob(pattern)
            #expect(Array(path.utf8).reversed().starts(with: glob.literalEnding.reversed()), "`\(path)` for `\(pattern)`")
        }
        #expect(try Glob("requests/*.md").literalEnding == Array(".md".utf8))
        #expect(try Glob("a/**").literalEnding == [])
        #expect(try Glob("*/README.md").literalEnding == Array("README.md".utf8))
        #expect(try Glob("a/*.[mM][dD]").literalEnding == [])
        #expect(try Glob("a/x\\*.md").literalEnding == Array(".md".utf8))
    }

    @Test func unclosedClassIsAClearError() {
        #expect {
            try Glob("requests/[a-z.md")
        } throws: { error in
            guard let error = error as? GlobError else { return false }
            return error.pattern == "requests/[a-z.md" && error.description.contains("never closed")
                && error.message.contains("character 10")
        }
        #expect(throws: GlobError.self) { try Glob("[") }
        #expect(throws: GlobError.self) { try Glob("a/[b/c]") }
    }

    @Test func pathologicalPatternsStayFast() throws {
        let long = String(repeating: "a", count: 20_000)
        let star = try Glob("*a*a*a*a*a*a*a*a*b")
        let globstar = try Glob("**/**/**/**/**/**/x")
        let deep = Array(repeating: "a", count: 2_000).joined(separator: "/")
        let start = ContinuousClock.now
        #expect(!star.matches(long))
        #expect(star.matches(long + "b"))
        #expect(!globstar.matches(deep))
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func equalityIsByPattern() throws {
        #expect(try Glob("a/*.md") == Glob("a/*.md"))
        #expect(try Glob("a/*.md") != Glob("b/*.md"))
        #expect(try Set([Glob("x"), Glob("x")]).count == 1)
    }
}
