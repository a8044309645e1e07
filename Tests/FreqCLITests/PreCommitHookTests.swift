import Foundation
import FreqTestSupport
import Testing

/// The pre-commit hook (.pre-commit-hooks.yaml): the files it selects and what it runs.
@Suite("pre-commit hook")
struct PreCommitHookTests {
    /// The repository's root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func thePreCommitHookValidatesTheFilesItIsGiven() throws {
        let hooks = try String(contentsOf: Self.repository.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(hooks.contains("- id: freq-validate\n"))
        #expect(hooks.contains("  entry: freq validate\n"))
        #expect(hooks.contains("  pass_filenames: true\n"))
        let files = try #require(hooks.split(separator: "\n").first { $0.hasPrefix("  files: ") }).dropFirst("  files: ".count)
        let exclude = try #require(hooks.split(separator: "\n").first { $0.hasPrefix("  exclude: ") }).dropFirst("  exclude: ".count)
        // pre-commit matches the staged paths with these (Python) regular expressions.
        func selected(_ path: String) throws -> Bool {
            let include = try NSRegularExpression(pattern: String(files))
            let skip = try NSRegularExpression(pattern: String(exclude))
            let range = NSRange(path.startIndex..., in: path)
            return include.firstMatch(in: path, range: range) != nil && skip.firstMatch(in: path, range: range) == nil
        }
        #expect(try selected("requests/FR-0001-export.md"))
        #expect(try !selected("requests/README.md"))
        #expect(try !selected("docs/requests/FR-0001.md"))
        #expect(try !selected("requests/old/FR-0001.md"))

        // What the hook runs on a commit that stages one broken request: `freq validate FILE`.
        let scratch = try ScratchRepository()
        #expect(try FreqBinary.run(["init"], in: scratch.root).status == 0)
        try scratch.write("requests/FR-0001-a.md", "---\nid: FR-0001\ntitle: Export invoices\nstatus: newish\n---\n")
        let failing = try FreqBinary.run(["validate", "requests/FR-0001-a.md"], in: scratch.root)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("requests/FR-0001-a.md:4:9: error[status-enum]"))
    }
}
