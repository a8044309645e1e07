import FreqKit
import Testing

@Suite("what became of each customer's asks")
struct CustomerReportTests {
    static let config: RegistryConfig = {
        do {
            return try RegistryConfig.parse("""
                requests: "requests/*.md"
                status:
                  initial: new
                  categories: {open: [new, triaged], actioned: [planned, shipped], declined: [declined], excluded: [duplicate]}
                """, displayPath: "registry.yml", schemaBase: "")
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    static func day(_ text: String) -> Int64 { UTCTime.parseDay(text) ?? 0 }

    static func record(_ id: String, status: String, customers: [(String, Int?, String)], reason: String? = nil) -> RequestRecord {
        var fields: [String: JSONValue] = [
            "title": .string("Request \(id)"), "status": .string(status),
            "requested_by": .array(customers.map { name, arr, date in
                var entry: [String: JSONValue] = ["customer": .string(name), "date": .string(date)]
                if let arr { entry["arr"] = .integer(arr) }
                return .object(entry)
            }),
        ]
        if let reason { fields["reason"] = .string(reason) }
        return RequestRecord(id: id, path: "requests/\(id).md", status: status, category: config.category(of: status), fields: .object(fields))
    }

    /// `reason`: the reason field the file held at the last move.
    static func timeline(_ id: String, _ moves: [(String, String, String)], reason: String? = nil) -> RequestTimeline {
        RequestTimeline(
            id: id, path: "requests/\(id).md", status: moves.last?.2 ?? "new",
            received: HistoryPoint(commit: String(repeating: "0", count: 40), time: day("2026-01-01")), receivedStatus: "new",
            events: moves.enumerated().map { index, move in
                TimelineEvent(
                    kind: .status(from: move.1, to: move.2), at: HistoryPoint(commit: String(repeating: "a", count: 40), time: day(move.0)),
                    reason: index == moves.count - 1 ? reason : nil)
            },
            fields: .null, isPresent: true)
    }

    static let records = [
        record("FR-1", status: "planned", customers: [("Acme Corp", 120_000, "2026-01-10"), ("Globex", 9_000, "2026-01-02")]),
        record("FR-2", status: "declined", customers: [("acme corp.", 120_000, "2026-02-01")], reason: "Out of scope"),
        record("FR-3", status: "new", customers: [("Émile Söhne", nil, "2026-03-01")]),
    ]
    static let timelines = [
        "FR-1": timeline("FR-1", [("2026-01-05", "new", "triaged"), ("2026-01-20", "triaged", "planned")]),
        "FR-2": timeline("FR-2", [("2026-02-11", "new", "declined")], reason: "Out of scope"),
    ]

    @Test func oneCustomerWrittenTwoWaysIsOne() throws {
        let acme = try #require(CustomerReport.customer(
            "ACME corp", in: Self.records, timelines: Self.timelines, config: Self.config, asOf: Self.day("2026-04-01")))
        #expect(acme.asks.map(\.id) == ["FR-1", "FR-2"])
        #expect(acme.name == "Acme Corp")
        #expect(acme.otherSpellings == ["acme corp."])
        #expect(acme.arr == 120_000)
        #expect(acme.actioned == 1)
        #expect(acme.asks[1].reason == "Out of scope")
    }

    /// Changes since they asked only: Acme asked FR-1 on 01-10, after its triage on 01-05.
    @Test func changesSinceTheyAsked() throws {
        let acme = try #require(CustomerReport.customer(
            "Acme Corp", in: Self.records, timelines: Self.timelines, config: Self.config, asOf: Self.day("2026-04-01")))
        let changes = acme.asks[0].changes.compactMap { event -> String? in
            if case .status(let from, let to) = event.kind { return "\(from)>\(to)" }
            return nil
        }
        #expect(changes == ["triaged>planned"])
    }

    /// Waited: FR-1 from 01-10 to its plan on 01-20 (10 days), FR-2 from 02-01 to its decline
    /// on 02-11 (10); Globex from 01-02 to 01-20 (18); Émile still waits, 03-01 to 04-01 (31).
    @Test func howLongTheirAsksWaited() {
        let all = CustomerReport.customers(Self.records, timelines: Self.timelines, config: Self.config, asOf: Self.day("2026-04-01"))
        #expect(all.map(\.name) == ["Acme Corp", "Émile Söhne", "Globex"])
        #expect(all.map(\.waitedDays) == [[10, 10], [31], [18]])
        #expect(all.first?.medianWaitedDays == 10)
    }
}

@Suite("follow-up: whom to tell what")
struct FollowUpTests {
    @Test func oneEntryPerCustomerWithWhereEachRequestStartedAndIsNow() {
        let since = CustomerReportTests.day("2026-01-15")
        let entries = FollowUp.entries(
            CustomerReportTests.records, timelines: CustomerReportTests.timelines, since: since, config: CustomerReportTests.config)
        #expect(entries.map(\.customer) == ["Acme Corp", "Globex"])
        #expect(entries[0].items.map { "\($0.id) \($0.from)>\($0.to)" } == ["FR-1 triaged>planned", "FR-2 new>declined"])
        #expect(entries[0].items[1].reason == "Out of scope")
        let csv = FollowUpRenderer.render(entries, format: .csv)
        #expect(csv.hasPrefix("customer,ticket,id,title,from,to,time,reason\nAcme Corp,,FR-1,Request FR-1,triaged,planned,2026-01-20T00:00:00Z,\n"))
    }

    @Test func nothingMovedIsNobodyToTell() {
        let entries = FollowUp.entries(
            CustomerReportTests.records, timelines: CustomerReportTests.timelines,
            since: CustomerReportTests.day("2026-03-01"), config: CustomerReportTests.config)
        #expect(entries.isEmpty)
        #expect(FollowUpRenderer.render(entries, format: .text).hasPrefix("nobody to tell"))
    }
}
