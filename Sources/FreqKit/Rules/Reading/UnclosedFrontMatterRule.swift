/// A front matter whose closing fence is missing: the front-matter reader reports it.
struct UnclosedFrontMatterRule: ReadingRule {
    static let id = "unclosed-front-matter"
    static let summary = "the front matter has no closing `---` line"
    static let defaultSeverity = Severity.error
    static let example = "`---` at the top and never again"
}
