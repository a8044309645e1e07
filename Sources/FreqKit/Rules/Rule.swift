import Foundation

/// A validation rule: its stable id, what it checks, how serious a finding is by default,
/// and an example of what it catches. Each rule is a type in its own file under `Rules/`,
/// declaring these next to its check; `Rules.all` lists them once for `freq rules`, the
/// severity overrides of `registry.yml` and the README's table.
public protocol Rule: Sendable {
    /// Kebab-case, stable: scripts and `registry.yml` name rules by it.
    static var id: String { get }
    static var summary: String { get }
    static var defaultSeverity: Severity { get }
    /// A line (or a situation) the rule reports.
    static var example: String { get }
}

/// A rule found while reading a file: the front-matter reader (or the snapshot, for links
/// and folders) reports it as a `FrontMatterProblem`, and the file is unreadable.
protocol ReadingRule: Rule {}

/// A rule about one request on its own.
protocol RequestRule: Rule {
    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink)
}

/// A rule across the files of one snapshot (unique ids, references between requests). It
/// sees the snapshot's id index only, which the working-tree cache keeps.
protocol RegistryRule: Rule {
    static func check(_ index: RegistryIDIndex, _ context: RuleContext, _ sink: inout FindingSink)
}

/// A rule about what a pull request changes: it sees the registry at the base and now.
protocol PullRequestRule: Rule {
    static func check(_ change: PullRequestChange, _ sink: inout FindingSink)
}

/// A rule that JSON Schema keywords report under: the schema check routes each failing
/// keyword to the rule that lists it.
protocol SchemaKeywordRule: Rule {
    static var keywords: Set<String> { get }
}

/// What every rule may need besides the request: the configuration, the schema, and what
/// they compile to, prepared once per run.
public struct RuleContext: Sendable {
    public let config: RegistryConfig
    public let schema: JSONSchema?
    /// The template's placeholders, when the registry has a template.
    public let placeholders: TemplatePlaceholders?
    let idPattern: SendableRegex?
    let fileName: FileNameTemplate?

    /// Prepares the context; fails when the configuration names a rule that does not exist,
    /// or the schema allows a status the workflow does not know.
    public init(config: RegistryConfig, schema: JSONSchema?, placeholders: TemplatePlaceholders? = nil) throws(ConfigError) {
        try Self.checkConsistency(config: config, schema: schema)
        self.config = config
        self.schema = schema
        self.placeholders = placeholders
        idPattern = config.idPattern.flatMap { SendableRegex(pattern: $0) }
        fileName = config.filenameTemplate.map(FileNameTemplate.init)
    }

    /// A context without a schema for a configuration already checked (the pull-request
    /// rules use the base's).
    init(unchecked config: RegistryConfig) {
        self.config = config
        schema = nil
        placeholders = nil
        idPattern = config.idPattern.flatMap { SendableRegex(pattern: $0) }
        fileName = config.filenameTemplate.map(FileNameTemplate.init)
    }

    /// Fails when the configuration names a rule that does not exist, or the schema allows a
    /// status that no category of the workflow holds: said when the registry is opened.
    public static func checkConsistency(config: RegistryConfig, schema: JSONSchema?) throws(ConfigError) {
        try Rules.checkOverrides(config)
        if let values = schema?.enumValues(forProperty: config.statusField) {
            for case .string(let status) in values where !config.isKnown(status: status) {
                throw ConfigError(
                    path: config.sourcePath, location: config.locations["status"],
                    message: "the schema allows status `\(status)` but no category of `status.categories` holds it")
            }
        }
    }
}

/// Where rules report findings. A rule never prints and never decides the final severity:
/// `Rules.resolve` applies the registry's overrides to every finding in one place.
public struct FindingSink: Sendable {
    public private(set) var findings: [Diagnostic] = []
    /// Fields a registry rule has judged (the id, the status): the schema's findings on the
    /// same field would only repeat them, so the schema check skips these.
    private(set) var claimed: Set<InstancePath> = []

    public init() {}

    /// Reports a finding of `rule` about the file at `path` (about `field` of its front
    /// matter, when there is one).
    mutating func report<R: Rule>(
        _ rule: R.Type, path: String, at location: SourceLocation?, _ message: String, hint: String? = nil,
        field: InstancePath? = nil
    ) {
        findings.append(Diagnostic(
            path: path, location: location, severity: R.defaultSeverity, rule: R.id, message: message, hint: hint,
            field: field))
    }

    /// Reports a finding of `rule` about the value (or with `key`, the key) at `field` of
    /// `request`; the empty path means the whole front matter.
    mutating func report<R: Rule>(
        _ rule: R.Type, _ request: Request, at field: InstancePath, key: Bool = false, _ message: String,
        hint: String? = nil
    ) {
        report(rule, path: request.path, at: request.document.location(of: field, key: key), message, hint: hint, field: field)
    }

    /// Reports a problem found while reading a file.
    mutating func report(_ problem: FrontMatterProblem, path: String) {
        findings.append(problem.diagnostic(path: path))
    }

    /// A required one-value field (the id, the status) that is missing, or is not a single
    /// non-empty value: claimed, and reported where it is (or on the whole front matter).
    mutating func reportMissingField<R: Rule>(
        _ rule: R.Type, _ request: Request, field: String, ifAbsent: String, ifNotOneValue: String?
    ) {
        claim([.key(field)])
        if request.document.value[field] == nil {
            report(rule, request, at: [], "the request has no `\(field)` field", hint: ifAbsent)
        } else {
            report(rule, request, at: [.key(field)], "`\(field)` must be a single, non-empty value", hint: ifNotOneValue)
        }
    }

    /// Marks a field as judged by a registry rule (see `claimed`).
    mutating func claim(_ field: InstancePath) {
        claimed.insert(field)
    }

    mutating func append(contentsOf other: FindingSink) {
        findings += other.findings
    }

    /// Findings made earlier (the working-tree cache keeps them per file version).
    mutating func append(_ earlier: [Diagnostic]) {
        findings += earlier
    }
}

/// NSRegularExpression is immutable after creation and safe to share between threads.
struct SendableRegex: Sendable {
    private let icu: LazyRegex
    /// The same pattern matched without ICU, when it is simple (`^FR-[0-9]{5}$`).
    private let simple: SimplePattern?

    /// Nil when `pattern` is not a valid regular expression.
    init?(pattern: String) {
        simple = SimplePattern(pattern)
        icu = LazyRegex(pattern)
        guard simple != nil || icu.regex != nil else { return nil }
    }

    func matches(_ text: String) -> Bool {
        if let answer = simple?.matches(text) { return answer }
        guard let regex = icu.regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `pattern` is a valid regular expression, compiled only when it is not simple.
    static func isValid(_ pattern: String) -> Bool {
        SimplePattern(pattern) != nil || (try? NSRegularExpression(pattern: pattern)) != nil
    }
}

/// An ICU regular expression compiled at its first use. Most patterns are simple
/// (`SimplePattern`) and matched without ICU on ASCII text, and ICU's first compilation
/// cost every run's start-up about 2 ms. (Every pattern `SimplePattern` accepts is valid.)
final class LazyRegex: @unchecked Sendable {
    let pattern: String
    /// Guards `compiled`; `NSRegularExpression` itself is safe to share between threads.
    private let lock = NSLock()
    private var compiled: NSRegularExpression??

    init(_ pattern: String) {
        self.pattern = pattern
    }

    init(_ pattern: String, compiled regex: NSRegularExpression) {
        self.pattern = pattern
        compiled = .some(regex)
    }

    /// Nil when the pattern does not compile.
    var regex: NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled = .some(regex)
        return regex
    }
}
