/// A value outside the schema's `enum`.
struct SchemaEnumRule: SchemaKeywordRule {
    static let id = "schema-enum"
    static let summary = "a value is not one of the allowed values"
    static let defaultSeverity = Severity.error
    static let example = "`area: biling` (did you mean `billing`?)"
    static let keywords: Set<String> = ["enum"]
}
