/// Why a file's front matter could not be read: a value, never a crash. The validator
/// turns it into a `Diagnostic`; the history engine counts the file as unreadable.
public struct FrontMatterProblem: Error, Sendable, Hashable {
    /// The id of the rule it falls under (a `ReadingRule`, or `id-missing`/`status-missing`).
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
}
