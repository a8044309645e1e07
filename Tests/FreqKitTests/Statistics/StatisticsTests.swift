import Foundation
import FreqTestSupport
import Testing

@testable import FreqKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: Fixtures

private let registryYAML = """
    requests: "requests/*.md"
    status:
      field: status
      initial: new
      categories:
        open: [new, triaged]
        actioned: [planned, in-progress, shipped]
        declined: [declined]
        excluded: [duplicate]
    """

private func config() throws -> RegistryConfig {
    try RegistryConfig.parse(registryYAML, displayPath: "schema/registry.yml", schemaBase: "schema/")
}

private let day: Int64 = 86_400
private let hour: Int64 = 3_600
private let rev = "0123456789abcdef0123456789abcdef01234567"

/// Seconds since 1970 of an ISO 8601 UTC time, through Foundation (not the code under test).
private func at(_ text: String) -> Int64 {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text.contains("T") ? text : text + "T00:00:00Z") else {
        Issue.record("bad fixture time \(text)")
        return 0
    }
    return Int64(date.timeIntervalSince1970)
}

/// A timeline: `moves` are (seconds after received, to-status); each starts from the
/// status before it.
private func request(
    _ id: String, received: Int64, status: String, moves: [(Int64, String)] = [],
    fields: [String: JSONValue] = [:], present: Bool = true
) -> RequestTimeline {
    var current = status
    var events: [TimelineEvent] = []
    for (index, (offset, to)) in moves.enumerated() {
        let point = HistoryPoint(commit: String(repeating: "\(index % 10)", count: 40), time: received + offset)
        events.append(TimelineEvent(kind: .status(from: current, to: to), at: point))
        current = to
    }
    if !present {
        events.append(TimelineEvent(kind: .removed, at: HistoryPoint(commit: String(repeating: "f", count: 40), time: received + 50 * day)))
    }
    return RequestTimeline(
        id: id, path: "requests/\(id).md", status: current,
        received: HistoryPoint(commit: String(repeating: "a", count: 40), time: received), receivedStatus: status,
        events: events, fields: .object(fields), isPresent: present)
}

private func segments(_ names: String...) -> JSONValue {
    .array(names.map { .object(["customer": .string("C \($0)"), "segment": .string($0)]) })
}

/// Eight requests over 2026-01 and 2026-03 (2026-02 empty); expectations worked out by hand
/// in the comments.
private func mixedHistory(shallow: Bool = false) -> History {
    let requests = [
        // Actioned after triage: triage 2 days, action 10 days.
        request(
            "FR-0001", received: at("2026-01-05"), status: "new", moves: [(2 * day, "triaged"), (10 * day, "planned")],
            fields: [
                "area": .string("billing"), "tags": .array([.string("export"), .string("finance")]), "requested_by": segments("enterprise", "smb"),
                "severity": .integer(3),
            ]),
        // Actioned, then declined: counts as actioned, not declined. Triage = action = 4 days.
        request(
            "FR-0002", received: at("2026-01-10"), status: "new", moves: [(4 * day, "planned"), (6 * day, "declined")],
            fields: ["area": .string("billing"), "tags": .array([.string("export"), .string("export")]), "requested_by": segments("enterprise", "enterprise")]),
        // Received already actioned: triage 3 days, no time to action (actioned → actioned).
        request(
            "FR-0003", received: at("2026-01-20"), status: "planned", moves: [(3 * day, "in-progress")],
            fields: ["area": .string("reports"), "requested_by": segments("smb")]),
        // Excluded (duplicate), on the last second of January; its triage does not count.
        request(
            "FR-0004", received: at("2026-01-31T23:59:59Z"), status: "new", moves: [(1 * day, "duplicate")],
            fields: ["area": .string("billing")]),
        // Waiting in `new`: no area, an empty tag list.
        request("FR-0005", received: at("2026-03-01"), status: "new", fields: ["tags": .array([]), "severity": .integer(2)]),
        // Declined after 5.25 days.
        request("FR-0006", received: at("2026-03-15"), status: "new", moves: [(5 * day + 6 * hour, "declined")], fields: ["area": .string("reports")]),
        // A status in no category counts as open.
        request("FR-0007", received: at("2026-03-20"), status: "mystery", fields: ["area": .string("billing")]),
        // Received actioned, declined after 2 days, actioned again after 8: action 8 days.
        request(
            "FR-0008", received: at("2026-03-25"), status: "planned", moves: [(2 * day, "declined"), (8 * day, "planned")],
            fields: ["area": .string("reports")]),
    ]
    return History(rev: rev, revTime: at("2026-04-01"), shallow: shallow, commits: 20, unreadable: 0, requests: requests)
}

private func query(since: String? = nil, until: String? = nil, by: [String] = []) -> StatsQuery {
    StatsQuery(since: since, until: until, groupBy: by, staleDays: 30, asOf: at("2026-04-10"))
}

private func durations(_ count: Int, _ median: Double?, _ p90: Double?) -> DurationStats {
    DurationStats(count: count, median: median, p90: p90)
}

/// Compares days up to rounding noise (p90 interpolation is floating point).
private func expectDurations(_ actual: DurationStats, _ expected: DurationStats, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(label) count", sourceLocation: sourceLocation)
    for (name, a, e) in [("median", actual.median, expected.median), ("p90", actual.p90, expected.p90)] {
        switch (a, e) {
        case (nil, nil): break
        case (let a?, let e?): #expect(abs(a - e) < 1e-9, "\(label) \(name): \(a) != \(e)", sourceLocation: sourceLocation)
        default: Issue.record("\(label) \(name): \(String(describing: a)) != \(String(describing: e))", sourceLocation: sourceLocation)
        }
    }
}

/// Pretty JSON with the line breaks and indentation taken out (strings hold no newline).
private func squashed(_ json: String) -> String {
    json.split(separator: "\n").map { $0.drop(while: { $0 == " " }) }.joined()
}

// MARK: Computation

@Suite("Statistics")
struct StatisticsTests {
    @Test("overall counts, rate, median and p90 follow docs/history.md")
    func overall() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query())
        let overall = report.overall
        #expect(overall.received == 8)
        #expect(overall.excluded == 1)
        #expect(overall.actioned == 4)  // FR-0001, FR-0002 (later declined), FR-0003 (received planned), FR-0008
        #expect(overall.declined == 1)  // FR-0006 only
        #expect(overall.open == 2)  // FR-0005 and FR-0007 (status in no category)
        #expect(overall.actionedRate == 4.0 / 7.0)
        // Triage [2, 2, 3, 4, 5.25]: p90 rank 3.6 → 4 + 0.6 × 1.25.
        expectDurations(overall.triageDays, durations(5, 3, 4.75), "triage")
        // Action [4, 8, 10]: FR-0003 has none; p90 rank 1.8 → 8 + 0.8 × 2.
        expectDurations(overall.actionDays, durations(3, 8, 9.6), "action")
    }

    @Test("every month from first to last cohort, an empty one with zeros and null rate")
    func months() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query())
        #expect(report.byMonth.map(\.cohort) == ["2026-01", "2026-02", "2026-03"])
        let january = report.byMonth[0].counts
        #expect([january.received, january.excluded, january.actioned, january.declined, january.open] == [4, 1, 3, 0, 0] as [Int])
        #expect(january.actionedRate == 1.0)
        expectDurations(january.triageDays, durations(3, 3, 3.8), "january triage")
        // Even count: median of [4, 10] is their mean; p90 rank 0.9 → 4 + 0.9 × 6.
        expectDurations(january.actionDays, durations(2, 7, 9.4), "january action")
        #expect(report.byMonth[1].counts == .zero)
        #expect(report.byMonth[1].counts.actionedRate == nil)
        let march = report.byMonth[2].counts
        #expect([march.received, march.excluded, march.actioned, march.declined, march.open] == [4, 0, 1, 1, 2] as [Int])
        expectDurations(march.triageDays, durations(2, 3.625, 4.925), "march triage")
        expectDurations(march.actionDays, durations(1, 8, 8), "march action")
    }

    @Test("the JSON contract, key by key")
    func jsonContract() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(by: ["area"]))
        // No request of this history has customers: every demand figure is zero, rates null.
        let zero = #","demand": {"asks": 0,"asks_actioned": 0,"asks_rate": null,"arr": 0,"arr_actioned": 0,"arr_rate": null}"#
        let none = #""triage_days": {"count": 0,"median": null,"p90": null},"action_days": {"count": 0,"median": null,"p90": null}"# + zero
        let expected =
            #"{"rev": "0123456789abcdef0123456789abcdef01234567","window": {"since": null,"until": null},"#
            + #""overall": {"received": 8,"excluded": 1,"actioned": 4,"declined": 1,"open": 2,"actioned_rate": 0.5714285714285714,"#
            + #""triage_days": {"count": 5,"median": 3.0,"p90": 4.75},"action_days": {"count": 3,"median": 8.0,"p90": 9.6}"# + zero + "},"
            + #""by_month": ["#
            + #"{"cohort": "2026-01","received": 4,"excluded": 1,"actioned": 3,"declined": 0,"open": 0,"actioned_rate": 1.0,"#
            + #""triage_days": {"count": 3,"median": 3.0,"p90": 3.8},"action_days": {"count": 2,"median": 7.0,"p90": 9.4}"# + zero + "},"
            + #"{"cohort": "2026-02","received": 0,"excluded": 0,"actioned": 0,"declined": 0,"open": 0,"actioned_rate": null,"#
            + none + "},"
            + #"{"cohort": "2026-03","received": 4,"excluded": 0,"actioned": 1,"declined": 1,"open": 2,"actioned_rate": 0.25,"#
            + #""triage_days": {"count": 2,"median": 3.625,"p90": 4.925000000000001},"action_days": {"count": 1,"median": 8.0,"p90": 8.0}"# + zero + "}],"
            + #""by": {"area": ["#
            + #"{"value": "billing","received": 4,"excluded": 1,"actioned": 2,"declined": 0,"open": 1,"actioned_rate": 0.6666666666666666,"#
            + #""triage_days": {"count": 2,"median": 3.0,"p90": 3.8},"action_days": {"count": 2,"median": 7.0,"p90": 9.4}"# + zero + "},"
            + #"{"value": "reports","received": 3,"excluded": 0,"actioned": 2,"declined": 1,"open": 0,"actioned_rate": 0.6666666666666666,"#
            + #""triage_days": {"count": 3,"median": 3.0,"p90": 4.8},"action_days": {"count": 1,"median": 8.0,"p90": 8.0}"# + zero + "},"
            + #"{"value": null,"received": 1,"excluded": 0,"actioned": 0,"declined": 0,"open": 1,"actioned_rate": 0.0,"#
            + none + "}]},"
            + #""waiting": {"status": "new","count": 1,"oldest": {"id": "FR-0005","days": 40.0},"stale_after_days": 30,"#
            + #""stale": 1,"as_of": "2026-04-10T00:00:00Z"},"shallow": false}"#
        let json = StatsRenderer.json(report)
        #expect(squashed(json) == expected)
        // Full precision: every figure reads back as the double computed.
        #expect(json.contains("0.5714285714285714") && Double("0.5714285714285714") == 4.0 / 7.0)
        #expect(json.hasSuffix("}\n"))
        // Valid JSON, too.
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(json.utf8)) }
    }

    @Test("`by` is an empty object without group-by fields; window dates are echoed")
    func jsonWithoutGroups() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(since: "2026-03-01", until: "2026-04-01"))
        let json = squashed(StatsRenderer.json(report))
        #expect(json.contains(#""window": {"since": "2026-03-01","until": "2026-04-01"}"#))
        #expect(json.contains(#""by": {},"waiting""#))
    }

    @Test("a list field counts a request once per distinct value; an empty list is null")
    func listField() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(by: ["tags"]))
        let rows = try #require(report.by.first).rows
        #expect(rows.map(\.value) == [nil, "export", "finance"])  // 6, 2, 1 received
        #expect(rows.map(\.counts.received) == [6, 2, 1])
        // FR-0002 lists `export` twice and is counted once.
        #expect(rows[1].counts.actioned == 2)
        expectDurations(rows[1].counts.actionDays, durations(2, 7, 9.4), "export action")
        // The null row: FR-0003..FR-0008 (FR-0005's list is empty).
        #expect([rows[0].counts.excluded, rows[0].counts.actioned, rows[0].counts.declined, rows[0].counts.open] == [1, 2, 1, 2] as [Int])
        #expect(rows[0].counts.actionedRate == 0.4)
    }

    @Test("a sub-field of a list of mappings groups by each distinct value; ties sort by value")
    func subField() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(by: ["requested_by.segment"]))
        let table = try #require(report.by.first)
        #expect(table.field == "requested_by.segment")
        #expect(table.rows.map(\.value) == [nil, "enterprise", "smb"])
        #expect(table.rows.map(\.counts.received) == [5, 2, 2])
        let smb = table.rows[2].counts  // FR-0001 and FR-0003
        #expect(smb.actioned == 2)
        expectDurations(smb.triageDays, durations(2, 2.5, 2.9), "smb triage")
        expectDurations(smb.actionDays, durations(1, 10, 10), "smb action")
    }

    @Test("numbers and booleans group as their JSON text; a mapping's sub-field; a dotted key wins")
    func scalarKinds() throws {
        let t = at("2026-01-01")
        let history = History(
            rev: rev, revTime: t, shallow: false, commits: 1, unreadable: 0,
            requests: [
                request("A", received: t, status: "new", fields: ["severity": .integer(2), "vip": .bool(true), "score": .double(2.5), "owner": .object(["team": .string("core")])]),
                request("B", received: t, status: "new", fields: ["severity": .integer(2), "vip": .bool(false), "score": .null, "owner.team": .string("dotted"), "owner": .object(["team": .string("ignored")])]),
                request("C", received: t, status: "new", fields: ["severity": .string("2")]),
            ])
        let report = try Statistics.compute(history, config: config(), query: query(by: ["severity", "vip", "score", "owner.team", "severity"]))
        #expect(report.by.map(\.field) == ["severity", "vip", "score", "owner.team"])  // repeated field once
        #expect(report.by[0].rows.map(\.value) == ["2"])  // integer 2 and string "2" alike
        #expect(report.by[0].rows.first?.counts.received == 3)
        #expect(report.by[1].rows.map(\.value) == ["false", "true", nil])
        #expect(report.by[2].rows.map(\.value) == [nil, "2.5"])  // null and missing alike: 2 before 1
        #expect(report.by[2].rows.map(\.counts.received) == [2, 1])
        #expect(report.by[3].rows.map(\.value) == ["core", "dotted", nil])
    }

    @Test("since is inclusive and until exclusive, on the exact received second")
    func windowBoundaries() throws {
        // FR-0005 is received at 2026-03-01T00:00:00Z, FR-0007 at 2026-03-20T00:00:00Z.
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(since: "2026-03-01", until: "2026-03-20"))
        #expect(report.overall.received == 2)  // FR-0005, FR-0006
        #expect(report.byMonth.map(\.cohort) == ["2026-03"])
        // FR-0004 at 2026-01-31T23:59:59Z is in January, and before February.
        let january = try Statistics.compute(mixedHistory(), config: config(), query: query(until: "2026-02-01"))
        #expect(january.overall.received == 4)
        #expect(january.overall.excluded == 1)
        let later = try Statistics.compute(mixedHistory(), config: config(), query: query(since: "2026-02-01"))
        #expect(later.overall.received == 4)
        #expect(later.byMonth.map(\.cohort) == ["2026-03"])
    }

    @Test("an empty window: zeros, no months, null rates")
    func emptyWindow() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(since: "2027-01-01", by: ["area"]))
        #expect(report.overall == .zero)
        #expect(report.overall.actionedRate == nil)
        #expect(report.byMonth.isEmpty)
        #expect(report.by.first?.rows.isEmpty == true)
        #expect(StatsRenderer.text(report).hasPrefix("No requests received since 2027-01-01.\n"))
    }

    @Test("the same day as --since and --until: an empty window, not an error")
    func sameDayWindow() throws {
        let report = try Statistics.compute(mixedHistory(), config: config(), query: query(since: "2026-03-01", until: "2026-03-01"))
        #expect(report.overall == .zero)
        #expect(StatsRenderer.text(report).hasPrefix("No requests received in an empty window (`--until 2026-03-01` is exclusive).\n"))
    }

    @Test("a group-by field no request has is named, with the nearest one")
    func unknownGroupByField() throws {
        let unknown = Statistics.unknownFields(["area", "aera", "requested_by.segment", "zzz"], in: mixedHistory())
        #expect(unknown.map(\.field) == ["aera", "requested_by.segment", "zzz"] || unknown.map(\.field) == ["aera", "zzz"])
        #expect(unknown.first?.suggestion == "area")
    }

    @Test("a commit dated 9999-12-31 lists months with requests, not 95,000 empty ones")
    func aWrongClockDoesNotFloodTheMonths() throws {
        let history = History(
            rev: rev, revTime: at("9999-12-31"), shallow: false, commits: 2, unreadable: 0,
            requests: [request("A", received: at("2026-01-05"), status: "new"), request("B", received: at("9999-12-31"), status: "new")])
        let report = try Statistics.compute(history, config: config(), query: query())
        #expect(report.byMonth.map(\.cohort) == ["2026-01", "9999-12"])
        #expect(report.monthsWithRequestsOnly)
        #expect(StatsRenderer.text(report).contains("months with requests only"))
    }

    @Test("only excluded requests: the rate is null")
    func onlyExcluded() throws {
        let t = at("2026-05-01")
        let history = History(
            rev: rev, revTime: t, shallow: false, commits: 1, unreadable: 0,
            requests: [request("X", received: t, status: "duplicate")])
        let report = try Statistics.compute(history, config: config(), query: query())
        #expect(report.overall.excluded == 1)
        #expect(report.overall.actionedRate == nil)
        #expect(squashed(StatsRenderer.json(report)).contains(#""actioned_rate": null"#))
    }

    @Test(
        "bad dates and windows are clear errors",
        arguments: [
            (StatsQuery(since: "2026-13-01", asOf: 0), StatsError.badDate(option: "since", text: "2026-13-01"),
             "`since`: expected YYYY-MM-DD, got `2026-13-01`"),
            (StatsQuery(until: "2026-02-30", asOf: 0), .badDate(option: "until", text: "2026-02-30"),
             "`until`: expected YYYY-MM-DD, got `2026-02-30`"),
            (StatsQuery(since: "2026-03-02", until: "2026-03-01", asOf: 0), .emptyWindow(since: "2026-03-02", until: "2026-03-01"),
             "the window is reversed: `since` 2026-03-02 is after `until` 2026-03-01"),
            (StatsQuery(groupBy: ["area", ""], asOf: 0), .emptyField, "a group-by field name is empty"),
            (StatsQuery(staleDays: -1, asOf: 0), .negativeStaleDays(-1), "the stale age must be 0 days or more, got -1"),
        ])
    func badQuery(query: StatsQuery, error: StatsError, message: String) throws {
        let config = try config()
        #expect(throws: error) { try Statistics.compute(mixedHistory(), config: config, query: query) }
        #expect(error.description == message)
    }

    @Test(
        "parseDay accepts only real YYYY-MM-DD dates",
        arguments: [
            ("2026-01-01", Optional(Int64(1_767_225_600))), ("2024-02-29", 1_709_164_800), ("1969-12-31", -86_400),
            ("2026-02-29", nil), ("2026-13-01", nil), ("2026-00-10", nil), ("2026-04-31", nil), ("2026-1-01", nil),
            (" 2026-01-01", nil), ("2026-01-01T00:00:00Z", nil), ("２０２６-01-01", nil), ("", nil),
            ("2026-0１-01", nil), ("2026-01-01\u{301}", nil), ("2026/01/01", nil), ("2026-01-0a", nil), ("+026-01-01", nil),
        ])
    func parseDay(text: String, expected: Int64?) {
        #expect(Statistics.parseDay(text) == expected)
    }

    @Test("what waits: present requests in the initial status, whatever the window")
    func waiting() throws {
        let now = at("2026-06-01")
        let history = History(
            rev: rev, revTime: now, shallow: false, commits: 3, unreadable: 0,
            requests: [
                request("FR-0001", received: now - 41 * day - 12 * hour, status: "new"),
                request("FR-0002", received: now - 30 * day, status: "new"),  // exactly 30 days: not stale
                request("FR-0003", received: now - 90 * day, status: "new", present: false),  // removed
                request("FR-0004", received: now - 100 * day, status: "new", moves: [(day, "triaged")]),
                request("FR-0005", received: now - 41 * day - 12 * hour, status: "new"),  // ties FR-0001
            ])
        let q = StatsQuery(since: "2026-05-30", staleDays: 30, asOf: now)
        let waiting = try Statistics.compute(history, config: config(), query: q).waiting
        #expect(waiting.status == "new")
        #expect(waiting.count == 3)
        #expect(waiting.oldestID == "FR-0001")
        #expect(waiting.oldestDays == 41.5)
        #expect(waiting.stale == 2)
        let report = try Statistics.compute(history, config: config(), query: q)
        #expect(StatsRenderer.text(report).hasSuffix(
            "3 requests wait in `new`: the oldest, FR-0001, for 42 days; 2 for more than 30 days.\n"))
    }

    @Test("bogus committer clocks: a negative wait is 0 days; an absurd span lists non-empty months")
    func bogusClocks() throws {
        let t = at("2026-01-01")
        let history = History(
            rev: rev, revTime: t, shallow: false, commits: 2, unreadable: 0,
            requests: [
                request("A", received: t, status: "new", moves: [(-3 * day, "planned")]),
                request("B", received: 1_000_000_000_000_000, status: "new"),  // some 31 million years on
            ])
        let report = try Statistics.compute(history, config: config(), query: query())
        expectDurations(report.overall.triageDays, durations(1, 0, 0), "triage")
        expectDurations(report.overall.actionDays, durations(1, 0, 0), "action")
        #expect(report.byMonth.count == 2)
        #expect(report.byMonth.first?.cohort == "2026-01")
    }

    @Test("CSV fields: RFC 4180 quoting and the formula guard")
    func csvFields() {
        #expect(StatsRenderer.csvField("plain") == "plain")
        #expect(StatsRenderer.csvField("a,b") == "\"a,b\"")
        #expect(StatsRenderer.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(StatsRenderer.csvField("two\nlines") == "\"two\nlines\"")
        #expect(StatsRenderer.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(StatsRenderer.csvField("+1") == "'+1")
        #expect(StatsRenderer.csvField("-2") == "'-2")
        #expect(StatsRenderer.csvField("@sum") == "'@sum")
    }

    @Test("Markdown: a `|` in a value stays inside its cell")
    func markdownPipes() throws {
        let t = at("2026-01-01")
        let history = History(
            rev: rev, revTime: t, shallow: false, commits: 1, unreadable: 0,
            requests: [request("A", received: t, status: "new", fields: ["area": .string("a|b")])])
        let report = try Statistics.compute(history, config: config(), query: query(by: ["area"]))
        let markdown = StatsRenderer.markdown(report)
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| a") })
        #expect(row.hasPrefix(#"| a\|b |"#))
        // As many unescaped cell separators as the header row.
        let header = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| `area`") })
        func separators(_ line: Substring) -> Int {
            var count = 0
            var previous: Character = " "
            for character in line {
                if character == "|" && previous != "\\" { count += 1 }
                previous = character
            }
            return count
        }
        #expect(separators(row) == separators(header))
    }
}

// MARK: Golden outputs

/// One fixture per golden folder case; each renders to `<case>.<format>` under Golden/stats/.
enum StatsGoldenCase: String, CaseIterable, Sendable {
    /// The mixed history, no window, grouped by a scalar, a list and a sub-field.
    case mixed
    /// A closed window over March, from a shallow clone.
    case window
    /// A window with nothing in it.
    case empty
    /// Group values that need escaping in every format.
    case special

    func report() throws -> StatsReport {
        let config = try config()
        switch self {
        case .mixed:
            return try Statistics.compute(mixedHistory(), config: config, query: query(by: ["area", "tags", "requested_by.segment"]))
        case .window:
            return try Statistics.compute(
                mixedHistory(shallow: true), config: config, query: query(since: "2026-03-01", until: "2026-04-01", by: ["area"]))
        case .empty:
            return try Statistics.compute(mixedHistory(), config: config, query: query(since: "2027-01-01", by: ["area"]))
        case .special:
            let t = at("2026-02-03T10:00:00Z")
            let customers: [String] = [
                "Acme, Inc.", "=HYPERLINK(\"http://evil\")", "Pipe | Co", "Line\nBreak", "`tick` Co", "<b>Bold</b> & Co",
                "-5 Ltd", "Ünïcødé GmbH", "*stars* _under_",
            ]
            let requests = customers.enumerated().map { index, name in
                request(
                    "FR-\(1000 + index)", received: t + Int64(index) * day, status: "new",
                    moves: index % 2 == 0 ? [(Int64(index + 1) * hour, "planned")] : [],
                    fields: ["requested_by": .array([.object(["customer": .string(name)])])])
            }
            let history = History(rev: rev, revTime: t, shallow: false, commits: 9, unreadable: 0, requests: requests)
            return try Statistics.compute(history, config: config, query: query(by: ["requested_by.customer"]))
        }
    }
}

@Suite("Statistics renderers")
struct StatisticsRendererTests {
    @Test("golden outputs", arguments: StatsGoldenCase.allCases, ["txt", "md", "csv", "json"])
    func golden(_ fixture: StatsGoldenCase, _ format: String) throws {
        let report = try fixture.report()
        let output: String
        switch format {
        case "txt": output = StatsRenderer.render(report, format: .text)
        case "md": output = StatsRenderer.render(report, format: .markdown)
        case "csv": output = StatsRenderer.render(report, format: .csv)
        default: output = StatsRenderer.render(report, format: .json)
        }
        try Golden.check(output, "stats/\(fixture.rawValue).\(format)")
    }

    @Test("the CSV has one header and one row per overall, month and group, every row the same width")
    func csvShape() throws {
        let csv = StatsRenderer.csv(try StatsGoldenCase.mixed.report())
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // 1 header + overall + 3 months + area (3) + tags (3) + segment (3).
        #expect(lines.count == 1 + 1 + 3 + 9)
        #expect(lines.allSatisfy { $0.filter { $0 == "," }.count == 19 })
        // No customers on these timelines: asks and ARR 0, their rates empty.
        #expect(lines.contains("overall,,8,1,4,1,2,0.5714285714285714,5,3.0,4.75,3,8.0,9.6,0,0,,0,0,"))
        #expect(lines.contains("month,2026-02,0,0,0,0,0,,0,,,0,,,0,0,,0,0,"))
        #expect(lines.contains("by:area,,1,0,0,0,1,0.0,0,,,0,,,0,0,,0,0,"))
    }
}

// MARK: SVG

/// Counts elements by name and `class` while parsing; parse errors fail the test.
private final class SVGCensus: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var classes: [String: Int] = [:]
    var texts: [String] = []
    private var inText = false
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        if let names = attributes["class"] { classes[names, default: 0] += 1 }
        if name == "text" {
            inText = true
            current = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" {
            texts.append(current)
            inText = false
        }
    }

    static func parse(_ svg: String) -> SVGCensus? {
        let census = SVGCensus()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = census
        return parser.parse() ? census : nil
    }
}

@Suite("Statistics chart")
struct StatisticsChartTests {
    /// Requests in January, February, April and May 2026 (March empty, so its rate is null).
    private func gappedReport(rev: String = rev) throws -> StatsReport {
        let months = ["2026-01-10", "2026-02-10", "2026-04-10", "2026-05-10"]
        let requests = months.enumerated().map { index, date in
            request("FR-\(index)", received: at(date), status: index % 2 == 0 ? "planned" : "new")
        }
        let history = History(rev: rev, revTime: at("2026-06-01"), shallow: false, commits: 4, unreadable: 0, requests: requests)
        return try Statistics.compute(history, config: config(), query: query())
    }

    @Test("valid XML, one bar per month, the line broken at a month without a rate")
    func bars() throws {
        let svg = StatsRenderer.svg(try gappedReport())
        let census = try #require(SVGCensus.parse(svg), "the SVG is not well-formed XML")
        #expect(census.elements["svg"] == 1)
        #expect(census.classes["bar"] == 5)  // January to May, March included at height 0
        #expect(census.classes["rate-line"] == 2)  // January–February, April–May
        #expect(census.classes["point"] == 4)
        #expect(census.elements["script"] == nil)
        #expect(census.elements["image"] == nil)
        #expect(census.elements["style"] == nil)
        #expect(svg.components(separatedBy: "http").count == 2)  // nothing external: only the xmlns
        #expect(census.texts.contains("Requests received and actioned rate by month"))
        #expect(census.texts.contains("requests received"))
        #expect(census.texts.contains("actioned rate"))
        #expect(census.texts.contains("2026-03"))
        #expect(census.texts.contains("100%"))
    }

    @Test("text is escaped: `&`, `<`, `>` and quotes survive a round trip")
    func escaping() throws {
        let svg = StatsRenderer.svg(try gappedReport(rev: "a<&>\"'b"))
        let census = try #require(SVGCensus.parse(svg), "the SVG is not well-formed XML")
        #expect(census.texts.contains { $0.hasSuffix("rev a<&>\"'b") })
    }

    @Test("many months: every bar drawn, labels thinned to at most 24")
    func manyMonths() throws {
        let requests = (0..<30).map { index in
            let month = String(format: "%04d-%02d-15", 2024 + index / 12, index % 12 + 1)
            return request("FR-\(index)", received: at(month), status: "new")
        }
        let history = History(rev: rev, revTime: at("2027-01-01"), shallow: false, commits: 30, unreadable: 0, requests: requests)
        let report = try Statistics.compute(history, config: config(), query: query())
        #expect(report.byMonth.count == 30)
        let census = try #require(SVGCensus.parse(StatsRenderer.svg(report)))
        #expect(census.classes["bar"] == 30)
        let labels = census.texts.filter { $0.count == 7 && $0.hasPrefix("20") }
        #expect(labels.count <= 24 && labels.count >= 12)
    }

    @Test("an empty window still draws a valid chart, with no bar")
    func empty() throws {
        let census = try #require(SVGCensus.parse(StatsRenderer.svg(try StatsGoldenCase.empty.report())))
        #expect(census.classes["bar"] == nil)
        #expect(census.texts.contains("no requests received"))
    }
}
