import Foundation

/// What `freq init` writes into a repository, planned in memory: the registry (its
/// configuration, schema and template), the catalogue, the workflows, the pull-request
/// template and a CONTRIBUTING.md section. The command checks every path, then writes.
public struct RegistryStarter: Sendable {
    /// One file to write.
    public struct File: Sendable, Hashable {
        /// The path from the repository root.
        public var path: String
        /// The whole new content of the file.
        public var bytes: [UInt8]
        /// The content the file must still hold when it is written over (CONTRIBUTING.md,
        /// which gets a section at its end); nil for a new file.
        public var original: [UInt8]?
    }

    /// The marker that says a CONTRIBUTING.md already has freq's section (`init` refuses
    /// to add it twice).
    public static let contributingMarker = "<!-- freq init: requests section -->"

    /// Where CONTRIBUTING.md may be: GitHub reads any of these (the first existing one
    /// gets the section; a new one goes to the root).
    public static let contributingPaths = ["CONTRIBUTING.md", ".github/CONTRIBUTING.md", "docs/CONTRIBUTING.md"]

    public let preset: RegistryPreset
    /// Every file, in the order they are written (CONTRIBUTING.md last: the only one that
    /// may exist already).
    public let files: [File]
    /// The catalogue's path, e.g. `requests/README.md`.
    public let cataloguePath: String
    /// The folder requests go in, e.g. `requests/`.
    public let requestsFolder: String
    /// The configuration the registry's `schema/registry.yml` holds.
    public let config: RegistryConfig

    /// Plans the files. `contributing` is the existing CONTRIBUTING.md (its path and bytes),
    /// nil when there is none; `branch` is the branch the catalogue job follows.
    public init(
        preset: RegistryPreset, source: StarterWorkflows.Source, branch: String, contributing: (path: String, bytes: [UInt8])?
    ) throws(ConfigError) {
        let texts = preset.files
        let config = try RegistryConfig.parse(texts.registry, displayPath: "schema/registry.yml", schemaBase: "schema/")
        let catalogue = try CatalogueRenderer.path(for: config)
        let folder = String(catalogue.dropLast(CatalogueRenderer.fileName.count))
        self.preset = preset
        self.config = config
        cataloguePath = catalogue
        requestsFolder = folder
        var files: [File] = [
            File(path: "schema/registry.yml", bytes: Array(texts.registry.utf8)),
            File(path: "schema/request.schema.json", bytes: Array(texts.schema.utf8)),
            File(path: "schema/template.md", bytes: Array(texts.template.utf8)),
            // Exactly what `freq index` writes for no requests, so `freq index --check` passes.
            File(path: catalogue, bytes: Array(CatalogueRenderer.markdown([], config: config, folder: folder).utf8)),
            File(path: ".github/workflows/freq.yml", bytes: Array(StarterWorkflows.pullRequest(source: source).utf8)),
            File(
                path: ".github/workflows/catalogue.yml",
                bytes: Array(StarterWorkflows.catalogue(
                    source: source, branch: branch, catalogue: catalogue, watched: [folder + "**", "schema/**"]).utf8)),
            File(path: ".github/pull_request_template.md", bytes: Array(texts.pullRequestTemplate.utf8)),
        ]
        // Support files feature requests from the web page: the issue form `freq form`
        // keeps in step with the schema (the preset's schema always parses).
        if preset == .features, let document = try? JSONParser.parse(Array(texts.schema.utf8)),
            let schema = try? JSONSchema(document: document)
        {
            files.append(File(path: IssueForm.path, bytes: Array(IssueForm.render(config: config, schema: schema).utf8)))
            files.append(File(path: StarterWorkflows.issueToRequestPath, bytes: Array(StarterWorkflows.issueToRequest(source: source).utf8)))
        }
        let section = Self.contributingMarker + "\n\n" + texts.contributing
        if let (path, existing) = contributing {
            // Appended after one blank line, whatever the file ended with, in its line endings.
            var text = String(decoding: existing, as: UTF8.self)
            while let last = text.last, last.isNewline { text.removeLast() }
            let newline = text.contains("\r\n") ? "\r\n" : "\n"
            let added = newline == "\n" ? section : section.replacingOccurrences(of: "\n", with: newline)
            let joined = text.isEmpty ? added : text + newline + newline + added
            files.append(File(path: path, bytes: Array(joined.utf8), original: existing))
        } else {
            files.append(File(path: Self.contributingPaths[0], bytes: Array(("# Contributing\n\n" + section).utf8)))
        }
        self.files = files
    }

    /// Whether an existing CONTRIBUTING.md already has freq's section.
    public static func hasSection(_ contributing: [UInt8]) -> Bool {
        String(decoding: contributing, as: UTF8.self).contains(contributingMarker)
    }
}
