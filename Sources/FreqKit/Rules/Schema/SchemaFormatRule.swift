/// A value that does not have the schema's `format`.
struct SchemaFormatRule: SchemaKeywordRule {
    static let id = "schema-format"
    static let summary = "a value does not have the expected format (date, uri, email)"
    static let defaultSeverity = Severity.error
    static let example = "`created: 02/11/2026`"
    static let keywords: Set<String> = ["format"]
}
