/// A tag outside the YAML 1.2 core schema, or one that does not fit its value: the composer
/// reports it.
struct YAMLTagRule: ReadingRule {
    static let id = "yaml-tag"
    static let summary = "the front matter uses a YAML tag freq does not accept"
    static let defaultSeverity = Severity.error
    static let example = "`arr: !!binary AAAA`"
}
