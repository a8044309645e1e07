import Foundation
@testable import FreqKit
import Testing

@Suite("core utilities")
struct CoreUtilitiesTests {
    @Test func jsonWriterKeepsKeyOrderAndEscapes() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("b", "quote \" backslash \\ tab \t nl \n ctrl \u{01} ls \u{2028} é")
        writer.field("a", 1)
        writer.key("empty")
        writer.beginArray()
        writer.endArray()
        writer.key("n")
        writer.exactNumber(0.25864)
        writer.endObject()
        #expect(writer.text == """
            {
              "b": "quote \\" backslash \\\\ tab \\t nl \\n ctrl \\u0001 ls \\u2028 é",
              "a": 1,
              "empty": [],
              "n": 0.25864
            }
            """)
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: Any]
        #expect(parsed?["b"] as? String == "quote \" backslash \\ tab \t nl \n ctrl \u{01} ls \u{2028} é")
    }

    @Test func jsonWriterNumbersAreStable() {
        #expect(JSONWriter.formatted(40, places: 4) == "40.0")
        #expect(JSONWriter.formatted(0.1 + 0.2, places: 4) == "0.3")
        #expect(JSONWriter.formatted(-2.5, places: 1) == "-2.5")
        #expect(JSONWriter.formatted(0.00001, places: 4) == "0.0")
    }

    @Test(arguments: [
        (0, "1970-01-01T00:00:00Z"), (1_767_225_600, "2026-01-01T00:00:00Z"),
        (1_709_164_800 + 86_399, "2024-02-29T23:59:59Z"), (-1, "1969-12-31T23:59:59Z"),
    ] as [(Int64, String)])
    func utcTimeFormats(seconds: Int64, expected: String) {
        #expect(UTCTime.iso8601(seconds) == expected)
        #expect(UTCTime.day(seconds) == String(expected.prefix(10)))
        #expect(UTCTime.month(seconds) == String(expected.prefix(7)))
        #expect(UTCTime.parseDay(String(expected.prefix(10))) == seconds - ((seconds % 86_400) + 86_400) % 86_400)
    }

    @Test func utcTimeSurvivesExtremeClocks() {
        #expect(!UTCTime.iso8601(Int64.min).isEmpty)
        #expect(!UTCTime.iso8601(Int64.max).isEmpty)
    }

    @Test func byteOrderIsNotUnicodeOrder() {
        // "é" precomposed (C3 A9) sorts after "z" in bytes; so does "Z" < "a".
        #expect("z".precedesInByteOrder("é"))
        #expect("Z".precedesInByteOrder("a"))
        #expect("FR-1".precedesInByteOrder("FR-10"))
        #expect(!"FR-10".precedesInByteOrder("FR-10"))
        #expect("".precedesInByteOrder("a"))
    }

    @Test func titleSimilarityFindsRewordedDuplicates() {
        let existing = [
            (id: "FR-0001", title: "Export invoices as CSV"),
            (id: "FR-0002", title: "Single sign-on with Okta"),
        ]
        let found = TextSimilarity.similar(to: "CSV export of invoices", among: existing, threshold: 0.5)
        #expect(found.map(\.candidate.id) == ["FR-0001"])
        #expect(TextSimilarity.score("Dark mode", "dark MODE!") == 1)
        #expect(TextSimilarity.score("Dark mode", "Audit log retention") < 0.3)
    }

    @Test func suggestionsNeedToBeClose() {
        #expect(Suggestion.nearest(to: "Planed", among: ["new", "planned", "shipped"]) == "planned")
        #expect(Suggestion.nearest(to: "stauts", among: ["status", "title"]) == "status")
        #expect(Suggestion.nearest(to: "xyz", among: ["status", "title"]) == nil)
    }

    @Test func configurationDefaultsAndCategories() throws {
        let config = try RegistryConfig.parse("""
            requests: "EIPS/eip-*.md"
            id: {field: eip}
            status:
              categories:
                open: [Draft, Review]
                actioned: [Final]
                declined: [Withdrawn]
            similar_titles: 0.8

            """, displayPath: "r.yml", schemaBase: "")
        #expect(config.idField == "eip")
        #expect(config.statusField == "status")
        #expect(config.initialStatus == "Draft")
        #expect(config.category(of: "Final") == .actioned)
        #expect(config.category(of: "Stagnant") == .open)
        #expect(config.transitions == nil)
        #expect(config.similarTitles == 0.8)
        let error = #expect(throws: ConfigError.self) {
            try RegistryConfig.parse("requests: x\nsimilar_titles: 2\nstatus: {categories: {open: [a]}}\n", displayPath: "r.yml", schemaBase: "")
        }
        #expect(error?.location?.line == 2)
    }
}
