/// `freq move ID STATUS`: the decision, checked against the workflow, as file edits. A
/// move to an excluded status (a duplicate) names the canonical request and carries the
/// duplicate's customers over to it, so no demand is lost.
public enum StatusMove {
    /// What a move does.
    public enum Outcome: Sendable {
        /// The request is already there; the message says so.
        case unchanged(String)
        /// The files to write, the moved request's first.
        case edits([FileEdit])
    }

    /// Plans moving request `id` of `snapshot` to `status`. Throws `ToolFailure` for a
    /// wrong invocation (an unknown id or status, a missing or misplaced
    /// `duplicateOf`) and `EditRefusal` for a move the registry does not allow.
    ///
    /// `reason` is why (written to the `reason` field, replacing the previous decision's; a
    /// move without one removes it, since it no longer explains the status); the statuses
    /// of `status.reason_required` need one. Values are checked by `validator`.
    public static func plan(
        id: String, to status: String, duplicateOf: String?, reason: String? = nil, in snapshot: RegistrySnapshot,
        validator: RegistryValidator
    ) throws -> Outcome {
        let config = validator.config
        let request = try snapshot.request(withID: id, config: config)
        let id = request.id ?? id
        guard config.isKnown(status: status) else {
            let hint = Suggestion.nearest(to: status, among: config.statuses).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("`\(status)` is not a status of the workflow\(hint); the statuses are \(config.statuses.joined(separator: ", "))")
        }
        let reason = reason?.trimmingCharacters(in: .whitespaces)
        if config.reasonRequired.contains(status), reason?.isEmpty ?? true {
            throw ToolFailure("moving to `\(status)` needs --reason TEXT: why, in a sentence the customers can be told")
        }
        if let reason { try FieldFlags(names: config.fields, idField: config.idField).requireOneLine([(config.fields.reason, .string(reason))], customerKeys: []) }
        let canonical = try canonicalRequest(for: request, status: status, duplicateOf: duplicateOf, snapshot: snapshot, config: config)
        guard let current = request.status else {
            throw EditRefusal("\(request.path) has no readable `\(config.statusField)`; fix it first (`freq validate`)")
        }
        let currentCanonical = config.duplicateOfField.flatMap { request.text($0) }
        if current == status, canonical == nil || currentCanonical == canonical?.id,
            reason == nil || request.text(config.fields.reason) == reason
        {
            return .unchanged("\(id) is already `\(status)`; nothing to change")
        }
        guard config.workflow.allows(from: current, to: status) else {
            let allowed = config.workflow.successors(of: current) ?? []
            let next = allowed.isEmpty
                ? "no status may follow `\(current)`"
                : "from `\(current)` it may move to \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
            throw EditRefusal("the workflow does not allow \(id) to move from `\(current)` to `\(status)`: \(next)")
        }
        let pointer = canonical?.id.map { " (duplicate of \($0))" } ?? ""
        let moved = try movedBytes(request, to: status, canonical: canonical, reason: reason, config: config)
        try validator.refuseInvalidValues(moved, path: request.path, inside: [.key(config.fields.reason)])
        let why = reason.map { ": \($0)" } ?? ""
        var edits = [FileEdit(
            path: request.path, original: request.bytes, edited: moved,
            summary: "\(request.path): \(current) → \(status)\(pointer)\(why)", requestID: id)]
        if let canonical, let merge = try customersMerged(from: request, into: canonical, config: config) {
            edits.append(merge)
        }
        return .edits(edits)
    }

    /// The request a duplicate points at: needed for a move to an excluded status when the
    /// registry has a `duplicate_of` field, refused otherwise.
    private static func canonicalRequest(
        for request: Request, status: String, duplicateOf: String?, snapshot: RegistrySnapshot, config: RegistryConfig
    ) throws -> Request? {
        let excluded = config.category(of: status) == .excluded
        guard let field = config.duplicateOfField, excluded else {
            guard duplicateOf == nil else {
                throw ToolFailure(
                    config.duplicateOfField == nil
                        ? "--duplicate-of needs a `duplicate_of` field in the configuration"
                        : "--duplicate-of goes with a move to \(config.categories[.excluded]?.joined(separator: ", ") ?? "an excluded status"), not `\(status)`")
            }
            return nil
        }
        guard let target = duplicateOf else {
            throw ToolFailure("moving to `\(status)` needs --duplicate-of ID: the request \(request.id ?? "") repeats (it fills `\(field)`)")
        }
        let found = try snapshot.request(withID: target, config: config)
        guard found.id != request.id else { throw ToolFailure("a request cannot be a duplicate of itself") }
        if let foundStatus = found.status, config.category(of: foundStatus) == .excluded {
            let further = found.text(field).map { " of `\($0)`" } ?? ""
            throw EditRefusal("\(found.id ?? target) is itself `\(foundStatus)`\(further); point at the request it repeats instead")
        }
        return found
    }

    /// The request with its new status, and its `duplicate_of` pointer set (or removed when
    /// it leaves the excluded category: the pointer would then be a finding).
    private static func movedBytes(
        _ request: Request, to status: String, canonical: Request?, reason: String?, config: RegistryConfig
    ) throws(EditRefusal) -> [UInt8] {
        var edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
            try FrontMatterEditor.setScalar(request.bytes, field: config.statusField, to: status)
        }
        // The reason belongs to this decision: set with it, gone without it.
        let reasonField = config.fields.reason
        if let reason {
            edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
                try FrontMatterEditor.setScalar(edited, field: reasonField, to: reason, insertingAfter: config.statusField)
            }
        } else if request.document.value[reasonField] != nil {
            edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
                try FrontMatterEditor.removeField(edited, field: reasonField)
            }
        }
        guard let field = config.duplicateOfField else { return edited }
        if let canonicalID = canonical?.id {
            edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
                try FrontMatterEditor.setScalar(edited, field: field, to: canonicalID, insertingAfter: config.statusField)
            }
        } else if config.category(of: status) != .excluded {
            edited = try FrontMatterEditor.editing(request.path) { () throws(FrontMatterEditError) in
                try FrontMatterEditor.removeField(edited, field: field)
            }
        }
        return edited
    }

    /// The canonical request with the duplicate's customers it does not list yet (each
    /// customer once); nil when it lists them all.
    private static func customersMerged(
        from duplicate: Request, into canonical: Request, config: RegistryConfig
    ) throws(EditRefusal) -> FileEdit? {
        let customers = CustomerList(config.fields)
        var bytes = canonical.bytes
        var listed = customers.names(in: canonical.document.value[customers.field])
        var merged: [String] = []
        for index in 0..<(duplicate.document.value[customers.field]?.arrayValue?.count ?? 0) {
            guard let entry = customers.orderedEntry(duplicate.document, index: index),
                let name = entry.first(where: { $0.key == customers.nameKey })?.value.stringValue,
                !listed.contains(where: { CustomerList.sameCustomer($0, name) })
            else { continue }
            bytes = try FrontMatterEditor.editing(canonical.path) { () throws(FrontMatterEditError) in
                try FrontMatterEditor.appendItem(bytes, toList: customers.field, item: entry, dayKeys: [config.fields.date])
            }
            listed.append(name)
            merged.append(name)
        }
        guard !merged.isEmpty else { return nil }
        let count = "\(merged.count) customer\(merged.count == 1 ? "" : "s")"
        return FileEdit(
            path: canonical.path, original: canonical.bytes, edited: bytes,
            summary: "\(canonical.path): added \(count) from \(duplicate.id ?? ""): \(merged.joined(separator: ", "))")
    }
}
