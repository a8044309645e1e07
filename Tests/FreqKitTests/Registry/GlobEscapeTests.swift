import FreqKit
import Testing

/// Every way a glob could lead out of the repository is refused, checked on bytes.
@Suite("globs stay inside the repository")
struct GlobEscapeTests {
    @Test(arguments: [
        "../*.md", "requests/../../*", "..", "./../x", "requests//x.md", "requests/./x.md",
        // `/` followed by a combining mark is one character but two path bytes.
        "../\u{301}**", "\u{301}/../x",
        // Escapes spelling `..` or a `/`.
        "\\.\\./x", "requests/\\.\\./x", "a\\/../x", "a/\\..",
        // NUL ends a C path early.
        "requests/\u{0}/../x",
    ])
    func refused(pattern: String) {
        #expect(throws: GlobError.self) { try Glob(pattern) }
    }

    @Test(arguments: ["requests/*.md", "EIPS/eip-*.md", "CIP-*/README.md", "docs/**/*.md", "a/\\*literal.md", "/requests/*.md"])
    func accepted(pattern: String) throws {
        let glob = try Glob(pattern)
        #expect(!glob.fixedPrefix.utf8.contains(0))
        #expect(PathSegments.staysInside(glob.fixedPrefix.isEmpty ? "x" : String(glob.fixedPrefix.dropLast())))
    }

    /// `a/\\**` is an escaped backslash, then an open-ended `**`; `a/\*x**` keeps its
    /// escaped star literal.
    @Test func aFinalStarStarAfterAnEscapedBackslashIsOpenEnded() throws {
        let glob = try Glob("a/\\\\**")
        #expect(glob.matches("a/\\x/y/z.md"))
        #expect(try !Glob("a/\\*x").matches("a/yx"))
    }

    @Test func pathChecksWorkOnBytes() {
        #expect(!PathSegments.staysInside("../\u{301}x"))
        #expect(!PathSegments.staysInside("a/..\u{0}"))
        #expect(!PathSegments.staysInside("/etc/passwd"))
        #expect(PathSegments.staysInside("requests/..x/é.md"))
        // `..` followed by a combining mark is a folder's name, not the parent.
        #expect(PathSegments.staysInside("requests/..\u{301}/x"))
    }
}
