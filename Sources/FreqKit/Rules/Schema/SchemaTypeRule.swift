/// A value of the wrong type.
struct SchemaTypeRule: SchemaKeywordRule {
    static let id = "schema-type"
    static let summary = "a value has the wrong type"
    static let defaultSeverity = Severity.error
    static let example = "`severity: high` where a number is expected"
    static let keywords: Set<String> = ["type"]
}
