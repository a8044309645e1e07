import Foundation
import FreqKit
import FreqTestSupport
import Testing

/// The GitHub issue form generated from the schema, and a submitted form read back.
@Suite("issue form")
struct IssueFormTests {
    static func fixture() throws -> (RegistryConfig, JSONSchema) {
        let config = try RegistryConfig.parse(RegistryFixture.config, displayPath: "schema/registry.yml", schemaBase: "schema/")
        let schema = try JSONSchema(document: try JSONParser.parse(Array(RegistryFixture.schema.utf8)))
        return (config, schema)
    }

    @Test func theFixtureSchemaGivesEnumDropdowns() throws {
        let (config, schema) = try Self.fixture()
        let fields = IssueForm.fields(config: config, schema: schema)
        #expect(fields.map(\.target) == [.title, .area, .severity, .customer, .segment, .arr, .ticket, .problem])
        let area = try #require(fields.first { $0.target == .area })
        #expect(area.kind == .dropdown(["billing", "export", "search"]))
        // The fixture requires neither the area nor the customers; it requires the title.
        #expect(!area.required)
        #expect(fields.first?.required == true)
        // No enum for the severity or the segment in the fixture: free text.
        #expect(fields.first { $0.target == .severity }?.kind == .input)
        #expect(fields.first { $0.target == .segment }?.kind == .input)

        let text = IssueForm.render(config: config, schema: schema)
        #expect(text == IssueForm.render(config: config, schema: schema), "the same inputs give the same bytes")
        #expect(text.contains("""
              - type: dropdown
                id: area
                attributes:
                  label: Area
                  description: The part of the product it concerns.
                  options:
                    - billing
                    - export
                    - search
                validations:
                  required: false

            """))
        // Valid YAML: the reader freq uses reads it as a mapping with the body list.
        let document = try #require(try? FrontMatterReader.read(Array(("---\n" + text + "---\n").utf8)).get())
        #expect(document.value["body"]?.arrayValue?.count == fields.count)
    }

    @Test func renamedFieldsAndAwkwardValuesAreEscaped() throws {
        var (config, _) = try Self.fixture()
        config.fields.area = "product area"
        let schema = try JSONSchema(document: try JSONParser.parse(Array("""
            {"type": "object", "required": ["product area"], "properties": {"title": {}, "product area": {"enum": ["yes", "a: b", "#1"]},
             "requested_by": {"type": "array", "items": {"properties": {"segment": {"enum": ["on", "smb"]}}}}}}
            """.utf8)))
        let text = IssueForm.render(config: config, schema: schema)
        #expect(text.contains("    id: product area\n"))
        #expect(text.contains("        - \"yes\"\n        - \"a: b\"\n        - \"#1\"\n"))
        #expect(text.contains("        - \"on\"\n        - smb\n"))
        // Severity is not declared: no field for it.
        #expect(!text.contains("label: Severity"))
        let document = try #require(try? FrontMatterReader.read(Array(("---\n" + text + "---\n").utf8)).get())
        let area = try #require(document.value["body"]?.arrayValue?[1])
        #expect(area["attributes"]?["options"] == .array([.string("yes"), .string("a: b"), .string("#1")]))
        #expect(area["validations"]?["required"] == .bool(true))
    }

    @Test func aSubmittedBodyIsReadByItsLabels() throws {
        let (config, schema) = try Self.fixture()
        let body = "### Title\r\n\r\nExport invoices\r\n\r\n### Area\r\n\r\nbilling\r\n\r\n### Segment\r\n\r\n_No response_\r\n\r\n"
            + "### Problem, in the customer's words\r\n\r\nThey export by hand.\r\n\r\n### Their own heading\r\nmore\r\n"
        let answers = try IssueForm.read(body, config: config, schema: schema)
        #expect(answers.values[.title] == "Export invoices")
        #expect(answers.values[.area] == "billing")
        #expect(answers.values[.segment] == nil, "_No response_ is no answer")
        #expect(answers.values[.problem] == "They export by hand.\n\n### Their own heading\nmore")
        #expect(answers.label(.area) == "Area")
        #expect(throws: ToolFailure.self) { try IssueForm.read("# Hello\n\nnot a form\n", config: config, schema: schema) }
    }
}

/// The workflow that turns a form's issue into a pull request.
@Suite("issue to request workflow")
struct IssueToRequestWorkflowTests {
    @Test func theIssueTextReachesTheShellOnlyThroughTheEnvironment() throws {
        let source = try #require(StarterWorkflows.Source(repository: "acme/freq", version: "1.2.3"))
        let text = StarterWorkflows.issueToRequest(source: source)
        #expect(text.contains("    if: ${{ contains(github.event.issue.labels.*.name, '\(IssueForm.label)') }}\n"))
        #expect(text.contains("uses: acme/freq@v1.2.3\n"))
        #expect(text.contains("freq new --from-issue-form \"$RUNNER_TEMP/issue.md\" --submitted-by \"$ISSUE_AUTHOR\" --yes\n"))
        // The body and title are expanded in `env:` only, never inside a `run:` script.
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.contains("github.event.issue.body") } == ["          ISSUE_BODY: ${{ github.event.issue.body }}"])
        #expect(!text.contains("github.event.issue.title"))
        let starter = try RegistryStarter(preset: .features, source: source, branch: "main", contributing: nil)
        #expect(starter.files.first { $0.path == StarterWorkflows.issueToRequestPath }?.bytes == Array(text.utf8))
        let adr = try RegistryStarter(preset: .adr, source: source, branch: "main", contributing: nil)
        #expect(!adr.files.contains { $0.path == IssueForm.path || $0.path == StarterWorkflows.issueToRequestPath })
    }
}
