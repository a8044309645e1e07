import Foundation
import Testing

@testable import FreqKit

/// The share of demand actioned, on a history small enough to work out by hand.
@Suite("Demand-weighted statistics")
struct DemandStatisticsTests {
    static let config: RegistryConfig = {
        do {
            return try RegistryConfig.parse("""
                requests: "requests/*.md"
                status:
                  initial: new
                  categories:
                    open: [new, triaged]
                    actioned: [planned, in-progress, shipped]
                    declined: [declined]
                    excluded: [duplicate]
                """, displayPath: "registry.yml", schemaBase: "")
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    static func day(_ text: String) -> Int64 { UTCTime.parseDay(text) ?? 0 }

    /// A request received on `received` (mainline), moved once to `to` a day later when
    /// given, with `asks` customer entries worth `arr` in all, `created` its own date.
    static func request(
        _ id: String, received: String, status: String = "new", to: String? = nil, asks: Int, arr: Int,
        area: String? = nil, created: String? = nil
    ) -> RequestTimeline {
        let time = day(received)
        let events = to.map { [TimelineEvent(kind: .status(from: status, to: $0), at: HistoryPoint(commit: String(repeating: "b", count: 40), time: time + 86_400))] } ?? []
        return RequestTimeline(
            id: id, path: "requests/\(id).md", status: to ?? status,
            received: HistoryPoint(commit: String(repeating: "a", count: 40), time: time), receivedStatus: status, events: events,
            fields: .object(area.map { ["area": .string($0)] } ?? [:]), isPresent: true,
            facts: RequestFacts(asks: asks, arr: arr, created: created.map(day)))
    }

    /// | id   | received | standing          | asks | ARR     | area    | created    |
    /// |------|----------|-------------------|------|---------|---------|------------|
    /// | FR-1 | 01-05    | actioned (planned)| 3    | 100,000 | billing |            |
    /// | FR-2 | 01-20    | declined          | 1    |  50,000 | reports |            |
    /// | FR-3 | 02-02    | open              | 2    |       0 | billing | 2026-01-25 |
    /// | FR-4 | 02-10    | excluded          | 4    | 400,000 | billing |            |
    /// | FR-5 | 02-15    | actioned (shipped)| 1    |  25,000 | reports |            |
    /// | FR-6 | 03-01    | open              | 0    |       0 | (none)  | 2026-03-05 |
    static let history = History(
        rev: String(repeating: "c", count: 40), revTime: day("2026-04-01"), shallow: false, commits: 9, unreadable: 0,
        requests: [
            request("FR-1", received: "2026-01-05", to: "planned", asks: 3, arr: 100_000, area: "billing"),
            request("FR-2", received: "2026-01-20", to: "declined", asks: 1, arr: 50_000, area: "reports"),
            request("FR-3", received: "2026-02-02", asks: 2, arr: 0, area: "billing", created: "2026-01-25"),
            request("FR-4", received: "2026-02-10", to: "duplicate", asks: 4, arr: 400_000, area: "billing"),
            request("FR-5", received: "2026-02-15", status: "planned", to: "shipped", asks: 1, arr: 25_000, area: "reports"),
            request("FR-6", received: "2026-03-01", asks: 0, arr: 0, created: "2026-03-05"),
        ])

    static func report(_ receivedFrom: ReceivedFrom = .mainline) throws -> StatsReport {
        try Statistics.compute(
            history, config: config, query: StatsQuery(groupBy: ["area"], asOf: day("2026-04-01"), receivedFrom: receivedFrom))
    }

    /// Overall, excluded FR-4 left out: asks 3+1+2+1+0 = 7, actioned FR-1 and FR-5: 3+1 = 4,
    /// 4/7; ARR 100,000+50,000+25,000 = 175,000, actioned 125,000: 5/7. Requests: 2 of 5.
    @Test func overall() throws {
        let overall = try Self.report().overall
        #expect(overall.actionedRate == 2.0 / 5.0)
        #expect(overall.demand == DemandCounts(asks: 7, asksActioned: 4, arr: 175_000, arrActioned: 125_000))
        #expect(overall.demand.asksRate == 4.0 / 7.0)
        #expect(overall.demand.arrRate == 125_000.0 / 175_000.0)
    }

    /// January: FR-1, FR-2: asks 4, actioned 3 (3/4); ARR 150,000, actioned 100,000 (2/3).
    /// February: FR-3, FR-5 (FR-4 excluded): asks 3, actioned 1 (1/3); ARR 25,000, all
    /// actioned (1). March: FR-6 has no customer: 0 asks, both rates null.
    @Test func byMonth() throws {
        let months = try Self.report().byMonth
        #expect(months.map(\.cohort) == ["2026-01", "2026-02", "2026-03"])
        #expect(months.map(\.counts.demand) == [
            DemandCounts(asks: 4, asksActioned: 3, arr: 150_000, arrActioned: 100_000),
            DemandCounts(asks: 3, asksActioned: 1, arr: 25_000, arrActioned: 25_000),
            DemandCounts(asks: 0, asksActioned: 0, arr: 0, arrActioned: 0),
        ])
        #expect(months.map(\.counts.demand.asksRate) == [0.75, 1.0 / 3.0, nil])
        #expect(months.map(\.counts.demand.arrRate) == [2.0 / 3.0, 1.0, nil])
    }

    /// billing: FR-1, FR-3 (FR-4 excluded): asks 5, actioned 3 (0.6); ARR 100,000, all
    /// actioned. reports: FR-2, FR-5: asks 2, actioned 1; ARR 75,000, actioned 25,000 (1/3).
    /// (none): FR-6, nothing asked.
    @Test func byField() throws {
        let rows = try #require(try Self.report().by.first).rows
        #expect(rows.map(\.value) == ["billing", "reports", nil])
        #expect(rows.map(\.counts.demand) == [
            DemandCounts(asks: 5, asksActioned: 3, arr: 100_000, arrActioned: 100_000),
            DemandCounts(asks: 2, asksActioned: 1, arr: 75_000, arrActioned: 25_000),
            DemandCounts(asks: 0, asksActioned: 0, arr: 0, arrActioned: 0),
        ])
        #expect(rows.map(\.counts.demand.asksRate) == [0.6, 0.5, nil])
    }

    /// `--received created`: FR-3 counts from its created day, 01-25 (before it landed on
    /// 02-02), so January holds FR-1, FR-2, FR-3: asks 6, actioned 3; February FR-4
    /// (excluded), FR-5: asks 1, actioned 1. FR-6's created day is after it landed: it
    /// stays on 03-01.
    @Test func fromTheirOwnDates() throws {
        let months = try Self.report(.created).byMonth
        #expect(months.map(\.counts.received) == [3, 2, 1])
        #expect(months.map(\.counts.demand.asks) == [6, 1, 0])
        #expect(months.map(\.counts.demand.asksActioned) == [3, 1, 0])
    }

    /// JSON and CSV carry the figures at full precision, after the request counts.
    @Test func exactInJSONAndCSV() throws {
        let report = try Self.report()
        let json = StatsRenderer.json(report)
        #expect(json.contains("""
                "demand": {
                  "asks": 7,
                  "asks_actioned": 4,
                  "asks_rate": 0.5714285714285714,
                  "arr": 175000,
                  "arr_actioned": 125000,
                  "arr_rate": 0.7142857142857143
                }
            """))
        let csv = StatsRenderer.csv(report).split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",action_p90,asks,asks_actioned,asks_rate,arr,arr_actioned,arr_rate"))
        #expect(csv[1].hasPrefix("overall,,6,1,2,1,2,0.4,"))
        #expect(csv[1].hasSuffix(",7,4,0.5714285714285714,175000,125000,0.7142857142857143"))
        #expect(csv.contains { $0.hasPrefix("month,2026-03,") && $0.hasSuffix(",0,0,,0,0,") })
        let text = StatsRenderer.text(report)
        #expect(text.contains("they carry 4 of 7 customer asks (57%) and 125,000 of 175,000 ARR (71%)"))
        let markdown = StatsRenderer.markdown(report)
        #expect(markdown.contains("| Customer asks | Asks actioned | ARR actioned |"))
    }
}
