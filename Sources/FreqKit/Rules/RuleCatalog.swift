/// One validation rule: its stable name, what it checks, how serious it is by default,
/// and an example of what it catches. Every rule is declared here once; `freq rules`
/// and the README's table come from this list.
public struct RuleDescription: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var defaultSeverity: Severity
    /// A line (or a situation) the rule reports.
    public var example: String
}

public enum RuleCatalog {
    public static let all: [RuleDescription] = [
        // Reading the file.
        .init(name: "empty-file", summary: "the file is empty", defaultSeverity: .error, example: "a 0-byte `requests/FR-0007-x.md`"),
        .init(name: "not-utf8", summary: "the file has bytes that are not UTF-8", defaultSeverity: .error, example: "a title pasted from a Latin-1 document"),
        .init(name: "too-large", summary: "the file is larger than the size limit (4 MiB)", defaultSeverity: .error, example: "a screenshot pasted inline as base64"),
        .init(name: "no-front-matter", summary: "the file does not start with a `---` line", defaultSeverity: .error, example: "a file that starts with `# Title`"),
        .init(name: "unclosed-front-matter", summary: "the front matter has no closing `---` line", defaultSeverity: .error, example: "`---` at the top and never again"),
        .init(name: "yaml-syntax", summary: "the front matter is not valid YAML", defaultSeverity: .error, example: "`title: Export: CSV` (an unquoted second colon)"),
        .init(name: "yaml-alias", summary: "the front matter uses YAML anchors or aliases", defaultSeverity: .error, example: "`a: &x [1]` / `b: *x`"),
        .init(name: "yaml-tag", summary: "the front matter uses a YAML tag freq does not accept", defaultSeverity: .error, example: "`arr: !!binary AAAA`"),
        .init(name: "duplicate-key", summary: "a key is written twice in the same mapping", defaultSeverity: .error, example: "two `status:` lines"),
        .init(name: "too-deep", summary: "the front matter nests deeper than the limit", defaultSeverity: .error, example: "`a: [[[[[[...]]]]]]` sixty-five levels deep"),
        .init(name: "not-a-mapping", summary: "the front matter is not a list of `key: value` fields", defaultSeverity: .error, example: "a front matter that is a YAML list"),
        .init(name: "symlink", summary: "a request file is a symbolic link (never followed)", defaultSeverity: .error, example: "`requests/FR-0009-x.md -> /etc/passwd`"),
        .init(name: "not-a-file", summary: "a folder or special file matches the requests glob", defaultSeverity: .error, example: "a folder named `requests/old.md/`"),
        // The schema.
        .init(name: "unknown-key", summary: "a field the schema does not declare (usually a typo)", defaultSeverity: .error, example: "`stauts: new` (did you mean `status`?)"),
        .init(name: "schema-required", summary: "a field the schema requires is missing", defaultSeverity: .error, example: "no `title:` line"),
        .init(name: "schema-type", summary: "a value has the wrong type", defaultSeverity: .error, example: "`severity: high` where a number is expected"),
        .init(name: "schema-enum", summary: "a value is not one of the allowed values", defaultSeverity: .error, example: "`area: biling` (did you mean `billing`?)"),
        .init(name: "schema-format", summary: "a value does not have the expected format (date, uri, email)", defaultSeverity: .error, example: "`created: 02/11/2026`"),
        .init(name: "schema-pattern", summary: "a text does not match the schema's pattern", defaultSeverity: .error, example: "a tag with capitals, `Export`"),
        .init(name: "schema-range", summary: "a number or a length is out of the allowed range", defaultSeverity: .error, example: "`severity: 7` where the maximum is 4"),
        .init(name: "schema", summary: "any other JSON Schema keyword that fails (const, oneOf, not, ...)", defaultSeverity: .error, example: "a value matching none of `anyOf`"),
        // The registry.
        .init(name: "id-missing", summary: "the id field is missing or empty", defaultSeverity: .error, example: "no `id:` line"),
        .init(name: "id-pattern", summary: "the id does not match `id.pattern`", defaultSeverity: .error, example: "`id: FR-42` where four digits are expected"),
        .init(name: "filename", summary: "the file name does not match `id.filename`", defaultSeverity: .error, example: "`FR-0042` in `requests/FR-0043-export.md`"),
        .init(name: "id-unique", summary: "two requests have the same id", defaultSeverity: .error, example: "two agents both picked `FR-0042`"),
        .init(name: "status-missing", summary: "the status field is missing or empty", defaultSeverity: .error, example: "no `status:` line"),
        .init(name: "status-enum", summary: "the status is not one of the workflow's statuses", defaultSeverity: .error, example: "`status: Planed` (did you mean `planned`?)"),
        .init(name: "duplicate-of", summary: "`duplicate_of` is missing, unexpected, or names no existing request", defaultSeverity: .error, example: "`status: duplicate` without `duplicate_of:`"),
        // A pull request, against its base (`freq check --base REV`).
        .init(name: "status-transition", summary: "a status moves in a way `status.transitions` does not allow", defaultSeverity: .error, example: "`status: new` changed to `status: shipped`"),
        .init(name: "id-changed", summary: "a file that held one id at the base holds another now", defaultSeverity: .error, example: "`id: FR-0042` rewritten to `id: FR-0043`"),
        .init(name: "request-deleted", summary: "a request present at the base is gone (allowed with `--allow-delete`)", defaultSeverity: .error, example: "`requests/FR-0042-export.md` deleted instead of declined"),
        .init(name: "one-request-per-file", summary: "a new file holds a second request below the first", defaultSeverity: .error, example: "two `---`/`id:` blocks pasted into one file"),
        .init(name: "config-changed", summary: "a pull request changes registry.yml or the schema (judged by the base's rules)", defaultSeverity: .warning, example: "`rules: {status-transition: off}` added in a pull request"),
        .init(name: "similar-title", summary: "a new request's title is close to an existing request's (`similar_titles`)", defaultSeverity: .warning, example: "`Export invoice to CSV` next to `Export invoices as CSV`"),
    ]

    public static let names: Set<String> = Set(all.map(\.name))

    public static func description(of name: String) -> RuleDescription? {
        all.first { $0.name == name }
    }

    /// The rule a JSON Schema keyword's failure is reported under.
    public static func rule(forSchemaKeyword keyword: String) -> String {
        switch keyword {
        case "additionalProperties", "propertyNames", "unevaluatedProperties": return "unknown-key"
        case "required", "dependentRequired": return "schema-required"
        case "type": return "schema-type"
        case "enum": return "schema-enum"
        case "format": return "schema-format"
        case "pattern": return "schema-pattern"
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
            "minItems", "maxItems", "uniqueItems", "minContains", "maxContains", "contains":
            return "schema-range"
        default: return "schema"
        }
    }
}
