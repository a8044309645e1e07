/// A number, a length or a count outside the schema's bounds.
struct SchemaRangeRule: SchemaKeywordRule {
    static let id = "schema-range"
    static let summary = "a number or a length is out of the allowed range"
    static let defaultSeverity = Severity.error
    static let example = "`severity: 7` where the maximum is 4"
    static let keywords: Set<String> = [
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
        "minItems", "maxItems", "uniqueItems", "minContains", "maxContains", "contains",
    ]
}
