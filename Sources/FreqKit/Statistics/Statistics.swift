/// The `freq stats` computation: what share of requests product acted on, and how fast,
/// from request timelines (docs/history.md, "Statistics"; docs/contracts.md, stats).
public enum Statistics {
    /// Counts the requests of `history` received inside the query's window, overall, by
    /// month cohort and by each group-by field, and summarises the requests that wait.
    ///
    /// Throws for a date that is not `YYYY-MM-DD`, a window whose `since` is after its
    /// `until` (the same day is an empty window: nothing received), an empty group-by field
    /// name or a negative stale age.
    public static func compute(_ history: History, config: RegistryConfig, query: StatsQuery) throws(StatsError) -> StatsReport {
        var start: Int64?
        var end: Int64?
        if let since = query.since {
            guard let time = parseDay(since) else { throw .badDate(option: "since", text: since) }
            start = time
        }
        if let until = query.until {
            guard let time = parseDay(until) else { throw .badDate(option: "until", text: until) }
            end = time
        }
        if let start, let end, let since = query.since, let until = query.until, start > end {
            throw .emptyWindow(since: since, until: until)
        }
        guard query.staleDays >= 0 else { throw .negativeStaleDays(query.staleDays) }
        var fields: [String] = []
        for field in query.groupBy where !fields.contains(field) {
            guard !field.isEmpty else { throw .emptyField }
            fields.append(field)
        }

        let receivedFrom = query.receivedFrom
        let counted = history.requests.filter { request in
            let time = receivedFrom.time(of: request)
            return (start.map { time >= $0 } ?? true) && (end.map { time < $0 } ?? true)
        }.map { Outcome($0, received: receivedFrom.time(of: $0), config: config) }

        var overall = Tally()
        var months: [Int64: Tally] = [:]
        for outcome in counted {
            overall.add(outcome)
            months[outcome.month, default: Tally()].add(outcome)
        }
        // Every month from the first cohort to the last; a span beyond a century can only
        // come from a wrong clock (a commit dated 9999-12-31), and lists its months with
        // requests only, rather than 95,000 empty rows.
        var monthKeys = months.keys.sorted()
        var monthsWithRequestsOnly = false
        if let first = monthKeys.first, let last = monthKeys.last {
            if last - first < maxMonthSpan { monthKeys = Array(first...last) } else { monthsWithRequestsOnly = true }
        }
        let byMonth = monthKeys.map { MonthRow(cohort: cohort($0), counts: (months[$0] ?? Tally()).counts) }

        let tables = fields.map { field in
            var groups: [String?: Tally] = [:]
            for outcome in counted {
                for value in GroupValues.values(of: outcome.request.fields, field: field) {
                    groups[value, default: Tally()].add(outcome)
                }
            }
            let rows = groups.map { GroupRow(value: $0.key, counts: $0.value.counts) }
            return GroupTable(field: field, rows: rows.sorted(by: GroupValues.rowOrder))
        }

        var report = StatsReport(
            rev: history.rev, shallow: history.shallow, since: query.since, until: query.until,
            overall: overall.counts, byMonth: byMonth, by: tables,
            waiting: waiting(history, config: config, query: query))
        report.monthsWithRequestsOnly = monthsWithRequestsOnly
        return report
    }

    /// The group-by fields no request of `history` has (their first segment, for dotted
    /// ones), each with the nearest field that exists: most likely a typo.
    public static func unknownFields(_ fields: [String], in history: History) -> [(field: String, suggestion: String?)] {
        var known = Set<String>()
        for request in history.requests {
            if let members = request.fields.objectValue { known.formUnion(members.keys) }
        }
        guard !known.isEmpty else { return [] }
        return fields.compactMap { field in
            let name = String(field.split(separator: ".", maxSplits: 1).first ?? Substring(field))
            return known.contains(name) ? nil : (field, Suggestion.nearest(to: name, among: known))
        }
    }

    /// Seconds since 1970-01-01 of midnight UTC of a `YYYY-MM-DD` day, nil when the text is
    /// not exactly that form or not a real date (`2026-02-30`). The CLI validates
    /// `--since`/`--until` with it.
    public static func parseDay(_ text: String) -> Int64? {
        UTCTime.parseDay(text)
    }

    static let secondsPerDay: Int64 = 86_400
    static let maxMonthSpan: Int64 = 1_200

    /// `to − from` in seconds, saturating instead of trapping on absurd committer times.
    static func elapsed(from: Int64, to: Int64) -> Int64 {
        let (difference, overflow) = to.subtractingReportingOverflow(from)
        return overflow ? (to > from ? .max : .min) : difference
    }

    /// Months since year 0 (`year * 12 + month - 1`) of a time: the cohort key, so that
    /// empty months between cohorts can be counted out.
    static func monthIndex(of time: Int64) -> Int64 {
        let (year, month, _) = UTCTime.civil(days: UTCTime.floorDiv(time, secondsPerDay))
        return Int64(year) * 12 + Int64(month) - 1
    }

    /// `YYYY-MM` of a month index.
    static func cohort(_ index: Int64) -> String {
        let year = UTCTime.floorDiv(index, 12)
        let month = index - year * 12 + 1
        return UTCTime.pad(Int(year), 4) + "-" + UTCTime.pad(Int(month), 2)
    }

    /// Requests present at REV in the initial status. The window does not apply: what waits
    /// now is a question about now, not about when requests came in.
    static func waiting(_ history: History, config: RegistryConfig, query: StatsQuery) -> WaitingSummary {
        var count = 0
        var stale = 0
        var oldest: (id: String, age: Int64)?
        let staleSeconds = min(Int64(query.staleDays), Int64.max / secondsPerDay) * secondsPerDay
        for request in history.requests where request.isPresent && request.status == config.initialStatus {
            count += 1
            // A clock that ran backwards must not make an age negative.
            let age = max(0, elapsed(from: query.receivedFrom.time(of: request), to: query.asOf))
            if age > staleSeconds { stale += 1 }
            // Requests are sorted by id, so the first of equal ages keeps the smallest id.
            if oldest.map({ age > $0.age }) ?? true { oldest = (request.id, age) }
        }
        return WaitingSummary(
            status: config.initialStatus, count: count, oldestID: oldest?.id,
            oldestDays: oldest.map { Double($0.age) / Double(secondsPerDay) },
            staleDays: query.staleDays, stale: stale, asOf: query.asOf)
    }
}

/// How one request counts (docs/history.md, "How a request counts").
private struct Outcome {
    enum Standing { case excluded, actioned, declined, open }

    let request: RequestTimeline
    let month: Int64
    let standing: Standing
    /// Days to the first status event and to the first move into an actioned status;
    /// nil when there is none, or when the request is excluded.
    let triageDays: Double?
    let actionDays: Double?

    init(_ request: RequestTimeline, received: Int64, config: borrowing RegistryConfig) {
        self.request = request
        month = Statistics.monthIndex(of: received)
        var everActioned = config.category(of: request.receivedStatus) == .actioned
        var triage: Int64?
        var action: Int64?
        for event in request.events {
            guard case .status(let from, let to) = event.kind else { continue }
            if triage == nil { triage = event.at.time }
            if config.category(of: to) == .actioned {
                everActioned = true
                if action == nil && config.category(of: from) != .actioned { action = event.at.time }
            }
        }
        let current = config.category(of: request.status)
        let standing: Standing =
            current == .excluded ? .excluded : everActioned ? .actioned : current == .declined ? .declined : .open
        self.standing = standing
        // Committer clocks can run backwards along the mainline: a negative wait counts as 0.
        func days(_ time: Int64?) -> Double? {
            guard standing != .excluded, let time else { return nil }
            return Double(max(0, Statistics.elapsed(from: received, to: time))) / Double(Statistics.secondsPerDay)
        }
        triageDays = days(triage)
        actionDays = days(action)
    }
}

/// Accumulates the outcomes of one row.
private struct Tally {
    var received = 0
    var excluded = 0
    var actioned = 0
    var declined = 0
    var open = 0
    var triage: [Double] = []
    var action: [Double] = []
    var demand = DemandCounts.zero

    mutating func add(_ outcome: Outcome) {
        received += 1
        let facts = outcome.request.facts
        if outcome.standing != .excluded {
            demand.asks = Self.sum(demand.asks, facts.asks)
            demand.arr = Self.sum(demand.arr, facts.arr)
        }
        switch outcome.standing {
        case .excluded: excluded += 1
        case .actioned:
            actioned += 1
            demand.asksActioned = Self.sum(demand.asksActioned, facts.asks)
            demand.arrActioned = Self.sum(demand.arrActioned, facts.arr)
        case .declined: declined += 1
        case .open: open += 1
        }
        if let days = outcome.triageDays { triage.append(days) }
        if let days = outcome.actionDays { action.append(days) }
    }

    var counts: StatsCounts {
        StatsCounts(
            received: received, excluded: excluded, actioned: actioned, declined: declined, open: open,
            triageDays: DurationStats(days: triage), actionDays: DurationStats(days: action), demand: demand)
    }

    /// Saturates instead of trapping: ARR is whatever the files say.
    private static func sum(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : total
    }
}

/// The values a request has for a group-by field.
private enum GroupValues {
    /// Distinct values, in the order found; `[nil]` when the field is missing, null or an
    /// empty list. A list counts once per distinct item; `a.b` reads `b` of the mapping `a`,
    /// or of each mapping in the list `a`. A key spelled with the dot wins over the path.
    static func values(of fields: JSONValue, field: String) -> [String?] {
        var found: [JSONValue] = []
        collect(fields, path: field, into: &found)
        var seen = Set<String>()
        var result: [String?] = []
        for value in found {
            for text in texts(value) where seen.insert(text).inserted { result.append(text) }
        }
        return result.isEmpty ? [nil] : result
    }

    private static func collect(_ value: JSONValue, path: String, into found: inout [JSONValue]) {
        switch value {
        case .array(let items):
            for item in items { collect(item, path: path, into: &found) }
        case .object(let members):
            if let member = members[path] {
                found.append(member)
                return
            }
            var index = path.startIndex
            while let dot = path[index...].firstIndex(of: ".") {
                if let member = members[String(path[..<dot])] {
                    collect(member, path: String(path[path.index(after: dot)...]), into: &found)
                    return
                }
                index = path.index(after: dot)
            }
        default:
            return
        }
    }

    /// Scalars as text (numbers and booleans as JSON writes them); lists item by item;
    /// a mapping as compact JSON; null as nothing.
    private static func texts(_ value: JSONValue) -> [String] {
        switch value {
        case .null: return []
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(texts)
        default:
            var writer = JSONWriter(indent: "")
            writer.value(value)
            return [writer.text]
        }
    }

    /// Received descending, then value in byte order, the missing value last.
    static func rowOrder(_ a: GroupRow, _ b: GroupRow) -> Bool {
        if a.counts.received != b.counts.received { return a.counts.received > b.counts.received }
        switch (a.value, b.value) {
        case (let x?, let y?): return x.precedesInByteOrder(y)
        case (.some, nil): return true
        default: return false
        }
    }
}
