/// Anchors and aliases are refused before composing (an alias bomb costs nothing to write and
/// gigabytes to expand): the composer reports it.
struct YAMLAliasRule: ReadingRule {
    static let id = "yaml-alias"
    static let summary = "the front matter uses YAML anchors or aliases"
    static let defaultSeverity = Severity.error
    static let example = "`a: &x [1]` / `b: *x`"
}
