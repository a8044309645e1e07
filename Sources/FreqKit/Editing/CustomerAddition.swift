/// `freq plus-one ID --customer NAME`: one more customer on an existing request, as a file
/// edit that adds only the entry's lines. A request closed as a duplicate passes the
/// customer on to the request it repeats, where the demand is counted.
public enum CustomerAddition {
    /// Plans adding `entry` (its name under `fields.customer`) to request `id`. Throws
    /// `ToolFailure` for an unknown id, `EditRefusal` when the customer is listed and
    /// `InvalidValues` when `validator` rejects a value of the entry.
    public static func plan(
        id: String, entry: [(key: String, value: JSONValue)], in snapshot: RegistrySnapshot, validator: RegistryValidator
    ) throws -> FileEdit {
        let config = validator.config
        let asked = try snapshot.request(withID: id, config: config)
        let request = try canonical(of: asked, in: snapshot, config: config)
        let id = request.id ?? id
        let customers = CustomerList(config.fields)
        let name = entry.first { $0.key == customers.nameKey }?.value.stringValue ?? ""
        try FieldFlags(names: config.fields, idField: config.idField).requireOneLine(entry, customerKeys: Set(entry.map(\.key)))
        let existing = customers.names(in: request.document.value[customers.field])
        if let listed = existing.first(where: { CustomerList.sameCustomer($0, name) }) {
            throw EditRefusal("`\(listed)` already asked for \(id); nothing was changed")
        }
        let edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
            try FrontMatterEditor.appendItem(request.bytes, toList: customers.field, item: entry, dayKeys: [config.fields.date])
        }
        let index = request.document.value[customers.field]?.arrayValue?.count ?? 0
        try validator.refuseInvalidValues(edited, path: request.path, inside: [.key(customers.field), .index(index)])
        let count = existing.count + 1
        var summary = "\(request.path): added \(name) (\(count) customer\(count == 1 ? "" : "s"))"
        if !request.path.hasSameBytes(as: asked.path), let askedID = asked.id {
            summary = "\(askedID) is a duplicate of \(id), where its demand counts: " + summary
        }
        return FileEdit(path: request.path, original: request.bytes, edited: edited, summary: summary, requestID: id)
    }

    /// The request a duplicate repeats (following a chain of duplicates, never in circles);
    /// `request` itself when it is not a duplicate or names nothing that exists.
    static func canonical(of request: Request, in snapshot: RegistrySnapshot, config: RegistryConfig) throws -> Request {
        guard let field = config.duplicateOfField else { return request }
        var current = request
        var seen: Set<ByteKey> = [ByteKey(request.path)]
        while let status = current.status, config.category(of: status) == .excluded, let target = current.text(field),
            !target.isEmpty
        {
            guard let next = snapshot.requests.first(where: { $0.id == target }), seen.insert(ByteKey(next.path)).inserted else {
                if snapshot.requests.contains(where: { $0.id == target }) { break }
                if let file = snapshot.unreadableFile(named: target, config: config) {
                    throw ToolFailure(RegistrySnapshot.unreadableMessage(target, file))
                }
                break
            }
            current = next
        }
        return current
    }
}
