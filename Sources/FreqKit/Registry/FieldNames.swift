/// The front-matter fields freq's commands name besides the id and the status: what
/// `list`, `show`, `index`, `new`, `plus-one`, `move`, `diff` and `check` read and write.
/// Each can be renamed in `schema/registry.yml` under `fields:`; the defaults are the
/// default schema's names (schema/request.schema.json). A registry without such a field still
/// works: its cells are empty, and `new` does not write it when the schema does not
/// declare it.
public struct FieldNames: Sendable, Hashable {
    /// The request's one-line title.
    public var title = "title"
    /// The product area: shown by `list` and next to a new request in `diff`.
    public var area = "area"
    /// A day `YYYY-MM-DD`, written by `new`: the request's age counts from it.
    public var created = "created"
    public var severity = "severity"
    /// Who filed the request (`new --submitted-by`).
    public var submittedBy = "submitted_by"
    /// The list of customers who asked, one mapping each.
    public var customers = "requested_by"
    /// Inside each entry of `customers`: the customer's name, segment, annual recurring
    /// revenue, support ticket link, and the day they asked.
    public var customer = "customer"
    public var segment = "segment"
    public var arr = "arr"
    public var ticket = "ticket"
    public var date = "date"
    /// Why the request has its status: written by `move --reason`, shown by `show`, required
    /// for the statuses `status.reason_required` lists.
    public var reason = "reason"

    public init() {}

    /// Each setting under `fields:`: its name in `registry.yml`, the property it sets, and
    /// whether it names a key inside each customer entry rather than one of the request's.
    /// (Computed: key paths are not Sendable, so they cannot be a stored static.)
    static var settings: [(name: String, keyPath: WritableKeyPath<FieldNames, String>, inEntry: Bool)] {
        [
            ("title", \.title, false), ("area", \.area, false), ("created", \.created, false),
            ("severity", \.severity, false), ("submitted_by", \.submittedBy, false), ("customers", \.customers, false),
            ("customer", \.customer, true), ("segment", \.segment, true), ("arr", \.arr, true),
            ("ticket", \.ticket, true), ("date", \.date, true), ("reason", \.reason, false),
        ]
    }
}

extension RegistryConfig {
    /// The `fields:` settings written in the configuration that name a top-level field the
    /// schema does not declare (`declared`, when it declares any): most likely a typo, which
    /// would otherwise show as empty columns and missing customers. Each message is located
    /// at the setting's value.
    public func undeclaredFieldSettings(declared: [String]) -> [(message: String, location: SourceLocation?)] {
        guard !declared.isEmpty else { return [] }
        return FieldNames.settings.filter { !$0.inEntry }.compactMap { setting, keyPath, _ in
            let field = fields[keyPath: keyPath]
            guard let location = locations["fields.\(setting)"], !declared.contains(field) else { return nil }
            let hint = Suggestion.nearest(to: field, among: declared).map { " (did you mean `\($0)`?)" } ?? ""
            return ("`fields.\(setting)` names `\(field)`, which the schema does not declare\(hint)", location)
        }
    }
}

extension FieldNames {
    /// The fields whose values are days (`created`, each customer's `date`): written plain,
    /// `2026-11-02`, where any other text that looks like a date is quoted.
    public var dayKeys: Set<String> { [created, date] }
}
