import Foundation

/// The customers who asked for a request: the list named by `fields.customers` in the
/// configuration (`requested_by` by default), one mapping per customer whose name is
/// under `fields.customer`. `freq new`, `freq plus-one` and `freq move` write it.
public struct CustomerList: Sendable {
    /// The front-matter list of customer entries.
    public let field: String
    /// The key of an entry holding the customer's name.
    public let nameKey: String

    public init(_ names: FieldNames) {
        field = names.customers
        nameKey = names.customer
    }

    /// The customer names of the list's value, as written; entries without a string
    /// name are skipped.
    public func names(in value: JSONValue?) -> [String] {
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

    /// The members of entry `index` of the list in `document`, in the order written (by
    /// their keys' positions), so a merged entry reads like the original.
    public func orderedEntry(_ document: FrontMatterDocument, index: Int) -> [(key: String, value: JSONValue)]? {
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
