/// Why a file's front matter could not be read: a value, never a crash. The validator
/// turns it into a `Diagnostic`; the history engine counts the file as unreadable.
public struct FrontMatterProblem: Error, Sendable, Hashable {
    /// Stable kebab-case rule name, one of `FrontMatterProblem.rules`.
    public var rule: String
    /// Plain words, lower-case, names in backticks: "the front matter repeats the key `status`".
    public var message: String
    /// Where in the file (its own lines; BOM and fence lines accounted for); nil when the
    /// problem is about the whole file.
    public var location: SourceLocation?
    /// How to fix it, in plain words; nil when there is nothing useful to add.
    public var hint: String?

    /// Creates a problem.
    public init(rule: String, message: String, location: SourceLocation? = nil, hint: String? = nil) {
        self.rule = rule
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// The problem as a finding about the file at `path` (relative to the repository root).
    public func diagnostic(path: String, severity: Severity = .error) -> Diagnostic {
        Diagnostic(path: path, location: location, severity: severity, rule: rule, message: message, hint: hint)
    }

    /// Every rule name the reader can report, with a one-line summary (for `freq rules`).
    public static let rules: [(rule: String, summary: String)] = [
        ("empty-file", "the file is empty"),
        ("too-large", "the file is bigger than the size limit, or its front matter holds too many values"),
        ("not-utf8", "the file is not valid UTF-8 text"),
        ("no-front-matter", "the file does not start with a line `---`"),
        ("unclosed-front-matter", "the front matter has no closing line `---`"),
        ("yaml-syntax", "the front matter is not valid YAML"),
        ("yaml-alias", "the front matter uses a YAML anchor (`&name`) or alias (`*name`)"),
        ("yaml-tag", "the front matter uses a YAML tag freq does not understand, or a tag that does not fit its value"),
        ("duplicate-key", "a mapping repeats a key"),
        ("too-deep", "the front matter nests deeper than the limit"),
        ("not-a-mapping", "the front matter is not a set of `name: value` fields (or uses a list as a key)"),
        ("missing-field", "the front matter lacks the id or status field"),
        ("field-not-scalar", "the id or status field is a list or a mapping"),
        ("empty-field", "the id or status field is empty"),
    ]
}
