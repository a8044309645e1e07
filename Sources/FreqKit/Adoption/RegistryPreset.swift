/// A ready-made registry that `freq init` writes: where requests live, their schema, the
/// template support copies, and the words CONTRIBUTING.md and the pull-request template
/// say about them.
public enum RegistryPreset: String, Sendable, CaseIterable {
    /// Customer feature requests, like freq's own registry: `requests/FR-0001-*.md`.
    case features
    /// Improvement proposals in the style of Ethereum's EIPs: `EIPS/eip-1.md`.
    case eip
    /// Architecture decision records: `docs/adr/0001-*.md`.
    case adr

    /// One line for `freq init --help`.
    public var summary: String {
        switch self {
        case .features: return "feature requests: requests/FR-0001-*.md, new → triaged → planned..."
        case .eip: return "proposals: EIPS/eip-1.md, Draft → Review → Last Call → Final..."
        case .adr: return "decision records: docs/adr/0001-*.md, proposed → accepted..."
        }
    }

    /// The texts of this preset.
    public var files: PresetFiles {
        switch self {
        case .features: return FeaturesPreset.files
        case .eip: return EIPPreset.files
        case .adr: return ADRPreset.files
        }
    }
}

/// What a preset writes besides the workflows: each text as written to its file.
public struct PresetFiles: Sendable {
    /// `schema/registry.yml`.
    public var registry: String
    /// `schema/request.schema.json`.
    public var schema: String
    /// `schema/template.md`.
    public var template: String
    /// The section added to CONTRIBUTING.md, starting with its heading.
    public var contributing: String
    /// `.github/pull_request_template.md`.
    public var pullRequestTemplate: String
    /// What one request is called in the messages of `freq init` ("request", "EIP", "ADR").
    public var noun: String
    /// What `freq init` says to do next, for support and for product.
    public var nextSteps: String
}
