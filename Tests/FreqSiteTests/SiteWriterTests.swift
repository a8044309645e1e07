import Foundation
import FreqKit
import Testing

@testable import FreqSite

@Suite struct SiteWriterTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("freq-site-\(UUID().uuidString)").path

    func files(_ pages: [String: String]) -> [SiteFile] {
        pages.keys.sorted().map { SiteFile(path: $0, bytes: Array(pages[$0, default: ""].utf8)) }
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: folder + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func writesOnlyWhatChangedAndRemovesItsOwnStalePages() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var summary = try SiteWriter.write(files(["index.html": "a", "requests/FR-1.html": "one", "requests/FR-2.html": "two"]), into: folder)
        #expect(summary.written == 3 && summary.unchanged == 0)
        summary = try SiteWriter.write(files(["index.html": "b", "requests/FR-1.html": "one", "requests/FR-2.html": "two"]), into: folder)
        #expect(summary.written == 1 && summary.unchanged == 2)
        #expect(read("index.html") == "b")
        // FR-2 is gone from the registry: its page goes; a page the user edited stays.
        try "edited".write(toFile: folder + "/requests/FR-1.html", atomically: true, encoding: .utf8)
        summary = try SiteWriter.write(files(["index.html": "b"]), into: folder)
        #expect(summary.removed == 1)
        #expect(summary.keptChanged == ["requests/FR-1.html"])
        #expect(read("requests/FR-2.html") == nil)
        #expect(read("requests/FR-1.html") == "edited")
    }

    @Test func neverOverwritesAFileItDidNotWrite() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "mine".write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        #expect(throws: ToolFailure.self) { try SiteWriter.write(files(["index.html": "site", "dashboard.html": "d"]), into: folder) }
        #expect(read("index.html") == "mine")
        #expect(read("dashboard.html") == nil)  // nothing written at all
        let error = try #require(throws: ToolFailure.self) { try SiteWriter.write(files(["index.html": "site"]), into: folder) }
        #expect(error.message.contains("`index.html`, which freq did not write; nothing was written"))
    }

    @Test func refusesAFolderThatIsASymbolicLinkInsideTheOutput() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outside = folder + "-outside"
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/requests", withDestinationPath: outside)
        #expect(throws: ToolFailure.self) { try SiteWriter.write(files(["requests/FR-1.html": "x"]), into: folder) }
        #expect((try FileManager.default.contentsOfDirectory(atPath: outside)).isEmpty)
    }

    @Test func aManifestItDidNotWriteStopsTheBuild() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "index.html\n".write(toFile: folder + "/" + SiteWriter.manifestName, atomically: true, encoding: .utf8)
        #expect(throws: ToolFailure.self) { try SiteWriter.write(files(["index.html": "x"]), into: folder) }
        // A forged entry pointing outside is never used.
        #expect(!SiteWriter.isSafe("../etc/passwd") && !SiteWriter.isSafe("/etc/passwd") && SiteWriter.isSafe("a/b.html"))
    }
}

@Suite struct SiteSettingsTests {
    func parse(_ site: String) throws(ConfigError) -> RegistryConfig {
        try RegistryConfig.parse(RegistryFixtureConfig.text + site, displayPath: "schema/registry.yml", schemaBase: "schema/")
    }

    @Test func readsTheSiteBlock() throws {
        let config = try parse("site:\n  title: Acme\n  file_url: \"https://github.com/o/r/blob/{rev}/{path}\"\n  shipped: [planned]\n")
        #expect(config.site.title == "Acme")
        #expect(config.shippedStatuses == ["planned"])
        #expect(try parse("").shippedStatuses == ["shipped"])
    }

    @Test func refusesWhatCannotWork() {
        for (text, message) in [
            ("site:\n  file_url: \"javascript:alert(1)/{path}\"\n", "must be an http(s) address"),
            ("site:\n  file_url: \"https://example.com/\"\n", "with `{path}` in it"),
            ("site:\n  shipped: [shiped]\n", "did you mean `shipped`?"),
            ("site:\n  titel: x\n", "unknown setting `site.titel` (did you mean `title`?)"),
            ("site:\n  title: \"\"\n", "must not be empty"),
        ] {
            #expect(throws: ConfigError.self) { try parse(text) }
            do { _ = try parse(text) } catch { #expect(error.message.contains(message), "\(error.message)") }
        }
    }
}

enum RegistryFixtureConfig {
    static let text = """
        requests: "requests/*.md"
        status:
          initial: new
          categories:
            open: [new]
            actioned: [planned, shipped]
            declined: [declined]

        """
}
