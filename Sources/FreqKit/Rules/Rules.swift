/// Every rule, once. The order is the order of `freq rules` and of the README's table:
/// reading the file, the schema, the registry, then what a pull request may change.
public enum Rules {
    public static let all: [any Rule.Type] = [
        // Reading the file.
        EmptyFileRule.self, NotUTF8Rule.self, TooLargeRule.self, NoFrontMatterRule.self,
        UnclosedFrontMatterRule.self, YAMLSyntaxRule.self, YAMLAliasRule.self, YAMLTagRule.self,
        DuplicateKeyRule.self, TooDeepRule.self, NotAMappingRule.self, SymlinkRule.self, NotAFileRule.self,
        // The schema.
        UnknownKeyRule.self, SchemaRequiredRule.self, SchemaTypeRule.self, SchemaEnumRule.self,
        SchemaFormatRule.self, SchemaPatternRule.self, SchemaRangeRule.self, SchemaOtherRule.self,
        // The registry.
        IDMissingRule.self, IDPatternRule.self, FileNameRule.self, IDUniqueRule.self, StatusMissingRule.self,
        StatusEnumRule.self, DuplicateOfRule.self, TemplatePlaceholderRule.self,
        // A pull request, against its base (`freq check --base REV`).
        StatusTransitionRule.self, IDChangedRule.self, RequestDeletedRule.self, OneRequestPerFileRule.self,
        NewRequestStatusRule.self, ReasonMissingRule.self, ConfigChangedRule.self, SimilarTitleRule.self, IssueFormStaleRule.self,
    ]

    /// Every rule's id.
    public static let ids: Set<String> = Set(all.map { $0.id })

    // Each kind named, in `all`'s order, rather than found by casting every rule to every
    // kind: in a binary linking Foundation statically, each cast scans every conformance
    // (about 2 ms of every run's start). A test holds these lists to the casts.
    static let requestRules: [any RequestRule.Type] = [
        NotUTF8Rule.self, IDMissingRule.self, IDPatternRule.self, FileNameRule.self, StatusMissingRule.self, StatusEnumRule.self,
        DuplicateOfRule.self, TemplatePlaceholderRule.self,
    ]
    static let registryRules: [any RegistryRule.Type] = [IDUniqueRule.self, DuplicateOfRule.self]
    static let pullRequestRules: [any PullRequestRule.Type] = [
        StatusTransitionRule.self, IDChangedRule.self, RequestDeletedRule.self, OneRequestPerFileRule.self,
        NewRequestStatusRule.self, ReasonMissingRule.self, ConfigChangedRule.self, SimilarTitleRule.self,
        IssueFormStaleRule.self,
    ]
    /// The rules `freq check --base` adds to `validate`.
    public static let pullRequest: [any Rule.Type] = pullRequestRules.map { $0 }
    static let schemaRules: [any SchemaKeywordRule.Type] = [
        UnknownKeyRule.self, SchemaRequiredRule.self, SchemaTypeRule.self, SchemaEnumRule.self, SchemaFormatRule.self,
        SchemaPatternRule.self, SchemaRangeRule.self, SchemaOtherRule.self,
    ]

    private static let defaults: [String: Severity] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.defaultSeverity) })

    /// The severity findings of rule `id` get under `config`: its `rules:` override, or the
    /// rule's default.
    public static func severity(of id: String, in config: RegistryConfig) -> Severity {
        config.ruleSeverities[id] ?? defaults[id] ?? .error
    }

    /// `findings` with the severities of `config`; the ones turned `off` are dropped. The
    /// one place severities are decided.
    public static func resolve(_ findings: [Diagnostic], in config: RegistryConfig) -> [Diagnostic] {
        findings.compactMap { finding in
            var copy = finding
            copy.severity = severity(of: finding.rule, in: config)
            return copy.severity == .off ? nil : copy
        }
    }

    /// A `rules:` setting naming a rule that does not exist is a configuration error.
    static func checkOverrides(_ config: RegistryConfig) throws(ConfigError) {
        for (rule, _) in config.ruleSeverities where !ids.contains(rule) {
            let hint = Suggestion.nearest(to: rule, among: ids).map { " (did you mean `\($0)`?)" } ?? ""
            throw ConfigError(
                path: config.sourcePath, location: config.locations["rules"],
                message: "unknown rule `\(rule)`\(hint); `freq rules` lists them")
        }
    }

    /// The rule JSON Schema keyword `keyword` reports under.
    static func schemaRule(forKeyword keyword: String) -> any SchemaKeywordRule.Type {
        schemaRules.first { $0.keywords.contains(keyword) } ?? SchemaOtherRule.self
    }

    /// The table of `freq rules --format markdown`, which the README holds.
    public static var markdownTable: String {
        var output = "| rule | default | catches | example |\n|---|---|---|---|\n"
        for rule in all {
            output += "| `\(rule.id)` | \(rule.defaultSeverity.rawValue) | \(MarkdownText.escape(rule.summary)) | \(MarkdownText.escape(rule.example)) |\n"
        }
        return output
    }
}
