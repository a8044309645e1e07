/// Count, median and 90th percentile of durations in days; median and p90 nil when empty.
public struct DurationStats: Sendable, Hashable {
    public var count: Int
    public var median: Double?
    public var p90: Double?

    public init(count: Int, median: Double?, p90: Double?) {
        self.count = count
        self.median = median
        self.p90 = p90
    }

    /// Summarises durations (any order): the usual median, and p90 interpolated linearly
    /// between closest ranks (numpy's default, rank 0.9·(n−1)).
    public init(days: [Double]) {
        let sorted = days.sorted()
        count = sorted.count
        guard let first = sorted.first else {
            median = nil
            p90 = nil
            return
        }
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        // rank = 9(n−1)/10, split into whole and tenths with integers so it is exact.
        let tenths = 9 * (sorted.count - 1)
        let low = tenths / 10
        let fraction = Double(tenths % 10) / 10
        let lowValue = sorted.count > low ? sorted[low] : first
        let highValue = sorted.count > low + 1 ? sorted[low + 1] : lowValue
        p90 = lowValue + (highValue - lowValue) * fraction
    }
}

/// The demand behind a row's requests: customer asks (entries of the customers list) and
/// their ARR, of the requests that count (not excluded), and of the actioned ones among
/// them. Read from each request at REV (or at its last snapshot, if removed).
public struct DemandCounts: Sendable, Hashable {
    /// Customer asks of the requests that count.
    public var asks: Int
    /// Customer asks of the actioned requests.
    public var asksActioned: Int
    /// ARR of the requests that count (the sum of their entries' whole-number ARR).
    public var arr: Int
    /// ARR of the actioned requests.
    public var arrActioned: Int

    public init(asks: Int, asksActioned: Int, arr: Int, arrActioned: Int) {
        self.asks = asks
        self.asksActioned = asksActioned
        self.arr = arr
        self.arrActioned = arrActioned
    }

    public static let zero = DemandCounts(asks: 0, asksActioned: 0, arr: 0, arrActioned: 0)

    /// asks actioned / asks; nil when no ask counts.
    public var asksRate: Double? {
        asks > 0 ? Double(asksActioned) / Double(asks) : nil
    }

    /// ARR actioned / ARR; nil when the ARR that counts is not positive.
    public var arrRate: Double? {
        arr > 0 ? Double(arrActioned) / Double(arr) : nil
    }
}

/// The figures of one row of `freq stats`: overall, a month cohort or a group.
public struct StatsCounts: Sendable, Hashable {
    /// Requests received in the row (excluded ones included).
    public var received: Int
    /// Currently in an `excluded` status; left out of every other figure.
    public var excluded: Int
    /// Ever in an `actioned` status, received status included.
    public var actioned: Int
    /// Not actioned and currently `declined`.
    public var declined: Int
    /// The rest (a status in no category counts as open).
    public var open: Int
    /// Days from received to the first status event.
    public var triageDays: DurationStats
    /// Days from received to the first move from a non-actioned into an actioned status.
    public var actionDays: DurationStats
    /// Customer asks and ARR, and how much of each was actioned.
    public var demand: DemandCounts

    public init(
        received: Int, excluded: Int, actioned: Int, declined: Int, open: Int,
        triageDays: DurationStats, actionDays: DurationStats, demand: DemandCounts = .zero
    ) {
        self.received = received
        self.excluded = excluded
        self.actioned = actioned
        self.declined = declined
        self.open = open
        self.triageDays = triageDays
        self.actionDays = actionDays
        self.demand = demand
    }

    /// Nothing received.
    public static let zero = StatsCounts(
        received: 0, excluded: 0, actioned: 0, declined: 0, open: 0,
        triageDays: DurationStats(days: []), actionDays: DurationStats(days: []))

    /// actioned / (received − excluded); nil when no request counts.
    public var actionedRate: Double? {
        let counted = received - excluded
        return counted > 0 ? Double(actioned) / Double(counted) : nil
    }
}

/// One month cohort: the requests received in that UTC calendar month.
public struct MonthRow: Sendable, Hashable {
    /// `YYYY-MM`.
    public var cohort: String
    public var counts: StatsCounts

    public init(cohort: String, counts: StatsCounts) {
        self.cohort = cohort
        self.counts = counts
    }
}

/// One value of a group-by field, and the requests holding it.
public struct GroupRow: Sendable, Hashable {
    /// The value as text (numbers and booleans as their JSON text); nil: missing or empty.
    public var value: String?
    public var counts: StatsCounts

    public init(value: String?, counts: StatsCounts) {
        self.value = value
        self.counts = counts
    }
}

/// The rows of one `--by FIELD`, sorted by received descending, then value (nil last).
public struct GroupTable: Sendable, Hashable {
    public var field: String
    public var rows: [GroupRow]

    public init(field: String, rows: [GroupRow]) {
        self.field = field
        self.rows = rows
    }
}

/// Requests present at REV and still in the initial status, whatever the window.
public struct WaitingSummary: Sendable, Hashable {
    /// The initial status they wait in.
    public var status: String
    public var count: Int
    /// The longest waiting request (smallest id among equals), nil when none waits.
    public var oldestID: String?
    /// Its age in days: as-of time minus received time.
    public var oldestDays: Double?
    /// The threshold, and how many have waited longer than it.
    public var staleDays: Int
    public var stale: Int
    /// "Now" the ages were measured at, seconds since 1970-01-01 UTC.
    public var asOf: Int64

    public init(status: String, count: Int, oldestID: String?, oldestDays: Double?, staleDays: Int, stale: Int, asOf: Int64) {
        self.status = status
        self.count = count
        self.oldestID = oldestID
        self.oldestDays = oldestDays
        self.staleDays = staleDays
        self.stale = stale
        self.asOf = asOf
    }
}

/// Everything `freq stats` reports; the renderers turn it into text, JSON, CSV, Markdown, SVG.
public struct StatsReport: Sendable, Hashable {
    /// The revision the history ends at.
    public var rev: String
    /// Whether the history comes from a shallow clone (early requests counted at its oldest commit).
    public var shallow: Bool
    /// The window as given (`YYYY-MM-DD`; until exclusive).
    public var since: String?
    public var until: String?
    public var overall: StatsCounts
    /// Every month from the first to the last cohort, empty months included.
    public var byMonth: [MonthRow]
    /// Whether `byMonth` lists only months with requests, because the history spans more
    /// than a century (a commit with a wrong clock).
    public var monthsWithRequestsOnly = false
    /// One table per group-by field, in the order asked.
    public var by: [GroupTable]
    public var waiting: WaitingSummary

    public init(
        rev: String, shallow: Bool, since: String?, until: String?, overall: StatsCounts,
        byMonth: [MonthRow], by: [GroupTable], waiting: WaitingSummary
    ) {
        self.rev = rev
        self.shallow = shallow
        self.since = since
        self.until = until
        self.overall = overall
        self.byMonth = byMonth
        self.by = by
        self.waiting = waiting
    }
}
