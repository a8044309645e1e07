/// One customer entry of a request, as the query commands show it.
public struct CustomerEntry: Sendable, Hashable {
    /// Empty when the entry names none.
    public var name: String
    /// Nil when the entry has no numeric ARR.
    public var arr: Int?
    /// The entry's other scalar members, by key, for `freq show`.
    public var details: [(key: String, value: String)]

    public static func == (lhs: CustomerEntry, rhs: CustomerEntry) -> Bool {
        lhs.name == rhs.name && lhs.arr == rhs.arr && lhs.details.elementsEqual(rhs.details) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(arr)
    }
}

/// A readable request of the working tree with the summary the query commands show.
public struct RequestRecord: Sendable {
    public var id: String
    public var path: String
    public var status: String
    public var category: StatusCategory
    /// The whole front matter (an `.object`).
    public var fields: JSONValue
    // The summary: derived from the fields by `summarise` in every initialiser.
    public var title: String? = nil
    public var area: String? = nil
    /// The `created` scalar as written.
    public var created: String? = nil
    public var customers: [CustomerEntry] = []
    /// The sum of the customers' ARR; saturates instead of overflowing on absurd input.
    public var totalARR: Int = 0
    /// The Markdown after the front matter.
    public var body: String
    /// Top-level keys in the order they are written in the file.
    public var keyOrder: [String]
    /// Each top-level value's text as written, for scalars (`0381` stays `0381`).
    public var scalarTexts: [String: String]

    /// Creates a record directly (tests, other sources).
    public init(
        id: String, path: String, status: String, category: StatusCategory, fields: JSONValue,
        body: String = "", names: FieldNames = FieldNames()
    ) {
        self.id = id
        self.path = path
        self.status = status
        self.category = category
        self.fields = fields
        self.body = body
        let members = fields.objectValue ?? [:]
        keyOrder = members.keys.sorted { $0.precedesInByteOrder($1) }
        scalarTexts = members.compactMapValues(Self.scalarText)
        summarise(names)
    }

    /// The record of a request; nil when it has no id or status (`freq validate` reports
    /// those).
    public init?(_ request: Request, config: borrowing RegistryConfig) {
        guard let id = request.id, let status = request.status else { return nil }
        self.id = id
        path = request.path
        self.status = status
        category = config.category(of: status)
        fields = request.document.value
        let document = request.document
        let members = fields.objectValue ?? [:]
        // Sorting keys by where they are written keeps `freq show` in the author's order.
        let located = document.rootKeyLocations
        if located.count == members.count, located.allSatisfy({ members[$0.key] != nil }) {
            // Every key has a location (any file read from disk): no lookups while sorting.
            keyOrder = located.sorted { a, b in
                a.location != b.location ? a.location < b.location : a.key.precedesInByteOrder(b.key)
            }.map(\.key)
        } else {
            var written: [String: SourceLocation] = [:]
            for (key, location) in located { written[key] = location }
            keyOrder = members.keys.sorted { left, right in
                let a = written[left] ?? SourceLocation(line: Int.max, column: 0)
                let b = written[right] ?? SourceLocation(line: Int.max, column: 0)
                return a != b ? a < b : left.precedesInByteOrder(right)
            }
        }
        var texts: [String: String] = [:]
        for key in members.keys {
            if let text = document.scalarText(at: [.key(key)]) { texts[key] = text }
        }
        scalarTexts = texts
        body = request.body
        summarise(config.fields)
    }

    /// A record as the working-tree cache stored it: what `init(_:config:)` read from the
    /// file, the summary derived again.
    init(
        id: String, path: String, status: String, fields: JSONValue, body: String, keyOrder: [String],
        scalarTexts: [String: String], config: borrowing RegistryConfig
    ) {
        self.id = id
        self.path = path
        self.status = status
        category = config.category(of: status)
        self.fields = fields
        self.body = body
        self.keyOrder = keyOrder
        self.scalarTexts = scalarTexts
        summarise(config.fields)
    }

    private mutating func summarise(_ names: FieldNames) {
        title = scalarTexts[names.title]
        area = scalarTexts[names.area]
        created = scalarTexts[names.created]
        guard let entries = fields[names.customers]?.arrayValue else { return }
        for entry in entries {
            guard let members = entry.objectValue else {
                // A bare name in the list still counts as one customer.
                customers.append(CustomerEntry(name: Self.scalarText(entry) ?? "", arr: nil, details: []))
                continue
            }
            let arr = members[names.arr].flatMap(Self.wholeNumber)
            let details = members.keys.sorted { $0.precedesInByteOrder($1) }
                .filter { $0 != names.customer && $0 != names.arr }
                .compactMap { key in members[key].flatMap(Self.scalarText).map { (key: key, value: $0) } }
            customers.append(CustomerEntry(
                name: members[names.customer].flatMap(Self.scalarText) ?? "", arr: arr, details: details))
            if let arr { totalARR = Self.adding(arr: arr, to: totalARR) }
        }
    }

    /// Days from `created` to `asOf` (seconds since 1970, UTC); nil without a valid day.
    /// A timestamp such as `2026-11-02T10:00:00Z` counts from its day.
    public func ageDays(asOf: Int64) -> Int? { Self.ageDays(created: created, asOf: asOf) }

    /// `ageDays` of a record whose `created` is this.
    static func ageDays(created: String?, asOf: Int64) -> Int? {
        guard let created, let start = UTCTime.parseDay(created) ?? UTCTime.parseDay(String(created.prefix(10))) else {
            return nil
        }
        return Int(UTCTime.floorDiv(asOf, 86_400) - start / 86_400)
    }

    /// Text of a scalar value; nil for lists and mappings.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return text
        case .array, .object: return nil
        }
    }

    /// `total + arr`, saturating instead of overflowing on absurd input.
    static func adding(arr: Int, to total: Int) -> Int {
        let (sum, overflow) = total.addingReportingOverflow(arr)
        return overflow ? (arr > 0 ? Int.max : Int.min) : sum
    }

    /// An integer, or a double with no fraction that fits in `Int`.
    static func wholeNumber(_ value: JSONValue) -> Int? {
        switch value {
        case .integer(let number): return number
        case .double(let number):
            guard number.isFinite, number.rounded() == number, abs(number) < 9.0e18 else { return nil }
            return Int(number)
        default: return nil
        }
    }
}

extension RequestRecord {
    /// The records of a snapshot, sorted by id then path (byte order), and the paths of
    /// the files that are not requests (no front matter, bad YAML, a symlink, no id or
    /// status).
    public static func records(of snapshot: RegistrySnapshot, config: RegistryConfig) -> (records: [RequestRecord], unreadable: [String]) {
        var records: [RequestRecord] = []
        // By bytes: two names of one text in two normalizations are two files.
        var readable = Set<ByteKey>()
        for request in snapshot.requests {
            guard let record = RequestRecord(request, config: config) else { continue }
            records.append(record)
            readable.insert(ByteKey(record.path))
        }
        records.sort(by: Self.idOrder)
        let unreadable = snapshot.files.map(\.path).filter { !readable.contains(ByteKey($0)) }
        return (records, unreadable)
    }

    /// By id, then path, in byte order.
    public static func idOrder(_ a: RequestRecord, _ b: RequestRecord) -> Bool {
        a.id != b.id ? a.id.precedesInByteOrder(b.id) : a.path.precedesInByteOrder(b.path)
    }
}
