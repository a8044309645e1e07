/// A request copied from the template keeps none of its placeholders: a title that is still
/// "Short description of what the customer wants", a customer still "Customer name", the
/// template's own description. A warning by default: the file is valid, only not filled in.
struct TemplatePlaceholderRule: RequestRule {
    static let id = "template-placeholder"
    static let summary = "a value (or the description) is still the template's placeholder"
    static let defaultSeverity = Severity.warning
    static let example = "`customer: Customer name` copied from `schema/template.md`"

    static func check(_ request: Request, _ context: RuleContext, _ sink: inout FindingSink) {
        guard let placeholders = context.placeholders else { return }
        visit(request.document.value, at: [], placeholders, request, &sink)
        let text = request.body
        if let body = placeholders.body, !body.isEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines) == body {
            // At the description's first line, past the blank ones after the front matter.
            let blank = text.prefix { $0 == "\n" || $0 == "\r\n" || $0 == " " || $0 == "\t" }.filter { $0 == "\n" || $0 == "\r\n" }.count
            sink.report(
                self, path: request.path, at: SourceLocation(line: request.document.bodyStartLine + blank, column: 1),
                "the description is still the template's text", hint: "describe the problem in the customer's words")
        }
    }

    private static func visit(
        _ value: JSONValue, at path: InstancePath, _ placeholders: TemplatePlaceholders, _ request: Request,
        _ sink: inout FindingSink
    ) {
        switch value {
        case .string(let text):
            guard placeholders.values.contains(TemplatePlaceholders.Key(path: path, value: text)) else { return }
            sink.report(
                self, request, at: path, "`\(path.dotted)` is still the template's placeholder `\(text)`",
                hint: "write the real value")
        case .array(let items):
            for (index, item) in items.enumerated() { visit(item, at: path + [.index(index)], placeholders, request, &sink) }
        case .object(let members):
            for key in members.keys.sorted() {
                if let member = members[key] { visit(member, at: path + [.key(key)], placeholders, request, &sink) }
            }
        default:
            return
        }
    }
}

/// The placeholders of the registry's template: its text values (where the schema does not
/// make them one of a list of choices, like `segment: enterprise`) and its description.
public struct TemplatePlaceholders: Sendable {
    struct Key: Hashable, Sendable {
        /// The path with list positions left out: a placeholder in the template's first
        /// customer is one in every customer.
        var shape: [String]
        var value: String

        init(path: InstancePath, value: String) {
            shape = path.map { component in
                if case .key(let key) = component { return key }
                return "[]"
            }
            self.value = value
        }
    }

    let values: Set<Key>
    /// The description after the front matter, trimmed (`freq new` starts a request with it).
    public let body: String?

    /// The placeholders of the template file `bytes`; nil when it has no front matter.
    /// The id, status and date fields are not placeholders: their template values are real
    /// values too.
    public init?(template bytes: [UInt8], config: RegistryConfig, schema: JSONSchema?) {
        guard case .success(let document) = FrontMatterReader.read(bytes) else { return nil }
        var candidates: [(path: InstancePath, value: String)] = []
        Self.collect(document.value, at: [], into: &candidates)
        let skipped = Set([config.idField, config.statusField]).union(config.fields.dayKeys)
        var values = Set<Key>()
        for candidate in candidates {
            guard let last = candidate.path.last(where: { if case .key = $0 { return true } else { return false } }),
                case .key(let name) = last, !skipped.contains(name)
            else { continue }
            if let schema, Self.isAChoice(candidate.path, in: document.value, schema: schema) { continue }
            values.insert(Key(path: candidate.path, value: candidate.value))
        }
        self.values = values
        let start = min(max(0, document.bodyStartOffset), bytes.count)
        body = String(decoding: bytes[start...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func collect(_ value: JSONValue, at path: InstancePath, into found: inout [(path: InstancePath, value: String)]) {
        switch value {
        case .string(let text) where !text.isEmpty: found.append((path, text))
        case .array(let items): for (index, item) in items.enumerated() { collect(item, at: path + [.index(index)], into: &found) }
        case .object(let members): for (key, member) in members { collect(member, at: path + [.key(key)], into: &found) }
        default: return
        }
    }

    /// Whether the schema limits the value at `path` to a list of choices: the template's
    /// value is then a real choice (`segment: enterprise`), not a placeholder.
    private static func isAChoice(_ path: InstancePath, in value: JSONValue, schema: JSONSchema) -> Bool {
        let probe = replacing(value, at: path[...], with: .string("\u{1}freq-probe"))
        return schema.validate(probe).contains { $0.instancePath == path && ($0.keyword == "enum" || $0.keyword == "const") }
    }

    private static func replacing(_ value: JSONValue, at path: ArraySlice<PathComponent>, with new: JSONValue) -> JSONValue {
        guard let first = path.first else { return new }
        switch (first, value) {
        case (.key(let key), .object(var members)):
            members[key] = replacing(members[key] ?? .null, at: path.dropFirst(), with: new)
            return .object(members)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            items[index] = replacing(items[index], at: path.dropFirst(), with: new)
            return .array(items)
        default:
            return value
        }
    }
}
