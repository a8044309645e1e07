/// A customer who asked for a request, and the ticket to answer them on.
public struct CustomerRef: Sendable, Hashable {
    /// The customer's name as written.
    public var name: String
    /// The ticket's link or reference; nil when the entry has none.
    public var ticket: String?

    /// Creates a reference.
    public init(name: String, ticket: String?) {
        self.name = name
        self.ticket = ticket
    }
}

/// What a pull request changes in the registry, request by request (`freq diff`).
public struct RegistryDiff: Sendable {
    /// A status move of one request.
    public struct StatusChange: Sendable, Hashable {
        /// The status before; nil for a new request.
        public var from: String?
        /// The status after; nil for a removed request.
        public var to: String?
        /// Whether the workflow's `status.transitions` allows the move; nil when there is
        /// nothing to judge (no move, a new or removed request, or no transitions table).
        public var allowed: Bool?
        /// The statuses the workflow allows from `from` (empty when none or unknown).
        public var allowedTargets: [String]
        /// When the status moved or the request is new: the reason field its file holds at
        /// head (`fields.reason`), nil when none.
        public var reason: String? = nil
    }

    /// One top-level field whose value differs.
    public struct FieldChange: Sendable, Hashable {
        public var field: String
        /// Nil when the field is new.
        public var old: JSONValue?
        /// Nil when the field was removed.
        public var new: JSONValue?
    }

    /// The body's line difference: counts, and the changed lines (capped).
    public struct BodyChange: Sendable, Hashable {
        public var addedLines: Int
        public var removedLines: Int
        /// Changed lines only (no context), at most `RegistryDiff.maximumBodyLines`.
        public var lines: [LineDiff.Edit]
        /// How many changed lines were left out of `lines`.
        public var omittedLines: Int
    }

    /// How a request changed.
    public enum Kind: String, Sendable, Hashable {
        case added
        case modified
        case removed
        /// The file is still there but no longer parses (`freq validate` says why).
        case unreadable
    }

    /// Everything that changed about one request id.
    public struct RequestChange: Sendable, Hashable {
        public var id: String
        public var kind: Kind
        /// The file after (before, for a removed request).
        public var path: String
        /// The file before, when it moved (same id, new path).
        public var oldPath: String?
        /// The title after (before, for a removed request).
        public var title: String?
        /// The status: before and after, and whether the move is allowed.
        public var status: StatusChange
        public var customersAdded: [CustomerRef]
        public var customersRemoved: [CustomerRef]
        /// Other top-level fields; for a new request, its key fields (old nil).
        public var fields: [FieldChange]
        public var body: BodyChange?
        /// When the status moved: every customer of the request after the change, to
        /// tell them (support's follow-up list); empty otherwise.
        public var notify: [CustomerRef]
        /// When the status moved: the commit credited with the move (`StatusMoveCredit`);
        /// nil when not looked for or not found.
        public var statusCredit: CommitCredit? = nil

        /// Whether the status moved between two statuses.
        public var statusMoved: Bool {
            status.from != nil && status.to != nil && status.from != status.to
        }
    }

    /// Changed requests, sorted by id (byte order).
    public var changes: [RequestChange]

    /// The most changed body lines listed per request.
    public static let maximumBodyLines = 20

    /// How many requests changed in each way.
    public func count(_ kind: Kind) -> Int { changes.count { $0.kind == kind } }

    /// Compares the registry at two commits.
    public static func compare(base: RegistrySnapshot, head: RegistrySnapshot, config: RegistryConfig) -> RegistryDiff {
        compare(base: base.requests, head: head.requests, headPaths: Set(head.files.map { ByteKey($0.path) }), config: config)
    }

    /// Compares the requests of two snapshots; `headPaths` is every request file at head,
    /// readable or not, to tell an unreadable file from a removed one.
    public static func compare(
        base: [Request], head: [Request], headPaths: Set<ByteKey>,
        config: RegistryConfig
    ) -> RegistryDiff {
        let fields = config.fields
        let before = byID(base)
        let after = byID(head)
        let parsedHeadPaths = Set(head.map { ByteKey($0.path) })
        var changes: [RequestChange] = []
        let ids = Set(before.keys).union(after.keys).sorted { $0.precedesInByteOrder($1) }
        for id in ids {
            switch (before[id], after[id]) {
            case (nil, let new?):
                changes.append(added(id, new, config: config, fields: fields))
            case (let old?, nil):
                var change = removed(id, old, config: config, fields: fields)
                // Still there but read as no request: broken, not removed.
                if headPaths.contains(ByteKey(old.path)) && !parsedHeadPaths.contains(ByteKey(old.path)) { change.kind = .unreadable }
                changes.append(change)
            case (let old?, let new?):
                if old.path.hasSameBytes(as: new.path) && old.bytes == new.bytes { continue }
                if let change = modified(id, old, new, config: config, fields: fields) { changes.append(change) }
            case (nil, nil):
                continue
            }
        }
        return RegistryDiff(changes: changes)
    }

    /// One request per id: when two files share an id, the smallest path (byte order)
    /// counts, as in the history engine.
    static func byID(_ requests: [Request]) -> [String: Request] {
        var result: [String: Request] = [:]
        for request in requests {
            guard let id = request.id else { continue }
            if let existing = result[id], existing.path.precedesInByteOrder(request.path) { continue }
            result[id] = request
        }
        return result
    }

    private static func added(_ id: String, _ new: Request, config: RegistryConfig, fields: FieldNames)
        -> RequestChange
    {
        // Shown next to a new request's title, status and customers.
        let keyFields = [fields.area].compactMap { name in
            new.document.value[name].map { FieldChange(field: name, old: nil, new: $0) }
        }
        return RequestChange(
            id: id, kind: .added, path: new.path, oldPath: nil, title: title(new, fields),
            status: StatusChange(from: nil, to: new.status, allowed: nil, allowedTargets: [], reason: reason(new, fields)),
            customersAdded: customers(new, fields), customersRemoved: [], fields: keyFields, body: nil, notify: [])
    }

    private static func removed(_ id: String, _ old: Request, config: RegistryConfig, fields: FieldNames)
        -> RequestChange
    {
        RequestChange(
            id: id, kind: .removed, path: old.path, oldPath: nil, title: title(old, fields),
            status: StatusChange(from: old.status, to: nil, allowed: nil, allowedTargets: []),
            customersAdded: [], customersRemoved: customers(old, fields), fields: [], body: nil, notify: [])
    }

    private static func modified(
        _ id: String, _ old: Request, _ new: Request, config: RegistryConfig, fields: FieldNames
    ) -> RequestChange? {
        var status = statusChange(from: old.status, to: new.status, config: config)
        if old.status != new.status { status.reason = reason(new, fields) }
        let oldCustomers = customers(old, fields)
        let newCustomers = customers(new, fields)
        let oldNames = Set(oldCustomers.map(\.name))
        let newNames = Set(newCustomers.map(\.name))
        let customersAdded = newCustomers.filter { !oldNames.contains($0.name) }
        let customersRemoved = oldCustomers.filter { !newNames.contains($0.name) }

        var fieldChanges: [FieldChange] = []
        let oldFields = old.document.value.objectValue ?? [:]
        let newFields = new.document.value.objectValue ?? [:]
        let owned: Set<String> = [config.idField, config.statusField]
        let names = Set(oldFields.keys).union(newFields.keys).subtracting(owned).sorted { $0.precedesInByteOrder($1) }
        for name in names where oldFields[name] != newFields[name] {
            // Customers joining or leaving are listed as such; the list is a field change
            // only when something else in it changed too (an ARR, a ticket).
            if name == fields.customers,
                customerEntries(oldFields[name], fields, dropping: Set(customersRemoved.map(\.name)))
                    == customerEntries(newFields[name], fields, dropping: Set(customersAdded.map(\.name)))
            {
                continue
            }
            fieldChanges.append(FieldChange(field: name, old: oldFields[name], new: newFields[name]))
        }

        let body = bodyChange(old, new)
        let change = RequestChange(
            id: id, kind: .modified, path: new.path, oldPath: old.path.hasSameBytes(as: new.path) ? nil : old.path,
            title: title(new, fields), status: status, customersAdded: customersAdded,
            customersRemoved: customersRemoved, fields: fieldChanges, body: body,
            notify: old.status != new.status && old.status != nil && new.status != nil ? newCustomers : [])
        let changed = change.oldPath != nil || change.statusMoved || old.status != new.status
            || !customersAdded.isEmpty || !customersRemoved.isEmpty || !fieldChanges.isEmpty || body != nil
        // Bytes that differ only in ways that mean nothing (quoting, key order, comments).
        return changed ? change : nil
    }

    /// A status move and the workflow's verdict on it.
    public static func statusChange(from old: String?, to new: String?, config: RegistryConfig) -> StatusChange {
        let workflow = config.workflow
        let targets = old.flatMap { workflow.successors(of: $0) } ?? []
        guard let old, let new, old != new, workflow.transitions != nil else {
            return StatusChange(from: old, to: new, allowed: nil, allowedTargets: old == new ? [] : targets)
        }
        return StatusChange(from: old, to: new, allowed: workflow.allows(from: old, to: new), allowedTargets: targets)
    }

    /// The reason field's text, nil when missing or empty.
    static func reason(_ request: Request, _ fields: FieldNames) -> String? {
        request.document.scalarText(at: [.key(fields.reason)]).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func title(_ request: Request, _ fields: FieldNames) -> String? {
        request.document.scalarText(at: [.key(fields.title)])
    }

    /// The customers listed in a request, in file order; entries without a name are skipped.
    public static func customers(_ request: Request, _ fields: FieldNames) -> [CustomerRef] {
        guard let entries = request.document.value[fields.customers]?.arrayValue else { return [] }
        return entries.indices.compactMap { index in
            let path: InstancePath = [.key(fields.customers), .index(index)]
            guard let name = request.document.scalarText(at: path + [.key(fields.customer)]), !name.isEmpty else {
                return nil
            }
            let ticket = request.document.scalarText(at: path + [.key(fields.ticket)]).flatMap { $0.isEmpty ? nil : $0 }
            return CustomerRef(name: name, ticket: ticket)
        }
    }

    private static func customerEntries(_ value: JSONValue?, _ fields: FieldNames, dropping names: Set<String>)
        -> [JSONValue]
    {
        (value?.arrayValue ?? []).filter { entry in
            guard let name = entry[fields.customer]?.stringValue else { return true }
            return !names.contains(name)
        }
    }

    /// The text after the front matter.

    private static func bodyChange(_ old: Request, _ new: Request) -> BodyChange? {
        let before = LineDiff.lines(old.body)
        let after = LineDiff.lines(new.body)
        guard before != after else { return nil }
        let changed = LineDiff.edits(from: before, to: after).filter {
            if case .same = $0 { return false }
            return true
        }
        let added = changed.count {
            if case .added = $0 { return true }
            return false
        }
        return BodyChange(
            addedLines: added, removedLines: changed.count - added, lines: Array(changed.prefix(maximumBodyLines)),
            omittedLines: max(0, changed.count - maximumBodyLines))
    }
}
