import Foundation

/// The customers who asked for a request: the `requested_by` list of the default schema.
///
/// The registry configuration names no such field, so these names are defaults that
/// `freq new`, `freq plus-one` and `freq move` use and the README documents.
public enum CustomerList {
    /// The front-matter list of customer entries.
    public static let field = "requested_by"
    /// The key of an entry holding the customer's name.
    public static let nameKey = "customer"

    /// The customer names of a `requested_by` value, as written; entries without a
    /// string name are skipped.
    public static func names(in value: JSONValue?) -> [String] {
        guard case .array(let entries)? = value else { return [] }
        return entries.compactMap { $0[nameKey]?.stringValue }
    }

    /// Whether two customer names are the same customer: trimmed, case-insensitive.
    public static func sameCustomer(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The members of entry `index` of the list at `path` in `document`, in the order
    /// written (by their keys' positions), so a merged entry reads like the original.
    public static func orderedEntry(
        _ document: FrontMatterDocument, field: String = field, index: Int
    ) -> [(key: String, value: JSONValue)]? {
        guard case .object(let members)? = document.value(at: [.key(field), .index(index)]) else { return nil }
        let base: InstancePath = [.key(field), .index(index)]
        let ordered = members.keys.sorted { left, right in
            let a = document.keyLocations[base + [.key(left)]] ?? SourceLocation(line: .max, column: .max)
            let b = document.keyLocations[base + [.key(right)]] ?? SourceLocation(line: .max, column: .max)
            return a != b ? a < b : left < right
        }
        return ordered.map { (key: $0, value: members[$0] ?? .null) }
    }
}
