import FreqKit
import Testing

/// The catalogue `freq index` writes (its records come from the request query fixture).
@Suite("catalogue")
struct CatalogueRendererTests {
    @Test func groupsByCategoryInWorkflowOrderAndEscapesCells() {
        let records = [
            RequestQueryTests.record("FR-0002", "new", ["title": .string("A | b *c*")]),
            RequestQueryTests.record("FR-0001", "triaged", ["title": .string("Second")]),
            RequestQueryTests.record("FR-0003", "new", ["title": .string("First [x](y)")]),
        ]
        let text = CatalogueRenderer.markdown(records, config: RequestQueryTests.config, folder: "requests/")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| [") }
        #expect(rows.map { $0.prefix(11) } == ["| [FR-0002]", "| [FR-0003]", "| [FR-0001]"])
        #expect(rows[0].contains("| A \\| b \\*c\\* |"))
        #expect(rows[1].contains("First \\[x\\](y)"))
        #expect(text.contains("## Actioned (0)\n\nNone.\n"))
        #expect(text.contains("| triaged | open | 1 |"))
        // Same input, same bytes.
        #expect(CatalogueRenderer.markdown(records.reversed(), config: RequestQueryTests.config, folder: "requests/") == text)
    }

    @Test func linksAreRelativeAndEncoded() {
        #expect(CatalogueRenderer.markdown(
            [RequestQueryTests.record("FR-0001", "new", [:])].map { record in
                var copy = record
                copy.path = "requests/FR-0001 (draft) é.md"
                return copy
            }, config: RequestQueryTests.config, folder: "requests/"
        ).contains("[FR-0001](FR-0001%20%28draft%29%20%C3%A9.md)"))
    }

    @Test func catalogueIsInTheGlobsFolderAndMustBeExcluded() throws {
        #expect(try CatalogueRenderer.path(for: RequestQueryTests.config) == "requests/README.md")
        var unexcluded = RequestQueryTests.config
        unexcluded.exclude = []
        #expect(throws: ConfigError.self) { try CatalogueRenderer.path(for: unexcluded) }
        var folderless = RequestQueryTests.config
        folderless.requests = "FR-*/README.md"
        #expect(throws: ConfigError.self) { try CatalogueRenderer.path(for: folderless) }
        var narrow = RequestQueryTests.config
        narrow.requests = "requests/FR-*.md"
        narrow.exclude = []
        #expect(try CatalogueRenderer.path(for: narrow) == "requests/README.md")
    }
}
