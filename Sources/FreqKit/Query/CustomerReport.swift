/// What became of each customer's asks: the answer support reads before replying to a
/// customer (`freq customer NAME`), and the list of every customer (`freq customers`).
/// Names are matched as people write them (`CustomerList.normalized`): `Globex Inc.` and
/// `globex` are one customer.
public enum CustomerReport {
    /// One request a customer asked for.
    public struct Ask: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var status: String
        public var category: StatusCategory
        /// Why the request has its status (the `reason` field), when it says.
        public var reason: String?
        /// The entry's `date` as written (`YYYY-MM-DD`), when there is one.
        public var asked: String?
        public var ticket: String?
        public var arr: Int?
        /// Status changes on the mainline since the day they asked (all of them when the
        /// ask has no date), oldest first.
        public var changes: [TimelineEvent]
    }

    /// One customer and their asks.
    public struct Customer: Sendable, Hashable {
        /// The spelling written most often (ties: byte order).
        public var name: String
        /// Other spellings in the registry.
        public var otherSpellings: [String]
        public var asks: [Ask]
        /// The largest ARR any entry gives (entries repeat the customer's ARR; they are not
        /// summed).
        public var arr: Int?
        public var actioned: Int { asks.count { $0.category == .actioned } }
        /// Days each ask waited for a decision (actioned or declined) after it was made, or
        /// until `asOf` when none came yet; asks without a date are left out.
        public var waitedDays: [Int]
        public var medianWaitedDays: Double? { Self.median(waitedDays) }

        static func median(_ values: [Int]) -> Double? {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return nil }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        }
    }

    /// Every customer of `records`, by name (byte order of the normalized name).
    /// `timelines` gives each request's history by id (empty before the first commit).
    public static func customers(
        _ records: [RequestRecord], timelines: [String: RequestTimeline], config: RegistryConfig, asOf: Int64
    ) -> [Customer] {
        var groups: [String: [(spelling: String, ask: Ask)]] = [:]
        for record in records {
            for entry in record.customers where !entry.name.isEmpty {
                let ask = makeAsk(record, entry, timeline: timelines[record.id], config: config)
                let key = CustomerList.normalized(entry.name)
                // One request listing the customer twice (two spellings) is one ask.
                if groups[key]?.contains(where: { $0.ask.id == record.id }) == true { continue }
                groups[key, default: []].append((entry.name, ask))
            }
        }
        return groups.keys.sorted { $0.precedesInByteOrder($1) }.compactMap { key in
            guard let members = groups[key] else { return nil }
            var counts: [String: Int] = [:]
            for member in members { counts[member.spelling, default: 0] += 1 }
            let name = counts.keys.sorted { counts[$0] != counts[$1] ? counts[$0, default: 0] > counts[$1, default: 0] : $0.precedesInByteOrder($1) }
            let asks = members.map(\.ask).sorted { $0.id.precedesInByteOrder($1.id) }
            return Customer(
                name: name.first ?? key, otherSpellings: Array(name.dropFirst()), asks: asks,
                arr: asks.compactMap(\.arr).max(),
                waitedDays: asks.compactMap { waited($0, timeline: timelines[$0.id], config: config, asOf: asOf) })
        }
    }

    /// The customer `name` stands for (as people write it); nil when none asked for anything.
    public static func customer(
        _ name: String, in records: [RequestRecord], timelines: [String: RequestTimeline], config: RegistryConfig, asOf: Int64
    ) -> Customer? {
        let wanted = CustomerList.normalized(name)
        let theirs = records.filter { record in record.customers.contains { CustomerList.normalized($0.name) == wanted } }
        return customers(theirs, timelines: timelines, config: config, asOf: asOf)
            .first { CustomerList.normalized($0.name) == wanted }
    }

    private static func makeAsk(_ record: RequestRecord, _ entry: CustomerEntry, timeline: RequestTimeline?, config: RegistryConfig) -> Ask {
        let names = config.fields
        let detail = { (key: String) in entry.details.first { $0.key == key }?.value }
        let asked = detail(names.date)
        let since = asked.flatMap { UTCTime.parseDay(String($0.prefix(10))) }
        let changes = (timeline?.events ?? []).filter { event in
            guard case .status = event.kind else { return false }
            return since.map { event.at.time >= $0 } ?? true
        }
        return Ask(
            id: record.id, title: record.title, status: record.status, category: record.category,
            reason: record.scalarTexts[names.reason].flatMap { $0.isEmpty ? nil : $0 }, asked: asked,
            ticket: detail(names.ticket), arr: entry.arr, changes: changes)
    }

    /// Days from the ask to the first decision after it, or to `asOf` while none came.
    private static func waited(_ ask: Ask, timeline: RequestTimeline?, config: RegistryConfig, asOf: Int64) -> Int? {
        guard let day = ask.asked.flatMap({ UTCTime.parseDay(String($0.prefix(10))) }) else { return nil }
        let decided = (timeline?.events ?? []).first { event in
            guard case .status(_, let to) = event.kind, event.at.time >= day else { return false }
            let category = config.category(of: to)
            return category == .actioned || category == .declined
        }
        if decided == nil, ask.category == .actioned || ask.category == .declined {
            return 0  // decided before they asked: they could be told at once
        }
        let end = decided?.at.time ?? asOf
        return max(0, Int((end - day) / 86_400))
    }
}
