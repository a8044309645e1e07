import Testing

@testable import FreqKit

@Suite("registry diff")
struct RegistryDiffTests {
    static let config: RegistryConfig = {
        let yaml = """
            requests: "requests/*.md"
            status:
              categories:
                open: [new, triaged]
                actioned: [planned, shipped]
                declined: [declined]
              transitions:
                new: [triaged, declined]
                triaged: [planned]
            """
        do {
            return try RegistryConfig.parse(yaml, displayPath: "registry.yml", schemaBase: "")
        } catch {
            preconditionFailure("the test configuration parses: \(error)")
        }
    }()

    static func requests(_ files: [String: String]) throws -> [Request] {
        let list = files.sorted { $0.key < $1.key }.map { RequestFile(path: $0.key, content: .bytes(Array($0.value.utf8))) }
        return RegistrySnapshot(files: list, config: config).requests
    }

    @Test(arguments: [
        (["a", "b", "c"], ["a", "c"], ["=a", "-b", "=c"]),
        (["a", "b"], ["a", "x", "b"], ["=a", "+x", "=b"]),
        (["x", "a"], ["a", "y"], ["-x", "=a", "+y"]),
        ([], ["n"], ["+n"]),
    ])
    func lineDiffKeepsTheLongestCommonLines(old: [String], new: [String], expected: [String]) {
        let shown = LineDiff.edits(from: old, to: new).map { edit -> String in
            switch edit {
            case .same(let line): return "=" + line
            case .removed(let line): return "-" + line
            case .added(let line): return "+" + line
            }
        }
        #expect(shown == expected)
    }

    @Test func crlfLinesSplitLikeLF() {
        #expect(LineDiff.lines("a\r\nb\r\n") == ["a", "b"])
        #expect(LineDiff.lines("a\n\nb") == ["a", "", "b"])
    }

    @Test func markdownValuesCannotBreakTheTableOrTheLink() throws {
        let base = try Self.requests([
            "requests/FR-1.md": "---\nid: FR-1\ntitle: A\nstatus: new\narea: \"x | y\"\n---\nbody\n"
        ])
        let head = try Self.requests([
            "requests/FR-1.md": """
                ---
                id: FR-1
                title: "A | *bold* `code`"
                status: new
                area: "**z** | w"
                requested_by:
                  - customer: "Evil | Corp"
                    ticket: "https://x.example/a)b"
                ---
                body

                """
        ])
        let diff = RegistryDiff.compare(base: base, head: head, headPaths: ["requests/FR-1.md"], config: Self.config)
        let markdown = RegistryDiffRenderer.markdown(diff)
        #expect(markdown.contains("| area | x \\| y | \\*\\*z\\*\\* \\| w |"))
        #expect(markdown.contains("### FR-1 · A \\| \\*bold\\* \\`code\\` (modified)"))
        // A ticket that would end the link early is shown as text, escaped.
        #expect(markdown.contains("Evil \\| Corp (ticket: https://x.example/a)b)"))
        #expect(!markdown.contains("[ticket](https://x.example/a)b)"))
    }

    @Test func statusVerdictFollowsTheTransitionsTable() {
        #expect(RegistryDiff.statusChange(from: "new", to: "triaged", config: Self.config).allowed == true)
        #expect(RegistryDiff.statusChange(from: "new", to: "planned", config: Self.config).allowed == false)
        // A status that is not a source in the table is final.
        let final = RegistryDiff.statusChange(from: "shipped", to: "new", config: Self.config)
        #expect(final.allowed == false && final.allowedTargets.isEmpty)
        #expect(RegistryDiff.statusChange(from: "new", to: "new", config: Self.config).allowed == nil)
    }

    @Test func reformattingWithoutChangeIsNoChange() throws {
        let base = try Self.requests(["requests/FR-1.md": "---\nid: FR-1\ntitle: A\nstatus: new\n---\nbody\n"])
        let head = try Self.requests(["requests/FR-1.md": "---\nstatus: \"new\"\nid: FR-1\ntitle: 'A'\n---\nbody\n"])
        let diff = RegistryDiff.compare(base: base, head: head, headPaths: ["requests/FR-1.md"], config: Self.config)
        #expect(diff.changes.isEmpty)
        #expect(RegistryDiffRenderer.text(diff) == "no request changed\n")
    }

    @Test func fencesOutgrowBackticksInTheBody() throws {
        let base = try Self.requests(["requests/FR-1.md": "---\nid: FR-1\ntitle: A\nstatus: new\n---\nold\n"])
        let head = try Self.requests(["requests/FR-1.md": "---\nid: FR-1\ntitle: A\nstatus: new\n---\n````\n"])
        let markdown = RegistryDiffRenderer.markdown(
            RegistryDiff.compare(base: base, head: head, headPaths: ["requests/FR-1.md"], config: Self.config))
        #expect(markdown.contains("`````diff\n- old\n+ ````\n`````\n"))
    }
}
