/// A file that does not open with a `---` fence: the front-matter reader reports it.
struct NoFrontMatterRule: ReadingRule {
    static let id = "no-front-matter"
    static let summary = "the file does not start with a `---` line"
    static let defaultSeverity = Severity.error
    static let example = "a file that starts with `# Title`"
}
