import FreqKit
import Testing

@Suite("list --search")
struct TextSearchTests {
    static func record(_ id: String, _ title: String, customers: [String] = [], body: String = "") -> RequestRecord {
        RequestRecord(
            id: id, path: "requests/\(id).md", status: "new", category: .open,
            fields: .object([
                "title": .string(title),
                "requested_by": .array(customers.map { .object(["customer": .string($0)]) }),
            ]), body: body)
    }

    static let records = [
        record("FR-0001", "Export invoices as CSV", customers: ["Acme Corp"]),
        record("FR-0002", "Dark mode", customers: ["Émile Söhne"], body: "They export reports at night."),
        record("FR-0003", "Bulk export of contacts"),
        record("FR-0004", "Slack alerts", body: "Nothing about it."),
    ]

    static func ids(_ text: String) throws -> [String] {
        var query = RequestQuery(asOf: 0)
        query.search = TextSearch(text)
        #expect(query.search != nil)
        return query.run(records).map(\.id)
    }

    /// A title hit ranks above a description hit; ties by id.
    @Test func bestMatchesFirst() throws {
        #expect(try Self.ids("export") == ["FR-0001", "FR-0003", "FR-0002"])
    }

    @Test func everyWordMustMatchSomewhere() throws {
        #expect(try Self.ids("export csv") == ["FR-0001"])
        #expect(try Self.ids("export slack").isEmpty)
    }

    @Test func caseAndAccentsDoNotMatter() throws {
        #expect(try Self.ids("EMILE") == ["FR-0002"])
        #expect(try Self.ids("söhne") == ["FR-0002"])
        #expect(try Self.ids("acme") == ["FR-0001"])
    }

    @Test func theIDsNumberFindsIt() throws {
        #expect(try Self.ids("4") == ["FR-0004"])
        #expect(try Self.ids("fr-0003") == ["FR-0003"])
    }

    @Test func aTypoInAWhereValueGetsTheNearestValue() throws {
        var query = RequestQuery(asOf: 0)
        query.matches = [try FieldMatch(parsing: "title=Dark mdoe")]
        let unknown = query.unknownValues(in: Self.records)
        #expect(unknown.map(\.suggestion) == ["Dark mode"])
    }
}
