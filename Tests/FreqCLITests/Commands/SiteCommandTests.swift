import Foundation
import FreqTestSupport
import Testing

/// `freq site` end to end: a scratch registry with history, built into a folder as a user
/// would, rebuilt, and refused where it would lose someone's file.
@Suite("freq site")
struct SiteCommandTests {
    func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write(
            "requests/FR-0001-export.md",
            RegistryFixture.request(
                "FR-0001", status: "new", title: "Export invoices",
                extra: "area: billing\nrequested_by:\n  - customer: Acme Corp\n    arr: 1000\n"))
        try scratch.write("requests/FR-0002-broken.md", "# no front matter\n")
        try scratch.write("requests/FR-0003-search.md", RegistryFixture.request("FR-0003", status: "new", title: "Search", extra: "area: search\n"))
        try scratch.commit("Add FR-0001")
        try scratch.remove("requests/FR-0003-search.md")
        try scratch.write(
            "requests/FR-0001-export.md",
            RegistryFixture.request(
                "FR-0001", status: "planned", title: "Export invoices",
                extra: "area: billing\nrequested_by:\n  - customer: Acme Corp\n    arr: 1000\n"))
        try scratch.commit("Plan FR-0001: export is next", author: "Pat Product")
        return scratch
    }

    func read(_ scratch: ScratchRepository, _ path: String) -> String? {
        FileManager.default.contents(atPath: scratch.path + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func buildsTheSiteOfHeadAndRebuildsOnlyWhatChanged() throws {
        let scratch = try registry()
        var result = try FreqBinary.run(["site", "out"], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("wrote "))
        #expect(result.stdout.contains("open out/index.html"))
        #expect(result.stderr.contains("`requests/FR-0002-broken.md` cannot be read as a request; left out of the site"))
        let page = try #require(read(scratch, "out/requests/FR-0001.html"))
        #expect(page.contains("initial → <b>planned</b>") == false)
        #expect(page.contains("new → <b>planned</b> <span class=\"who\">by Pat Product</span> <q class=\"why\">Plan FR-0001: export is next</q>"))
        #expect(read(scratch, "out/customers/acme.html")?.contains("<h1>Acme Corp</h1>") == true)
        // A request removed since counts where it was received, with its last front matter.
        #expect(read(scratch, "out/requests/FR-0003.html") == nil)
        #expect(read(scratch, "out/dashboard.html")?.contains("<tr><td>search</td><td class=\"number\">1</td>") == true)
        let first = try #require(read(scratch, "out/index.html"))

        result = try FreqBinary.run(["site", "out"], in: scratch.root)
        #expect(result.stdout.hasPrefix("wrote 0 of "), "\(result.stdout)")
        #expect(read(scratch, "out/index.html") == first)

        // An older revision: the request was still new, and its page says so.
        result = try FreqBinary.run(["site", "old", "--rev", "HEAD~1"], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(read(scratch, "old/requests/FR-0001.html")?.contains("<span class=\"badge open\">new</span>") == true)
    }

    @Test func theSameRevisionGivesTheSameBytesWhateverTheCache() throws {
        let scratch = try registry()
        #expect(try FreqBinary.run(["site", "a"], in: scratch.root).status == 0)
        // A new commit elsewhere, then the site of the old revision, without the cache.
        try scratch.write("notes.txt", "unrelated\n")
        let old = try scratch.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try scratch.commit("Unrelated")
        #expect(try FreqBinary.run(["site", "b", "--rev", old, "--no-cache"], in: scratch.root).status == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: scratch.path + "/a").sorted()
        #expect(files.count > 10)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: scratch.path + "/b").sorted() == files)
        for file in files {
            #expect(FileManager.default.contents(atPath: scratch.path + "/a/" + file) == FileManager.default.contents(atPath: scratch.path + "/b/" + file), "\(file)")
        }
    }

    @Test func refusesToWriteOverAFolderItDidNotWrite() throws {
        let scratch = try registry()
        try scratch.write("docs/index.html", "<p>our own page</p>\n")
        let result = try FreqBinary.run(["site", "docs"], in: scratch.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("freq: error: `docs` already holds `index.html`, which freq did not write; nothing was written"))
        #expect(read(scratch, "docs/index.html") == "<p>our own page</p>\n")
        #expect(read(scratch, "docs/dashboard.html") == nil)
    }

    @Test func neverWritesAmongTheRequests() throws {
        let scratch = try registry()
        for (folder, message) in [
            ("", "(OUT_DIR) is empty"), (".", "holds the repository's requests"), ("requests", "holds the repository's requests"),
        ] {
            let result = try FreqBinary.run(["site", folder], in: scratch.root)
            #expect(result.status != 0, "\(folder)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/index.html"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/requests/FR-0001.html"))
        try scratch.write("afile", "x\n")
        let result = try FreqBinary.run(["site", "afile/sub"], in: scratch.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot create the folder `afile/sub`: "))
    }

    @Test func anEmptyRepositoryIsAClearError() throws {
        let scratch = try ScratchRepository()
        try scratch.write("schema/registry.yml", RegistryFixture.config)
        try scratch.write("schema/request.schema.json", RegistryFixture.schema)
        let result = try FreqBinary.run(["site", "out"], in: scratch.root)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("freq: error: "))
        #expect(read(scratch, "out/index.html") == nil)
    }
}
