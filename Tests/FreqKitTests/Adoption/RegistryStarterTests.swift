import Foundation
import FreqKit
import Testing

/// The files `freq init` plans, before any of them is written.
@Suite("registry starter")
struct RegistryStarterTests {
    let source = StarterWorkflows.Source(repository: "acme/freq", version: "1.2.3")

    @Test(arguments: RegistryPreset.allCases)
    func everyPresetPlansTheSameFilesAroundItsOwnFolder(preset: RegistryPreset) throws {
        let source = try #require(source)
        let starter = try RegistryStarter(preset: preset, source: source, branch: "main", contributing: nil)
        let expected = ["features": "requests/", "eip": "EIPS/", "adr": "docs/adr/"]
        #expect(starter.requestsFolder == expected[preset.rawValue])
        #expect(starter.files.map(\.path) == [
            "schema/registry.yml", "schema/request.schema.json", "schema/template.md", starter.requestsFolder + "README.md",
            ".github/workflows/freq.yml", ".github/workflows/catalogue.yml", ".github/pull_request_template.md",
        ] + (preset == .features ? [IssueForm.path, StarterWorkflows.issueToRequestPath] : []) + ["CONTRIBUTING.md"])
        #expect(starter.files.allSatisfy { $0.original == nil })
        // The schema is JSON, and declares the id and status fields the configuration names.
        let schema = try #require(starter.files.first { $0.path.hasSuffix(".json") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(schema.bytes)) as? [String: Any])
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(properties[starter.config.idField] != nil)
        #expect(properties[starter.config.statusField] != nil)
        // Every status of the workflow is one the schema allows.
        let allowed = try #require((properties[starter.config.statusField] as? [String: Any])?["enum"] as? [String])
        #expect(Set(allowed) == Set(starter.config.statuses))
        let contributing = String(decoding: try #require(starter.files.last).bytes, as: UTF8.self)
        #expect(contributing.hasPrefix("# Contributing\n\n" + RegistryStarter.contributingMarker + "\n\n## "))
    }

    @Test func theEIPPresetHasTheEIPStatuses() throws {
        let starter = try RegistryStarter(preset: .eip, source: try #require(source), branch: "main", contributing: nil)
        #expect(starter.config.idField == "eip")
        #expect(starter.config.statuses == ["Draft", "Review", "Last Call", "Stagnant", "Final", "Living", "Withdrawn"])
        #expect(starter.config.initialStatus == "Draft")
        #expect(starter.config.transitions?["Last Call"] == ["Review", "Final", "Stagnant", "Withdrawn"])
    }

    @Test func anExistingContributingKeepsItsTextAndGetsTheSectionAtItsEnd() throws {
        let existing = Array("# Ours\n\nText.\n\n\n".utf8)
        let starter = try RegistryStarter(
            preset: .adr, source: try #require(source), branch: "main", contributing: (".github/CONTRIBUTING.md", existing))
        let file = try #require(starter.files.last)
        #expect(file.path == ".github/CONTRIBUTING.md")
        #expect(file.original == existing)
        let text = String(decoding: file.bytes, as: UTF8.self)
        #expect(text.hasPrefix("# Ours\n\nText.\n\n" + RegistryStarter.contributingMarker + "\n\n## Architecture decision records\n"))
        #expect(RegistryStarter.hasSection(file.bytes))
        #expect(!RegistryStarter.hasSection(existing))
    }

    @Test(arguments: ["acme", "acme/", "/freq", "a/b/c", "acme/free q", "acme/fr$eq", "../x", "acme/..", "acme/freq\nx: y"])
    func anActionRepositoryThatCouldBreakTheYAMLIsRefused(repository: String) {
        #expect(StarterWorkflows.Source(repository: repository, version: "1.0.0") == nil)
    }

    @Test func theWorkflowsNameTheActionAndTheBranch() throws {
        let source = try #require(StarterWorkflows.Source(repository: "my-org/freq.tools", version: "0.3.0"))
        #expect(StarterWorkflows.Source(repository: "my-org/freq", version: "0.3.0; rm -rf /") == nil)
        let pullRequest = StarterWorkflows.pullRequest(source: source)
        #expect(pullRequest.contains("uses: my-org/freq.tools@v0.3.0\n"))
        #expect(pullRequest.contains("base: ${{ github.base_ref }}"))
        let catalogue = StarterWorkflows.catalogue(source: source, branch: "trunk", catalogue: "EIPS/README.md", watched: ["EIPS/**"])
        #expect(catalogue.contains("branches: [trunk]"))
        #expect(catalogue.contains("git pull --rebase origin trunk && git push origin HEAD:trunk"))
        #expect(FreqRelease.tarballName(version: "0.3.0", architecture: "x86_64") == "freq-0.3.0-linux-x86_64.tar.gz")
    }
}
