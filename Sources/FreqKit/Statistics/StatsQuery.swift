/// What `freq stats` is asked: the window, the group-by fields, and "now".
public struct StatsQuery: Sendable, Hashable {
    /// First day of the window, `YYYY-MM-DD`, inclusive, UTC; nil: from the beginning.
    public var since: String?
    /// Day after the window, `YYYY-MM-DD`, exclusive, UTC; nil: up to REV.
    public var until: String?
    /// Front-matter fields to group by, in order; `requested_by.segment` names a sub-field
    /// (of a mapping, or of each mapping in a list). Repeated names are counted once.
    public var groupBy: [String]
    /// A request waiting in the initial status longer than this many days is stale.
    public var staleDays: Int
    /// "Now" for the age of waiting requests, seconds since 1970-01-01 UTC.
    public var asOf: Int64
    /// When a request counts as received.
    public var receivedFrom: ReceivedFrom

    public init(
        since: String? = nil, until: String? = nil, groupBy: [String] = [], staleDays: Int = 30, asOf: Int64,
        receivedFrom: ReceivedFrom = .mainline
    ) {
        self.since = since
        self.until = until
        self.groupBy = groupBy
        self.staleDays = staleDays
        self.asOf = asOf
        self.receivedFrom = receivedFrom
    }
}

/// When a request counts as received (`freq stats --received`).
public enum ReceivedFrom: String, Sendable, Hashable, CaseIterable {
    /// When its file first landed on the mainline (an imported request: the import).
    case mainline
    /// The day of its `created` field (`fields.created`), when it has a valid one that is
    /// not later than its landing; otherwise when it landed. Imported requests count from
    /// their own dates this way.
    case created

    /// The received time of `request` this way.
    public func time(of request: RequestTimeline) -> Int64 {
        switch self {
        case .mainline: return request.received.time
        case .created: return min(request.facts.created ?? request.received.time, request.received.time)
        }
    }
}

/// A query `freq stats` cannot answer: a usage error (exit 2), never a finding.
public enum StatsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `option` is `since` or `until`; `text` is what was given.
    case badDate(option: String, text: String)
    /// `since` is after `until`: the window is reversed.
    case emptyWindow(since: String, until: String)
    case emptyField
    case negativeStaleDays(Int)

    public var description: String {
        switch self {
        case .badDate(let option, let text):
            return "`\(option)`: expected YYYY-MM-DD, got `\(text)`"
        case .emptyWindow(let since, let until):
            return "the window is reversed: `since` \(since) is after `until` \(until)"
        case .emptyField:
            return "a group-by field name is empty"
        case .negativeStaleDays(let days):
            return "the stale age must be 0 days or more, got \(days)"
        }
    }
}
