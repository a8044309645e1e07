import Foundation

/// The GitHub issue form support agents fill in on the git host's web page instead of
/// writing YAML, generated from the registry's configuration and schema; and the reading
/// of a submitted form's body back into the values `freq new` takes. Both sides use the
/// same `fields`, so a label always maps to the field it was generated for.
public enum IssueForm {
    /// Where the form goes, from the repository root.
    public static let path = ".github/ISSUE_TEMPLATE/feature-request.yml"
    /// The label the form puts on its issues; the issue-to-request workflow runs on them.
    public static let label = "feature-request"

    /// What a form field fills in `freq new`.
    public enum Target: String, Sendable, Hashable, CaseIterable {
        case title, area, severity, customer, segment, arr, ticket, problem
    }

    /// The kind of a form field, with a dropdown's options.
    public enum Kind: Sendable, Hashable {
        case input
        case textarea
        case dropdown([String])
    }

    /// One field of the form.
    public struct Field: Sendable, Hashable {
        public var target: Target
        /// The form's `id`: the front-matter field name (from `FieldNames`).
        public var id: String
        /// The heading GitHub writes above the answer in the issue's body.
        public var label: String
        public var description: String
        public var kind: Kind
        public var required: Bool
    }

    /// The form's fields for `config` and `schema`, in the order people fill them in: only
    /// the fields the schema declares (every one without a schema), dropdowns where the
    /// schema lists the values, required where the schema requires the field.
    public static func fields(config: RegistryConfig, schema: JSONSchema?) -> [Field] {
        let names = config.fields
        let declared = Set(schema?.declaredProperties ?? [])
        let required = Set(schema?.requiredProperties ?? [])
        let declares = { (field: String) in declared.isEmpty || declared.contains(field) }
        // Dropdown options are the schema's values as text (a severity enum of numbers too).
        func choices(_ values: [JSONValue]?) -> Kind? {
            guard let values, !values.isEmpty else { return nil }
            let texts = values.compactMap { value -> String? in
                switch value {
                case .string(let text): return text
                case .integer(let number): return String(number)
                default: return nil
                }
            }
            return texts.count == values.count ? .dropdown(texts) : nil
        }
        var fields: [Field] = [
            Field(
                target: .title, id: names.title, label: "Title", description: "What the customer wants, in a few words.",
                kind: .input, required: true)
        ]
        if declares(names.area) {
            fields.append(Field(
                target: .area, id: names.area, label: "Area", description: "The part of the product it concerns.",
                kind: choices(schema?.enumValues(forProperty: names.area)) ?? .input, required: required.contains(names.area)))
        }
        if declares(names.severity) {
            fields.append(Field(
                target: .severity, id: names.severity, label: "Severity",
                description: "1 (blocks the customer) .. 4 (nice to have).",
                kind: choices(schema?.enumValues(forProperty: names.severity)) ?? .input,
                required: required.contains(names.severity)))
        }
        if declares(names.customers) {
            let customerRequired = required.contains(names.customers)
            fields.append(Field(
                target: .customer, id: names.customer, label: "Customer", description: "The customer who asked.",
                kind: .input, required: customerRequired))
            fields.append(Field(
                target: .segment, id: names.segment, label: "Segment", description: "The customer's segment.",
                kind: choices(schema?.enumValues(forPath: [names.customers, names.segment])) ?? .input, required: false))
            fields.append(Field(
                target: .arr, id: names.arr, label: "ARR",
                description: "The customer's annual recurring revenue, whole currency units (120000, 120,000 or 120k).",
                kind: .input, required: false))
            fields.append(Field(
                target: .ticket, id: names.ticket, label: "Ticket link", description: "A link to the support ticket.",
                kind: .input, required: false))
        }
        fields.append(Field(
            target: .problem, id: "problem", label: "Problem, in the customer's words",
            description: "What the customer is trying to do and what stops them.", kind: .textarea, required: true))
        return fields
    }

    /// The form's YAML, deterministic for the same configuration and schema (so
    /// `freq form --check` and the `issue-form-stale` rule can compare it byte for byte).
    public static func render(config: RegistryConfig, schema: JSONSchema?) -> String {
        let q = { (text: String) in YAMLText.scalar(text) }
        var out = """
            # Written by `freq form` from the registry's schema: run it again after changing
            # the schema (`freq check` warns when this file is out of date).
            # An issue opened with this form becomes a request with
            # `freq new --from-issue-form FILE` (the issue's body).
            name: \(q("Feature request"))
            description: \(q("A customer asks for something the product does not do yet."))
            title: \(q("Feature request: "))
            labels: [\(YAMLText.scalar(label, flow: true))]
            body:

            """
        for field in fields(config: config, schema: schema) {
            let type: String
            switch field.kind {
            case .input: type = "input"
            case .textarea: type = "textarea"
            case .dropdown: type = "dropdown"
            }
            out += "  - type: \(type)\n"
            out += "    id: \(q(field.id))\n"
            out += "    attributes:\n"
            out += "      label: \(q(field.label))\n"
            out += "      description: \(q(field.description))\n"
            if case .dropdown(let options) = field.kind {
                out += "      options:\n"
                for option in options { out += "        - \(q(option))\n" }
            }
            out += "    validations:\n"
            out += "      required: \(field.required ? "true" : "false")\n"
        }
        return out
    }

    /// The answers of a submitted form, by the field they fill, as text; an empty answer
    /// (`_No response_`) is left out.
    public struct Answers: Sendable {
        public var values: [Target: String]
        /// The field each answer came from (its label names it in messages).
        public var fields: [Target: Field]

        /// The label of the form field that fills `target` (for messages).
        public func label(_ target: Target) -> String { fields[target]?.label ?? target.rawValue }
    }

    /// Reads a submitted issue form's body: GitHub writes `### <label>` then the answer for
    /// each field. Only the form's own labels count as headings, so a `###` line inside the
    /// problem's text stays in it. Throws when `text` has none of the form's headings.
    public static func read(_ text: String, config: RegistryConfig, schema: JSONSchema?) throws(ToolFailure) -> Answers {
        let fields = fields(config: config, schema: schema)
        let byLabel = Dictionary(fields.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        var values: [Target: String] = [:]
        var found: [Target: Field] = [:]
        var current: Field?
        var lines: [Substring] = []
        func finish() {
            guard let field = current else { return }
            let answer = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !answer.isEmpty, answer != "_No response_" { values[field.target] = answer }
        }
        // GitHub's bodies come with CRLF line ends.
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### "), let field = byLabel[line.dropFirst(4).trimmingCharacters(in: .whitespaces)] {
                finish()
                current = field
                found[field.target] = field
                lines = []
            } else if current != nil {
                lines.append(line)
            }
        }
        finish()
        guard !found.isEmpty else {
            let expected = fields.map { "`### \($0.label)`" }.joined(separator: ", ")
            throw ToolFailure("this is not the body of an issue opened with the form `\(path)`: it has none of its headings (\(expected))")
        }
        return Answers(values: values, fields: found)
    }
}
