/// A field the schema requires is missing.
struct SchemaRequiredRule: SchemaKeywordRule {
    static let id = "schema-required"
    static let summary = "a field the schema requires is missing"
    static let defaultSeverity = Severity.error
    static let example = "no `title:` line"
    static let keywords: Set<String> = ["required", "dependentRequired"]
}
