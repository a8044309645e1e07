import Foundation
import FreqTestSupport
import Testing

/// A schema split over several files of `schema/`, and the `formats:` setting, end to end.
@Suite("freq with a schema in several files")
struct SchemaFilesTests {
    /// The fixture registry with its customers' entry moved to `schema/customer.schema.json`.
    private func splitRegistry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/request.schema.json", """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "required": ["id", "title", "status"],
              "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "status": {"enum": ["new", "triaged", "planned", "shipped", "declined", "duplicate"]},
                "area": {"$ref": "customer.schema.json#area"},
                "requested_by": {"type": "array", "items": {"$ref": "customer.schema.json#/$defs/entry"}}
              }
            }
            """)
        try scratch.write("schema/customer.schema.json", """
            {
              "$defs": {
                "area": {"$anchor": "area", "enum": ["billing", "export"]},
                "entry": {
                  "type": "object",
                  "required": ["customer"],
                  "properties": {"customer": {"type": "string"}, "segment": {"enum": ["smb", "enterprise"]}}
                }
              }
            }
            """)
        return scratch
    }

    @Test func requestsAreCheckedAgainstEveryFileOfTheSchema() throws {
        let scratch = try splitRegistry()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request(
            "FR-0001", status: "new", extra: "area: billing\nrequested_by:\n  - customer: Acme\n    segment: smb\n"))
        let clean = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stderr == "")

        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request(
            "FR-0001", status: "new", extra: "area: billing\nrequested_by:\n  - customer: Acme\n    segment: smbb\n"))
        let broken = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("requests/FR-0001-a.md:8:14: error[schema-enum]"), "\(broken.stdout)")
        #expect(broken.stdout.contains("did you mean `smb`?"), "\(broken.stdout)")
        // Completion offers the choices the other file lists (`freq new --area <TAB>`).
        let line = ["freq", "new", "--area", ""]
        let areas = try FreqBinary.run(["---completion", "new", "--", "--area", "3", "0"] + line, in: scratch.root)
        #expect(areas.stdout.split(separator: "\n") == ["billing", "export"], "\(areas.stdout)\(areas.stderr)")
    }

    @Test func referenceOutsideTheSchemaFolderIsALocatedErrorNamingIt() throws {
        let scratch = try splitRegistry()
        try scratch.write("README.md", "{}")
        try scratch.write("schema/request.schema.json", "{\n  \"properties\": {\"a\": {\"$ref\": \"../README.md\"}}\n}\n")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(
            output.stderr
                == "freq: error: schema/request.schema.json:2:32: `$ref` `../README.md` points outside the schema folder `schema/` (freq reads only the files of the folder the schema is in; copy the schema there)\n",
            "\(output.stderr)")
        #expect(output.stdout == "")
    }

    @Test func networkReferenceIsRefusedWithoutFetching() throws {
        let scratch = try splitRegistry()
        try scratch.write("schema/request.schema.json", #"{"$ref": "https://example.com/request.json"}"#)
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix(
            "freq: error: schema/request.schema.json:1:10: `$ref` `https://example.com/request.json` is a network address, and freq never fetches schemas"),
            "\(output.stderr)")
    }

    @Test func problemsInAReferencedFileAreLocatedThere() throws {
        let scratch = try splitRegistry()
        try scratch.write("schema/customer.schema.json", "{\n  \"$defs\": {\n    \"area\": {\"$anchor\": \"area\", \"minLength\": -1}, \"entry\": {}\n  }\n}\n")
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        let output = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: schema/customer.schema.json:3:46: `minLength` must be a whole number"), "\(output.stderr)")

        try scratch.write("schema/customer.schema.json", "{\"$defs\": {\"area\": {\"$anchor\": \"area\", \"tpye\": \"string\"}, \"entry\": {}}}")
        let warned = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(warned.status == 0, "\(warned.stdout)\(warned.stderr)")
        #expect(warned.stderr.contains("schema/customer.schema.json:1:40: warning: unknown keyword `tpye` is ignored (did you mean `type`?)"), "\(warned.stderr)")
    }

    @Test func aPullRequestChangingAReferencedSchemaFileIsAConfigurationChange() throws {
        let scratch = try splitRegistry()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", extra: "area: billing\n"))
        try scratch.commit("split schema")
        try scratch.git(["checkout", "-q", "-b", "more-areas"])
        let customers = try String(contentsOf: scratch.root.appendingPathComponent("schema/customer.schema.json"), encoding: .utf8)
        try scratch.write("schema/customer.schema.json", customers.replacingOccurrences(of: "\"export\"]", with: "\"export\", \"search\"]"))
        try scratch.commit("add an area")
        let output = try FreqBinary.run(["check", "--base", "main", "--format", "json"], in: scratch.root)
        #expect(output.stdout.contains("\"rule\": \"config-changed\""), "\(output.stdout)\(output.stderr)")
    }

    @Test func formatsAssertByDefaultAndTheSettingTurnsThemOff() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request(
            "FR-0001", status: "new", extra: "created: 2026-02-30\nrequested_by:\n  - customer: Acme\n    ticket: not a uri\n"))
        let checked = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(checked.status == 1)
        #expect(checked.stdout.components(separatedBy: "\"rule\": \"schema-format\"").count - 1 == 2, "\(checked.stdout)")

        try scratch.write("schema/registry.yml", RegistryFixture.config + "formats: annotate\n")
        let described = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(described.status == 0, "\(described.stdout)")

        try scratch.write("schema/registry.yml", RegistryFixture.config + "formats: strict\n")
        let wrong = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("`formats` must be `assert`"), "\(wrong.stderr)")
    }
}
