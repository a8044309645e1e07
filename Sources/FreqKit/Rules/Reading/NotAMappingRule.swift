/// A front matter that is empty, a scalar, a list, or uses a collection as a key: the composer
/// reports it.
struct NotAMappingRule: ReadingRule {
    static let id = "not-a-mapping"
    static let summary = "the front matter is not a list of `key: value` fields"
    static let defaultSeverity = Severity.error
    static let example = "a front matter that is a YAML list"
}
