/// `freq plus-one ID --customer NAME`: one more customer on an existing request, as a file
/// edit that adds only the entry's lines.
public enum CustomerAddition {
    /// Plans adding `entry` (its name under `fields.customer`) to request `id`. Throws
    /// `ToolFailure` for an unknown id, `EditRefusal` when the customer is listed and
    /// `InvalidValues` when `validator` rejects a value of the entry.
    public static func plan(
        id: String, entry: [(key: String, value: JSONValue)], in snapshot: RegistrySnapshot, validator: RegistryValidator
    ) throws -> FileEdit {
        let config = validator.config
        let request = try snapshot.request(withID: id)
        let customers = CustomerList(config.fields)
        let name = entry.first { $0.key == customers.nameKey }?.value.stringValue ?? ""
        let existing = customers.names(in: request.document.value[customers.field])
        if let listed = existing.first(where: { CustomerList.sameCustomer($0, name) }) {
            throw EditRefusal("`\(listed)` already asked for \(id); nothing was changed")
        }
        let edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
            try FrontMatterEditor.appendItem(request.bytes, toList: customers.field, item: entry)
        }
        let index = request.document.value[customers.field]?.arrayValue?.count ?? 0
        try validator.refuseInvalidValues(edited, path: request.path, inside: [.key(customers.field), .index(index)])
        let count = existing.count + 1
        return FileEdit(
            path: request.path, original: request.bytes, edited: edited,
            summary: "\(request.path): added \(name) (\(count) customer\(count == 1 ? "" : "s"))")
    }
}
