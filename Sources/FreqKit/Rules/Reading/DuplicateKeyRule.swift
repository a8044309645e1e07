/// A repeated key at any depth: the composer reports it at the repeat.
struct DuplicateKeyRule: ReadingRule {
    static let id = "duplicate-key"
    static let summary = "a key is written twice in the same mapping"
    static let defaultSeverity = Severity.error
    static let example = "two `status:` lines"
}
