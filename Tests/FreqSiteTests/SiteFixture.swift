import FreqKit
import FreqSite
import FreqTestSupport

/// A registry built in memory for the site's tests: records at the revision and their
/// timelines, with times chosen so that every figure can be worked out by hand.
struct SiteFixture {
    static let day: Int64 = 86_400
    /// 2026-01-01T00:00:00Z.
    static let january: Int64 = 1_767_225_600
    static let february = january + 31 * day
    static let march = february + 28 * day

    var configText = RegistryFixture.config
    var records: [RequestRecord] = []
    var timelines: [RequestTimeline] = []
    var revTime = march + 10 * day
    var commitNumber = 0

    func config() throws -> RegistryConfig {
        try RegistryConfig.parse(configText, displayPath: "schema/registry.yml", schemaBase: "schema/")
    }

    mutating func point(_ time: Int64, _ subject: String, author: String = "Pat Product") -> HistoryPoint {
        commitNumber += 1
        let commit = String(repeating: String(commitNumber % 10), count: 40)
        return HistoryPoint(commit: commit, time: time, change: CommitCredit(commit: commit, author: author, time: time, subject: subject))
    }

    /// A request at the revision; `moves` are (day offset from received, from, to).
    mutating func add(
        _ id: String, title: String, status: String, received: Int64, moves: [(Int64, String, String)] = [],
        area: String? = "billing", customers: [[String: JSONValue]] = [], extra: [String: JSONValue] = [:], body: String = "Body.\n"
    ) throws {
        var fields: [String: JSONValue] = ["id": .string(id), "title": .string(title), "status": .string(status)]
        if let area { fields["area"] = .string(area) }
        if !customers.isEmpty { fields["requested_by"] = .array(customers.map { .object($0) }) }
        fields.merge(extra) { $1 }
        let config = try config()
        let path = "requests/\(id)-request.md"
        records.append(RequestRecord(
            id: id, path: path, status: status, category: config.category(of: status), fields: .object(fields), body: body,
            names: config.fields))
        let receivedStatus = moves.first?.1 ?? status
        var events: [TimelineEvent] = []
        for (offset, from, to) in moves {
            events.append(TimelineEvent(kind: .status(from: from, to: to), at: point(received + offset * Self.day, "\(id): \(to)")))
        }
        timelines.append(RequestTimeline(
            id: id, path: path, status: status, received: point(received, "Add \(id)", author: "Ada Support"),
            receivedStatus: receivedStatus, events: events, fields: .object(fields), isPresent: true,
            facts: RequestFacts(fields: .object(fields), names: config.fields)))
    }

    static func customer(_ name: String, segment: String = "enterprise", arr: Int? = nil, ticket: String? = nil, date: String? = nil) -> [String: JSONValue] {
        var entry: [String: JSONValue] = ["customer": .string(name), "segment": .string(segment)]
        if let arr { entry["arr"] = .integer(arr) }
        if let ticket { entry["ticket"] = .string(ticket) }
        if let date { entry["date"] = .string(date) }
        return entry
    }

    func input() throws -> SiteInput {
        let history = History(
            rev: String(repeating: "a", count: 40), revTime: revTime, shallow: false, commits: commitNumber, unreadable: 0,
            requests: timelines.sorted { $0.id.precedesInByteOrder($1.id) })
        return SiteInput(config: try config(), records: records.sorted(by: RequestRecord.idOrder), history: history)
    }

    func build() throws -> [String: String] {
        var pages: [String: String] = [:]
        for file in Site.build(try input()) { pages[file.path] = String(decoding: file.bytes, as: UTF8.self) }
        return pages
    }

    /// Four requests over three months, one duplicate, three customers.
    static func standard() throws -> SiteFixture {
        var fixture = SiteFixture()
        try fixture.add(
            "FR-0001", title: "Export invoices", status: "shipped", received: january,
            moves: [(2, "new", "triaged"), (10, "triaged", "planned"), (40, "planned", "shipped")],
            customers: [customer("Acme Corp", arr: 50_000, ticket: "https://help.example.com/1", date: "2026-01-01"), customer("Globex", segment: "smb", arr: 5_000)])
        try fixture.add(
            "FR-0002", title: "Dark mode", status: "declined", received: january + 5 * day, moves: [(4, "new", "declined")], area: "search",
            customers: [customer("Acme Corp.", arr: 50_000, date: "2026-01-06")], extra: ["reason": .string("Not in our plans this year")])
        // The reason the file held when the decision landed.
        fixture.timelines[fixture.timelines.count - 1].events[0].reason = "Not in our plans this year"
        try fixture.add(
            "FR-0003", title: "Export to CSV", status: "duplicate", received: february, moves: [(1, "new", "duplicate")],
            customers: [customer("Émile Söhne GmbH", arr: 7_000)], extra: ["duplicate_of": .string("FR-0001")])
        try fixture.add("FR-0004", title: "Search by customer", status: "new", received: march, area: "search",
            customers: [customer("Globex Inc", segment: "smb", arr: 5_000, date: "2026-03-01")])
        return fixture
    }
}
