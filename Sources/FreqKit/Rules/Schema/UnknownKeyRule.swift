/// A field the schema does not declare: `additionalProperties: false` and its kin.
struct UnknownKeyRule: SchemaKeywordRule {
    static let id = "unknown-key"
    static let summary = "a field the schema does not declare (usually a typo)"
    static let defaultSeverity = Severity.error
    static let example = "`stauts: new` (did you mean `status`?)"
    static let keywords: Set<String> = ["additionalProperties", "propertyNames", "unevaluatedProperties"]
}
