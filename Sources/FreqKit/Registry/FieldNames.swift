/// The front-matter fields freq's commands name besides the id and the status: what
/// `list`, `show`, `index`, `new`, `plus-one`, `move`, `diff` and `check` read and write.
/// Each can be renamed in `schema/registry.yml` under `fields:`; the defaults are the
/// default schema's names (DESIGN.md's request). A registry without such a field still
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

    public init() {}

    /// The settings under `fields:`, as written in `registry.yml`.
    static let settingNames = [
        "title", "area", "created", "severity", "submitted_by", "customers", "customer", "segment", "arr", "ticket",
        "date",
    ]

    /// Sets the field of setting `name` (one of `settingNames`); false for another name.
    mutating func set(_ name: String, to field: String) -> Bool {
        switch name {
        case "title": title = field
        case "area": area = field
        case "created": created = field
        case "severity": severity = field
        case "submitted_by": submittedBy = field
        case "customers": customers = field
        case "customer": customer = field
        case "segment": segment = field
        case "arr": arr = field
        case "ticket": ticket = field
        case "date": date = field
        default: return false
        }
        return true
    }
}

extension RegistryConfig {
    /// The `fields:` settings written in the configuration that name a top-level field the
    /// schema does not declare (`declared`, when it declares any): most likely a typo, which
    /// would otherwise show as empty columns and missing customers. Each message is located
    /// at the setting's value.
    public func undeclaredFieldSettings(declared: [String]) -> [(message: String, location: SourceLocation?)] {
        guard !declared.isEmpty else { return [] }
        let settings = [
            ("title", fields.title), ("area", fields.area), ("created", fields.created), ("severity", fields.severity),
            ("submitted_by", fields.submittedBy), ("customers", fields.customers),
        ]
        return settings.compactMap { setting, field in
            guard let location = locations["fields.\(setting)"], !declared.contains(field) else { return nil }
            let hint = Suggestion.nearest(to: field, among: declared).map { " (did you mean `\($0)`?)" } ?? ""
            return ("`fields.\(setting)` names `\(field)`, which the schema does not declare\(hint)", location)
        }
    }
}
