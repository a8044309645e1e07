import FreqKit
import FreqTestSupport
import Testing

/// Filters, sort orders and the figures `freq list` derives (customers, ARR, age).
@Suite("request query")
struct RequestQueryTests {
    static let config: RegistryConfig = {
        do {
            return try RegistryConfig.parse(RegistryFixture.config, displayPath: "schema/registry.yml", schemaBase: "schema/")
        } catch {
            fatalError("the fixture configuration must parse: \(error)")
        }
    }()

    static func record(_ id: String, _ status: String, _ fields: [String: JSONValue]) -> RequestRecord {
        var members = fields
        members["id"] = .string(id)
        members["status"] = .string(status)
        return RequestRecord(
            id: id, path: "requests/\(id)-x.md", status: status, category: config.category(of: status), fields: .object(members))
    }

    static func customer(_ name: String, _ arr: JSONValue?, segment: String = "smb") -> JSONValue {
        var entry: [String: JSONValue] = ["customer": .string(name), "segment": .string(segment)]
        if let arr { entry["arr"] = arr }
        return .object(entry)
    }

    static let records = [
        record("FR-0003", "planned", ["severity": .integer(10), "created": .string("2026-01-20"),
                                      "requested_by": .array([customer("Acme Corp", .integer(100), segment: "enterprise")])]),
        record("FR-0001", "new", ["severity": .integer(9), "tags": .array([.string("export"), .string("finance")]),
                                  "created": .string("2026-02-01"),
                                  "requested_by": .array([customer("Globex", .integer(5)), customer("Initech", nil)])]),
        record("FR-0002", "declined", ["area": .string("billing")]),
    ]

    static let asOf = UTCTime.parseDay("2026-03-01") ?? 0

    func ids(_ query: RequestQuery) -> [String] { query.run(Self.records).map(\.id) }

    @Test func noQueryListsEverythingByID() {
        #expect(ids(RequestQuery(asOf: Self.asOf)) == ["FR-0001", "FR-0002", "FR-0003"])
    }

    @Test(arguments: [
        ("tags=finance", ["FR-0001"]),
        ("requested_by.segment=smb", ["FR-0001"]),
        ("requested_by.customer=Acme Corp", ["FR-0003"]),
        ("severity=10", ["FR-0003"]),
        ("area=billing", ["FR-0002"]),
        ("area=Billing", []),
        ("missing=x", []),
    ])
    func whereMatchesAnyItemOfALists(match: String, expected: [String]) throws {
        var query = RequestQuery(asOf: Self.asOf)
        query.matches = [try FieldMatch(parsing: match)]
        #expect(ids(query) == expected)
    }

    @Test func whereValueMayHoldEquals() throws {
        let match = try FieldMatch(parsing: "note=a=b")
        #expect(match.path == ["note"])
        #expect(match.value == "a=b")
        #expect(throws: QueryError.self) { try FieldMatch(parsing: "novalue") }
        #expect(throws: QueryError.self) { try FieldMatch(parsing: "a..b=c") }
    }

    @Test func customerIsACaseInsensitiveSubstring() {
        var query = RequestQuery(asOf: Self.asOf)
        query.customer = "ACME"
        #expect(ids(query) == ["FR-0003"])
        query.customer = "e"
        #expect(ids(query) == ["FR-0001", "FR-0003"])
    }

    @Test func unknownStatusAndCategorySuggestTheNearest() {
        #expect(throws: QueryError("unknown status `planed` (did you mean `planned`?); the statuses are new, triaged, planned, shipped, declined, duplicate")) {
            try RequestQuery(statuses: ["planed"], categories: [], matches: [], customer: nil, sort: nil, config: Self.config, asOf: 0)
        }
        #expect(throws: QueryError.self) {
            try RequestQuery(statuses: [], categories: ["opne"], matches: [], customer: nil, sort: nil, config: Self.config, asOf: 0)
        }
    }

    @Test func statusesAreAlternativesAndKindsCombine() throws {
        let query = try RequestQuery(
            statuses: ["new", "planned"], categories: ["actioned"], matches: [], customer: nil, sort: nil,
            config: Self.config, asOf: Self.asOf)
        #expect(ids(query) == ["FR-0003"])
    }

    @Test(arguments: [
        // No customers is a total of 0, a value like any other.
        ("arr", ["FR-0002", "FR-0001", "FR-0003"]),
        ("-arr", ["FR-0003", "FR-0001", "FR-0002"]),
        ("customers", ["FR-0002", "FR-0003", "FR-0001"]),
        // Numbers sort as numbers: 9 before 10; no value last either way.
        ("severity", ["FR-0001", "FR-0003", "FR-0002"]),
        ("-severity", ["FR-0003", "FR-0001", "FR-0002"]),
        ("age", ["FR-0001", "FR-0003", "FR-0002"]),
        ("-age", ["FR-0003", "FR-0001", "FR-0002"]),
        ("-id", ["FR-0003", "FR-0002", "FR-0001"]),
    ])
    func sortOrders(sort: String, expected: [String]) throws {
        var query = RequestQuery(asOf: Self.asOf)
        query.sort = try SortOrder(parsing: sort)
        #expect(ids(query) == expected, "\(sort)")
    }

    @Test func figuresOfARecord() {
        let record = Self.records[1]
        #expect(record.customers.map(\.name) == ["Globex", "Initech"])
        #expect(record.totalARR == 5)
        #expect(record.ageDays(asOf: Self.asOf) == 28)
        #expect(Self.records[2].ageDays(asOf: Self.asOf) == nil)
    }

    @Test func absurdARRSaturatesInsteadOfCrashing() {
        let record = Self.record("FR-0009", "new", [
            "requested_by": .array([Self.customer("A", .integer(Int.max)), Self.customer("B", .integer(Int.max))])
        ])
        #expect(record.totalARR == Int.max)
    }

    @Test func csvQuotesAndGuardsFormulas() {
        let record = Self.record("FR-0004", "new", ["title": .string("=HYPERLINK(\"x\"), y")])
        let csv = RequestListRenderer.csv([record], asOf: Self.asOf)
        #expect(csv == """
            id,path,status,category,title,area,created,age_days,customers,arr
            FR-0004,requests/FR-0004-x.md,new,open,"'=HYPERLINK(""x""), y",,,,0,0

            """)
    }

    @Test func tableTruncatesLongTitlesAndGroupsDigits() {
        let long = String(repeating: "word ", count: 20)
        let record = Self.record("FR-0005", "new", [
            "title": .string(long), "requested_by": .array([Self.customer("A", .integer(1_234_567))]),
        ])
        let table = RequestListRenderer.table([record], asOf: Self.asOf, total: 3)
        let row = table.split(separator: "\n")[1]
        #expect(row.contains(String(long.prefix(RequestListRenderer.titleWidth - 1)) + "…  "))
        #expect(!row.contains(long))
        #expect(row.contains("1,234,567"))
        #expect(table.hasSuffix("1 of 3 requests\n"))
        #expect(RequestListRenderer.grouped(-1_000) == "-1,000")
        #expect(RequestListRenderer.grouped(999) == "999")
    }
}
