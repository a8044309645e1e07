/// Nesting deeper than `FrontMatterLimits.maxDepth`: the reader and the composer report it.
struct TooDeepRule: ReadingRule {
    static let id = "too-deep"
    static let summary = "the front matter nests deeper than the limit"
    static let defaultSeverity = Severity.error
    static let example = "`a: [[[[[[...]]]]]]` sixty-five levels deep"
}
