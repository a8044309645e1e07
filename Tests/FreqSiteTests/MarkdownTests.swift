import Foundation
import FreqMarkdown
import Synchronization
import Testing

@Suite struct GitHubMarkdownTests {
    @Test func rendersGitHubExtensions() {
        let html = GitHubMarkdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ www.example.com\n\n- [x] done\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">"))
        #expect(html.contains("type=\"checkbox\""))
    }

    /// cmark-gfm sets and clears the extensions' special characters in one global table
    /// per parse; the site renders pages on every core. Without taking turns, some of these
    /// lost their strikethrough or autolink (seen in a full test run).
    @Test func parsesOnManyThreadsAtOnceAsOnOne() {
        let results = Mutex([String](repeating: "", count: 400))
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            let html = GitHubMarkdown.html("~~gone \(index)~~ www.example.com/\(index)\n")
            results.withLock { $0[index] = html }
        }
        for (index, html) in results.withLock({ $0 }).enumerated() {
            #expect(html.contains("<del>gone \(index)</del>"), "\(index): \(html)")
            #expect(html.contains("<a href=\"http://www.example.com/\(index)\">"), "\(index): \(html)")
        }
    }

    @Test func neverPassesRawHTMLOrScriptLinks() {
        let html = GitHubMarkdown.html("""
            <script>alert(1)</script>

            <img src=x onerror=alert(2)> and <b onmouseover="x()">bold</b>

            [click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.com)
            """)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onmouseover"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:text"))
        #expect(html.contains("<a href=\"https://example.com\">ok</a>"))
    }

    @Test func imagesBecomeLinksSoNothingLoadsFromAnotherHost() {
        let html = GitHubMarkdown.html("![diagram](https://cdn.example.com/d.png \"A diagram\")")
        #expect(!html.contains("<img"))
        #expect(html.contains("<a href=\"https://cdn.example.com/d.png\" title=\"A diagram\">diagram</a>"))
    }

    @Test func rewritesLinksItIsAskedTo() {
        let html = GitHubMarkdown.html("See [the other](FR-0002-other.md) and [docs](https://example.com).") { url in
            url == "FR-0002-other.md" ? "FR-0002.html" : nil
        }
        #expect(html.contains("<a href=\"FR-0002.html\">the other</a>"))
        #expect(html.contains("<a href=\"https://example.com\">docs</a>"))
    }

    @Test func headingsGoDownUnderThePagesOwn() {
        #expect(GitHubMarkdown.html("# Title\n\n#### Deep\n", headingOffset: 2) == "<h3>Title</h3>\n<h6>Deep</h6>\n")
        #expect(GitHubMarkdown.html("# Title\n") == "<h1>Title</h1>\n")
    }

    @Test func invalidUTF8AndEmptyInputAreHarmless() {
        #expect(GitHubMarkdown.html("") == "")
        #expect(GitHubMarkdown.html("caf\u{FFFD}").contains("caf"))
    }
}
