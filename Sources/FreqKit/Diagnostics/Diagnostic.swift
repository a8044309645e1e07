/// How serious a finding is. `off` exists only in configuration: such findings are dropped.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    case error
    case warning
    case off
}

/// A finding about a document: a value, never a thrown error. One file's problem never
/// stops the run; the CLI sets the exit code from the findings at the end.
public struct Diagnostic: Sendable, Hashable {
    /// Path relative to the repository root, `/`-separated.
    public var path: String
    /// Where in the file; nil when the finding is about the whole file.
    public var location: SourceLocation?
    public var severity: Severity
    /// Stable rule name, kebab-case (`status-enum`, `unknown-key`).
    public var rule: String
    public var message: String
    /// How to fix it, in plain words; nil when there is nothing to add.
    public var hint: String?
    /// The front-matter field the finding is about, when a rule named one (the empty path
    /// is the whole front matter); not part of any output, it lets an editing command tell
    /// which of its values was wrong.
    public var field: InstancePath?

    public init(
        path: String, location: SourceLocation?, severity: Severity, rule: String,
        message: String, hint: String? = nil, field: InstancePath? = nil
    ) {
        self.path = path
        self.location = location
        self.severity = severity
        self.rule = rule
        self.message = message
        self.hint = hint
        self.field = field
    }
}
