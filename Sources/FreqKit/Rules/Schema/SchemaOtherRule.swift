/// Every other JSON Schema keyword: what the rules above do not list falls here.
struct SchemaOtherRule: SchemaKeywordRule {
    static let id = "schema"
    static let summary = "any other JSON Schema keyword that fails (const, oneOf, not, ...)"
    static let defaultSeverity = Severity.error
    static let example = "a value matching none of `anyOf`"
    static let keywords: Set<String> = []
}
