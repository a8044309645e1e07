/// A mistake in a query (an unknown status, a malformed `--where`): a usage error.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// `FIELD=VALUE`: a front-matter field (dotted for sub-fields) and the text it must equal.
public struct FieldMatch: Sendable, Hashable {
    /// Keys from the front matter's top level: `requested_by.segment` is two.
    public var path: [String]
    public var value: String

    /// Parses `FIELD=VALUE`; the first `=` splits, so values may hold `=`.
    public init(parsing text: String) throws(QueryError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw QueryError("`--where \(text)`: expected FIELD=VALUE, e.g. `area=billing`")
        }
        let field = String(text[..<equals])
        let keys = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !field.isEmpty, !keys.contains(where: \.isEmpty) else {
            throw QueryError("`--where \(text)`: the field name is empty; expected FIELD=VALUE, e.g. `area=billing`")
        }
        path = keys
        value = String(text[text.index(after: equals)...])
    }

    /// Whether any value at the path equals `value`. A list on the way (or at the end)
    /// matches when any of its items does: `tags=export`, `requested_by.segment=smb`.
    public func matches(_ fields: JSONValue) -> Bool {
        Self.leaves(of: fields, along: path[...]).contains { $0 == value }
    }

    /// The scalar texts reached by following `path`, lists fanned out.
    static func leaves(of value: JSONValue, along path: ArraySlice<String>) -> [String] {
        if case .array(let items) = value {
            return items.flatMap { leaves(of: $0, along: path) }
        }
        guard let key = path.first else {
            return RequestRecord.scalarText(value).map { [$0] } ?? []
        }
        guard let next = value[key] else { return [] }
        return leaves(of: next, along: path.dropFirst())
    }
}

/// What to sort by: a front-matter field, or a derived figure.
public enum SortKey: Sendable, Hashable {
    case id
    /// Number of entries in the customers list.
    case customers
    /// Total ARR of the customers.
    case arr
    /// Days since `created`.
    case age
    /// Any front-matter field, dotted for sub-fields (the first value found).
    case field([String])
}

/// A sort order: a key and a direction.
public struct SortOrder: Sendable, Hashable {
    public var key: SortKey
    public var descending: Bool

    public init(key: SortKey, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// Parses `FIELD`, `customers`, `arr`, `age` or `id`; a leading `-` sorts descending.
    public init(parsing text: String) throws(QueryError) {
        descending = text.hasPrefix("-")
        let name = descending ? String(text.dropFirst()) : text
        switch name {
        case "id": key = .id
        case "customers": key = .customers
        case "arr": key = .arr
        case "age": key = .age
        default:
            let keys = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !name.isEmpty, !keys.contains(where: \.isEmpty) else {
                throw QueryError("`--sort \(text)`: expected a field name, `customers`, `arr` or `age` (a leading `-` sorts descending)")
            }
            key = .field(keys)
        }
    }
}

/// The filters and order of `freq list`: every given filter must hold (values of one
/// filter are alternatives: `--status new --status triaged` lists both).
public struct RequestQuery: Sendable {
    public var statuses: [String] = []
    public var categories: [StatusCategory] = []
    public var matches: [FieldMatch] = []
    /// Case-insensitive substring of a customer's name.
    public var customer: String?
    /// Words to find in the id, title, customers or description; best matches first
    /// unless `sort` says otherwise.
    public var search: TextSearch?
    public var sort: SortOrder?
    /// Seconds since 1970 (UTC) that ages count to.
    public var asOf: Int64

    public init(asOf: Int64) { self.asOf = asOf }

    /// Builds a query from the command line's words, checking statuses and categories
    /// against the workflow (with a suggestion for a typo).
    public init(
        statuses: [String], categories: [String], matches: [String], customer: String?, sort: String?,
        search: String? = nil, config: RegistryConfig, asOf: Int64
    ) throws(QueryError) {
        self.asOf = asOf
        for status in statuses where !config.isKnown(status: status) {
            let hint = Suggestion.nearest(to: status, among: config.statuses).map { " (did you mean `\($0)`?)" } ?? ""
            throw QueryError("unknown status `\(status)`\(hint); the statuses are \(config.statuses.joined(separator: ", "))")
        }
        self.statuses = statuses
        for name in categories {
            guard let category = StatusCategory(rawValue: name) else {
                let names = StatusCategory.allCases.map(\.rawValue)
                let hint = Suggestion.nearest(to: name, among: names).map { " (did you mean `\($0)`?)" } ?? ""
                throw QueryError("unknown status category `\(name)`\(hint); the categories are \(names.joined(separator: ", "))")
            }
            self.categories.append(category)
        }
        for text in matches { self.matches.append(try FieldMatch(parsing: text)) }
        self.customer = customer
        if let search {
            guard let words = TextSearch(search) else { throw QueryError("`--search` needs a word to look for") }
            self.search = words
        }
        self.sort = try sort.map { text throws(QueryError) in try SortOrder(parsing: text) }
    }

    /// Whether the filters a probe answers are all the query's and the order is by id:
    /// then the requests that pass are those `mightInclude` accepts, in id order, and their
    /// rows of a table need no record decoded.
    public var passesByProbeAlone: Bool { (customer ?? "").isEmpty && search == nil && sort == nil }

    /// Whether a record passes every filter.
    public func includes(_ record: RequestRecord) -> Bool {
        guard mightInclude(RecordProbe(record)) else { return false }
        if let customer, !customer.isEmpty {
            let needle = customer.lowercased()
            guard record.customers.contains(where: { $0.name.lowercased().contains(needle) }) else { return false }
        }
        if let search, search.score(record) == 0 { return false }
        return true
    }

    /// Whether a record could pass: the filters a probe answers without decoding the
    /// record (status, category, `--where`) hold. `includes` decides.
    public func mightInclude(_ probe: RecordProbe) -> Bool {
        mightInclude(status: probe.status, category: probe.category, leaves: probe.leaves(along:))
    }

    /// `mightInclude` of a record with this status and category whose leaves along a path
    /// are `leaves(path)`.
    func mightInclude(status: String, category: StatusCategory, leaves: (ArraySlice<String>) -> [String]) -> Bool {
        guard admits(status: status, category: category) else { return false }
        for match in matches where !leaves(match.path[...]).contains(match.value) { return false }
        return true
    }

    /// Whether the status filters (`--status`, `--category`) let a record with this status
    /// and category through.
    func admits(status: String, category: StatusCategory) -> Bool {
        (statuses.isEmpty || statuses.contains(status)) && (categories.isEmpty || categories.contains(category))
    }

    /// The `--where` matches whose value no record has at that field (while some have the
    /// field), each with the nearest value that exists: most likely a typo (`area=biling`).
    public func unknownValues(in records: [RequestRecord]) -> [(match: FieldMatch, suggestion: String?)] {
        unknownValues(in: records.map(RecordProbe.init))
    }

    /// `unknownValues(in:)` of the probed records; stops at the first record holding the
    /// value, so a match that some record has costs little.
    public func unknownValues(in probes: some Collection<RecordProbe>) -> [(match: FieldMatch, suggestion: String?)] {
        matches.compactMap { match in
            let path = match.path[...]
            guard !probes.contains(where: { $0.leaves(along: path).contains(match.value) }) else { return nil }
            var values = Set<String>()
            for probe in probes { values.formUnion(probe.leaves(along: path)) }
            guard !values.isEmpty else { return nil }
            return (match, Suggestion.nearest(to: match.value, among: values))
        }
    }

    /// The records that pass, in the query's order (by id when none is given; ties by id).
    /// Records without a value for the sort key come last in either direction.
    public func run(_ records: [RequestRecord]) -> [RequestRecord] {
        let kept = records.filter(includes)
        if sort == nil, let search {
            let scored = kept.map { (record: $0, score: search.score($0)) }
            return scored.sorted { $0.score != $1.score ? $0.score > $1.score : RequestRecord.idOrder($0.record, $1.record) }
                .map(\.record)
        }
        guard let sort else { return kept.sorted(by: RequestRecord.idOrder) }
        let keyed = kept.map { (record: $0, key: sortValue(of: $0, sort.key)) }
        return keyed.sorted { a, b in
            switch (a.key, b.key) {
            case (nil, nil): return RequestRecord.idOrder(a.record, b.record)
            case (nil, _): return false
            case (_, nil): return true
            case (let left?, let right?):
                if left == right { return RequestRecord.idOrder(a.record, b.record) }
                return sort.descending ? right.precedes(left) : left.precedes(right)
            }
        }.map(\.record)
    }

    private func sortValue(of record: RequestRecord, _ key: SortKey) -> SortValue? {
        switch key {
        case .id: return .text(record.id)
        case .customers: return .number(Double(record.customers.count))
        case .arr: return .number(Double(record.totalARR))
        case .age: return record.ageDays(asOf: asOf).map { .number(Double($0)) }
        case .field(let path):
            let value = path.count == 1 ? record.scalarTexts[path[0]] ?? FieldMatch.leaves(of: record.fields, along: path[...]).first
                : FieldMatch.leaves(of: record.fields, along: path[...]).first
            // Numbers compare as numbers (severity 10 after 9), everything else as text.
            guard let value else { return nil }
            if let number = Double(value), number.isFinite { return .number(number) }
            return .text(value)
        }
    }
}

/// A comparable sort value: numbers before text, numbers by value, text in byte order.
enum SortValue: Equatable {
    case number(Double)
    case text(String)

    func precedes(_ other: SortValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a < b
        case (.number, .text): return true
        case (.text, .number): return false
        case (.text(let a), .text(let b)): return a.precedesInByteOrder(b)
        }
    }
}
