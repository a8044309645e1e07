/// A text that does not match the schema's `pattern`.
struct SchemaPatternRule: SchemaKeywordRule {
    static let id = "schema-pattern"
    static let summary = "a text does not match the schema's pattern"
    static let defaultSeverity = Severity.error
    static let example = "a tag with capitals, `Export`"
    static let keywords: Set<String> = ["pattern"]
}
