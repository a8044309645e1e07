/// An empty file: the front-matter reader reports it.
struct EmptyFileRule: ReadingRule {
    static let id = "empty-file"
    static let summary = "the file is empty"
    static let defaultSeverity = Severity.error
    static let example = "a 0-byte `requests/FR-0007-x.md`"
}
