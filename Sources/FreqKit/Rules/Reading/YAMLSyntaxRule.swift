/// YAML that does not parse: the composition step reports it, located at Yams's mark.
struct YAMLSyntaxRule: ReadingRule {
    static let id = "yaml-syntax"
    static let summary = "the front matter is not valid YAML"
    static let defaultSeverity = Severity.error
    static let example = "`title: Export: CSV` (an unquoted second colon)"
}
