import Foundation
import FreqKit
import FreqTestSupport
import Testing

@testable import FreqSite

@Suite struct SitePagesTests {
    @Test func buildsEveryPageAndNamesTheRevisionOnEach() throws {
        let pages = try SiteFixture.standard().build()
        for path in ["index.html", "dashboard.html", "changelog.html", "customers/index.html", "requests/FR-0001.html",
            "requests/FR-0004.html", "customers/acme.html", "customers/globex.html", "customers/emile-sohne.html",
            "board/area-billing.html", "board/segment-smb.html", "board/category-declined.html", "assets/site.css", "assets/site.js"]
        {
            #expect(pages[path] != nil, "missing \(path)")
        }
        for (path, html) in pages where path.hasSuffix(".html") {
            #expect(html.contains("Built from revision <code title=\"\(String(repeating: "a", count: 40))\">aaaaaaa</code> of 2026-03-11 00:00 UTC"), "\(path)")
        }
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let fixture = try SiteFixture.standard()
        #expect(Site.build(try fixture.input()) == Site.build(try fixture.input()))
    }

    @Test func boardListsRequestsByStatusInWorkflowOrderWithCounts() throws {
        let board = try #require(try SiteFixture.standard().build()["index.html"])
        let order = ["status-new", "status-triaged", "status-planned", "status-shipped", "status-declined", "status-duplicate"]
        let positions = order.map { board.range(of: "id=\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(board.contains("<h2>shipped <span class=\"count\">1</span>"))
        #expect(board.contains("<h2>planned <span class=\"count\">0</span>"))
        // A card: id, title, area, customers, ARR and age (days since received at the revision).
        #expect(board.contains("<b>FR-0001</b> Export invoices</a><span class=\"meta\"><span class=\"area\">billing</span><span>2 customers</span><span>ARR 55,000</span><span title=\"days since it was filed\">69 days old</span>"))
        #expect(board.contains("data-customers=\"Acme Corp\tGlobex\""))
        // Another spelling carries the customer's name too: the filter finds it by either.
        #expect(board.contains("data-customers=\"Acme Corp.\tAcme Corp\""))
        // Filters without JavaScript: links to a page per area, category and segment.
        #expect(board.contains("<a href=\"board/area-search.html\">search (2)</a>"))
        #expect(board.contains("<a href=\"board/segment-smb.html\">smb (2)</a>"))
        #expect(board.contains("<form class=\"filters\" id=\"filters\" method=\"get\" hidden>"))
    }

    @Test func facetPagesListOnlyTheirRequests() throws {
        let pages = try SiteFixture.standard().build()
        let search = try #require(pages["board/area-search.html"])
        #expect(search.contains("FR-0002") && search.contains("FR-0004"))
        #expect(!search.contains("<b>FR-0001</b>"))
        #expect(search.contains("href=\"../requests/FR-0002.html\""))
    }

    @Test func requestPageHasFieldsCustomersTimelineAndDuplicatesBothWays() throws {
        var fixture = try SiteFixture.standard()
        fixture.configText += "site:\n  title: Acme requests\n  file_url: \"https://git.example.com/r/blob/{rev}/{path}\"\n"
        let pages = try fixture.build()
        let page = try #require(pages["requests/FR-0001.html"])
        #expect(page.contains("<title>FR-0001 Export invoices · Acme requests</title>"))
        #expect(page.contains("<a href=\"../customers/acme.html\">Acme Corp</a></td><td>enterprise</td><td class=\"number\">50,000</td><td><a href=\"https://help.example.com/1\">https://help.example.com/1</a></td><td>2026-01-01</td>"))
        #expect(page.contains("<time datetime=\"2026-01-01T00:00:00Z\">2026-01-01</time> Received as <b>new</b> <span class=\"who\">by Ada Support</span> <q class=\"why\">Add FR-0001</q>"))
        #expect(page.contains("2026-02-10</time> planned → <b>shipped</b> <span class=\"who\">by Pat Product</span> <q class=\"why\">FR-0001: shipped</q>"))
        #expect(page.contains("Duplicates of this request: <a href=\"FR-0003.html\">FR-0003</a>."))
        #expect(try #require(pages["requests/FR-0003.html"]).contains("Duplicate of <a href=\"FR-0001.html\">FR-0001</a>."))
        #expect(page.contains("<a href=\"https://git.example.com/r/blob/\(String(repeating: "a", count: 40))/requests/FR-0001-request.md\">"))
        #expect(page.contains("<dt>title</dt><dd>Export invoices</dd>"))
        let declined = try #require(pages["requests/FR-0002.html"])
        #expect(declined.contains("new → <b>declined</b> — <span class=\"reason\">Not in our plans this year</span> <span class=\"who\">by Pat Product</span>"))
        #expect(declined.contains("<span class=\"badge declined\">declined</span> declined — <span class=\"reason\">Not in our plans this year</span>"))
    }

    @Test func bodyLinksToOtherFilesGoToTheGitHost() throws {
        var fixture = try SiteFixture.standard()
        fixture.configText += "site:\n  file_url: \"https://git.example.com/r/blob/{rev}/{path}\"\n"
        try fixture.add("FR-0005", title: "Links", status: "new", received: SiteFixture.march,
            body: "See [the design](../docs/design%20notes.md#goals), [FR-0001](FR-0001-request.md) and [out](../../x.md).\n")
        let page = try #require(try fixture.build()["requests/FR-0005.html"])
        #expect(page.contains("<a href=\"https://git.example.com/r/blob/\(String(repeating: "a", count: 40))/docs/design%20notes.md#goals\">the design</a>"))
        #expect(page.contains("<a href=\"FR-0001.html\">FR-0001</a>"))
        // Above the repository's root: left as written.
        #expect(page.contains("<a href=\"../../x.md\">out</a>"))
    }

    @Test func customerPagesMergeSpellingsAndSayWhatChangedSinceTheyAsked() throws {
        let pages = try SiteFixture.standard().build()
        let acme = try #require(pages["customers/acme.html"])
        #expect(acme.contains("<h1>Acme Corp</h1>"))
        #expect(acme.contains("Also written as: Acme Corp.</p>"))
        #expect(acme.contains("ARR 50,000 · 2 requests · 1 actioned"))
        // Asked 2026-01-01: every move of FR-0001 came after.
        #expect(acme.contains("2026-01-03</time> new → <b>triaged</b>"))
        #expect(acme.contains("<span class=\"reason\">Not in our plans this year</span>"))
        let index = try #require(pages["customers/index.html"])
        #expect(index.contains("<a href=\"acme.html\">Acme Corp</a></td><td class=\"number\">50,000</td><td class=\"number\">2</td><td class=\"number\">1</td><td class=\"number\">50.0%</td>"))
        // Their one ask is on a duplicate: no share, as the dashboard leaves duplicates out.
        #expect(index.contains("<a href=\"emile-sohne.html\">Émile Söhne GmbH</a></td><td class=\"number\">7,000</td><td class=\"number\">1</td><td class=\"number\">0</td><td class=\"number\">—</td>"))
    }

    @Test func changelogGroupsDecisionsByMonthWithTheCustomersToTell() throws {
        let changelog = try #require(try SiteFixture.standard().build()["changelog.html"])
        let february = try #require(changelog.range(of: "<h2>2026-02</h2>"))
        let january = try #require(changelog.range(of: "<h2>2026-01</h2>"))
        #expect(february.lowerBound < january.lowerBound)  // newest first
        #expect(changelog.contains("<h3>Shipped <span class=\"count\">1</span></h3>"))
        #expect(changelog.contains("FR-0001</a> <span class=\"title\">Export invoices</span> <span class=\"move\">planned → <b>shipped</b></span>"))
        #expect(changelog.contains("Tell: <a href=\"customers/acme.html\">Acme Corp</a> (<a href=\"https://help.example.com/1\">ticket</a>), <a href=\"customers/globex.html\">Globex</a>"))
        #expect(changelog.contains("<h3>Declined <span class=\"count\">1</span></h3>"))
        #expect(changelog.contains("new → <b>declined</b></span> — <span class=\"reason\">Not in our plans this year</span>"))
        #expect(changelog.contains("<h3>Decided to build <span class=\"count\">1</span></h3>"))
    }

    @Test func dashboardMarksTheMonthInProgressAndGivesTheNumbers() throws {
        let dashboard = try #require(try SiteFixture.standard().build()["dashboard.html"])
        // Counted: FR-0001 (actioned), FR-0002 (declined), FR-0004 (open); FR-0003 excluded.
        #expect(dashboard.contains("<span class=\"figure\">33.3%</span><span class=\"label\">actioned</span><span class=\"detail\">of 3 requests counted</span>"))
        // January 1 of 2 actioned, February none counted, March (in progress) 0 of 1;
        // trailing three months to March: 1 of 3.
        // January's asks: FR-0001's two (actioned), FR-0002's one; ARR 55,000 of 105,000.
        #expect(dashboard.contains("<tr><td>2026-01</td><td class=\"number\">2</td><td class=\"number\">1</td><td class=\"number\">50.0%</td><td class=\"number\">50.0%</td><td class=\"number\">3</td><td class=\"number\">66.7%</td><td class=\"number\">52.4%</td></tr>"))
        #expect(dashboard.contains("<tr><td>2026-03 (in progress)</td><td class=\"number\">1</td><td class=\"number\">0</td><td class=\"number\">0.0%</td><td class=\"number\">33.3%</td><td class=\"number\">1</td><td class=\"number\">0.0%</td><td class=\"number\">0.0%</td></tr>"))
        #expect(dashboard.contains("fill=\"url(#actioned-rate-hatch)\""))
        // Demand: asks 2 (FR-0001) of 4, ARR 55,000 of 110,000 (FR-0003 excluded).
        #expect(dashboard.contains("<span class=\"figure\">50.0%</span><span class=\"label\">of customer asks actioned</span><span class=\"detail\">2 of 4 asks</span>"))
        #expect(dashboard.contains("<span class=\"figure\">50.0%</span><span class=\"label\">of the ARR asking actioned</span><span class=\"detail\">55,000 of 110,000</span>"))
        for chart in ["actioned-rate", "received", "durations", "by-area", "by-segment", "waiting"] {
            #expect(dashboard.contains("aria-labelledby=\"\(chart)-title \(chart)-desc\""), "\(chart)")
        }
    }
}

@Suite struct SiteSafetyTests {
    static let hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"

    static func hostileFixture() throws -> SiteFixture {
        var fixture = SiteFixture()
        try fixture.add(
            "FR-0001", title: hostile, status: "new", received: SiteFixture.january, area: hostile,
            customers: [SiteFixture.customer(hostile, segment: hostile, ticket: "javascript:alert(1)", date: hostile)],
            extra: ["notes": .string(hostile), "links": .array([.string(hostile)])],
            body: """
                # Heading <script>alert(2)</script>

                <div onmouseover="alert(3)">raw</div>
                <img src="x" onerror="alert(4)">

                [click](javascript:alert(5)) [also](JAVASCRIPT:alert(6)) ![pic](https://evil.example.com/p.png)
                <a href="javascript:alert(7)">a</a> <iframe src="https://evil.example.com"></iframe>
                """)
        return fixture
    }

    @Test func textFromARequestRendersInertEverywhere() throws {
        let pages = try Self.hostileFixture().build()
        var tags = 0
        for (path, html) in pages where path.hasSuffix(".html") {
            for tag in HTMLTags.startTags(html) {
                tags += 1
                #expect(!["img", "iframe", "object", "embed", "style", "base"].contains(tag.name), "\(path): <\(tag.name)>")
                #expect(tag.name != "form" || path == "index.html", "\(path): a form")
                for (name, value) in tag.attributes {
                    #expect(!name.hasPrefix("on"), "\(path): <\(tag.name) \(name)=…>")
                    if name == "href" || name == "src" {
                        #expect(!value.lowercased().contains("javascript:"), "\(path): \(value)")
                    }
                }
                if tag.name == "script" {
                    #expect(tag.attributes.count == 1 && tag.attributes.first?.value.hasSuffix("assets/site.js") == true, "\(path)")
                }
            }
        }
        #expect(tags > 200)
        let board = try #require(pages["index.html"])
        #expect(board.contains("<b>FR-0001</b> &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;</a>"))
        let page = try #require(pages["requests/FR-0001.html"])
        #expect(page.contains("<!-- raw HTML omitted -->"))
        #expect(page.contains("<a href=\"https://evil.example.com/p.png\">pic</a>"))
    }

    @Test func nothingLoadsFromAnotherHost() throws {
        let pages = try Self.hostileFixture().build()
        for (path, html) in pages where path.hasSuffix(".html") {
            for attribute in ["src=\"", "href=\""] {
                var rest = html[...]
                while let range = rest.range(of: attribute) {
                    let value = rest[range.upperBound...].prefix { $0 != "\"" }
                    let isLink = attribute == "href=\"" && !html[..<range.lowerBound].hasSuffix("<link ")
                    if !isLink { #expect(!value.contains("//"), "\(path): \(value)") }
                    rest = rest[range.upperBound...]
                }
            }
        }
        #expect(!pages.values.contains { $0.contains("@import") || $0.contains("url(http") })
    }

    @Test func everyLocalLinkResolves() throws {
        var fixture = try SiteFixture.standard()
        try fixture.add("FR-0005", title: "Link to another", status: "new", received: SiteFixture.march, body: "See [the first](FR-0001-request.md) and [a heading](#x).\n")
        let pages = try fixture.build()
        var checked = 0
        for (path, html) in pages where path.hasSuffix(".html") {
            let folder = path.split(separator: "/").dropLast().map(String.init)
            var rest = html[...]
            while let range = rest.range(of: " href=\"") ?? rest.range(of: " src=\"") {
                let value = String(rest[range.upperBound...].prefix { $0 != "\"" })
                rest = rest[range.upperBound...]
                guard !value.hasPrefix("http"), !value.hasPrefix("mailto:"), !value.hasPrefix("#") else { continue }
                let target = String(value.split(separator: "#", maxSplits: 1).first ?? "")
                var segments = folder
                for segment in target.split(separator: "/") {
                    if segment == ".." { segments.removeLast() } else { segments.append(String(segment)) }
                }
                #expect(pages[segments.joined(separator: "/")] != nil, "\(path) links to \(value)")
                checked += 1
            }
        }
        #expect(checked > 100)
        #expect(try #require(pages["requests/FR-0005.html"]).contains("<a href=\"FR-0001.html\">the first</a>"))
    }

    @Test func onlyWebAndMailAddressesBecomeLinks() {
        #expect(HTML.safeExternalURL("  https://help.example.com/1 ") == "https://help.example.com/1")
        #expect(HTML.safeExternalURL("HTTP://EXAMPLE.COM") == "HTTP://EXAMPLE.COM")
        #expect(HTML.safeExternalURL("mailto:ada@example.com") == "mailto:ada@example.com")
        for text in ["javascript:alert(1)", " JavaScript:alert(1)", "https://", "help/1", "https://a b", "https://a\u{7F}", "", "   ", "data:text/html,x"] {
            #expect(HTML.safeExternalURL(text) == nil, "\(text)")
        }
    }

    @Test func idsAndNamesBecomeSafeUniqueFileNames() {
        var names = FileNames()
        #expect(names.claim(FileNames.safe("FR-1")) == "FR-1")
        #expect(names.claim(FileNames.safe("fr-1")) == "fr-1-2")
        #expect(FileNames.safe("../etc/passwd") == "_.._2Fetc_2Fpasswd")
        #expect(FileNames.safe("") == "_")
        #expect(FileNames.slug("") == "customer")
        #expect(FileNames.slug("東京 ltd") == "u6771u4eac-ltd")
    }
}

/// Start tags as a browser reads them, for the safety tests: `<` and a letter opens a tag,
/// attributes are `name`, `name=value` or `name="value"`.
enum HTMLTags {
    struct Tag {
        let name: String
        let attributes: [(name: String, value: String)]
    }

    static func startTags(_ html: String) -> [Tag] {
        let bytes = Array(html.utf8)
        var tags: [Tag] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }
        while index < bytes.count - 1 {
            guard bytes[index] == UInt8(ascii: "<"), (bytes[index + 1] | 0x20) >= UInt8(ascii: "a"), (bytes[index + 1] | 0x20) <= UInt8(ascii: "z") else {
                index += 1
                continue
            }
            index += 1
            var name: [UInt8] = []
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
                name.append(bytes[index] | 0x20)
                index += 1
            }
            var attributes: [(String, String)] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1; continue }
                var attribute: [UInt8] = []
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
                    attribute.append(bytes[index] | 0x20)
                    index += 1
                }
                var value: [UInt8] = []
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        index += 1
                        while index < bytes.count, bytes[index] != quote { value.append(bytes[index]); index += 1 }
                        index += 1
                    } else {
                        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { value.append(bytes[index]); index += 1 }
                    }
                }
                if !attribute.isEmpty { attributes.append((String(decoding: attribute, as: UTF8.self), String(decoding: value, as: UTF8.self))) }
            }
            tags.append(Tag(name: String(decoding: name, as: UTF8.self), attributes: attributes))
        }
        return tags
    }
}
