/// The commit credited with a change (docs/history.md, "Credit"): for a change a merge
/// brought, the commit on the merged branch that made it; otherwise the mainline commit.
public struct CommitCredit: Sendable, Hashable, Codable {
    /// 40-hex commit id.
    public var commit: String
    /// Its author's name.
    public var author: String
    /// Its author time, seconds since 1970-01-01 UTC: when the change was written, which
    /// for a merged branch is before the merge (the point's `time`).
    public var time: Int64
    /// Its subject line.
    public var subject: String

    public init(commit: String, author: String, time: Int64, subject: String) {
        self.commit = commit
        self.author = author
        self.time = time
        self.subject = subject
    }
}

/// A moment on the mainline: the commit that brought something, its committer time, and
/// the commit credited with the change.
public struct HistoryPoint: Sendable, Hashable, Codable {
    /// 40-hex commit id.
    public var commit: String
    /// Committer time of that mainline commit, seconds since 1970-01-01 UTC. Every figure
    /// is computed from this time, never from the credit's.
    public var time: Int64
    /// Who made the change and why; every walk sets it (nil only for a point built by hand).
    public var change: CommitCredit?

    public init(commit: String, time: Int64, change: CommitCredit? = nil) {
        self.commit = commit
        self.time = time
        self.change = change
    }
}

/// Something that happened to a request on the mainline (docs/history.md, "Events").
public struct TimelineEvent: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        case status(from: String, to: String)
        case removed
        case restored
    }

    public var kind: Kind
    public var at: HistoryPoint
    /// For a status event: the reason field the request file held at that commit (nil when
    /// it had none); nil for other events.
    public var reason: String?

    public init(kind: Kind, at: HistoryPoint, reason: String? = nil) {
        self.kind = kind
        self.at = at
        self.reason = reason
    }
}

/// What the walk reads from a request file besides its id and status: why it has its
/// status, and the demand behind it (docs/history.md, "Reasons and demand").
public struct RequestFacts: Sendable, Hashable, Codable {
    /// The reason field's text (`fields.reason`); nil when missing, empty or not a scalar.
    public var reason: String?
    /// Customer asks: the entries of the customers list (`fields.customers`).
    public var asks: Int
    /// The sum of the entries' whole-number ARR (`fields.arr`); saturates.
    public var arr: Int
    /// Midnight UTC of the `created` field's day (seconds since 1970); nil without one.
    public var created: Int64?

    public init(reason: String? = nil, asks: Int = 0, arr: Int = 0, created: Int64? = nil) {
        self.reason = reason
        self.asks = asks
        self.arr = arr
        self.created = created
    }

    /// A file with no such fields.
    public static let none = RequestFacts()

    /// Reads the facts from a file's typed front matter, as `list` counts customers and ARR.
    public init(fields: JSONValue, names: FieldNames) {
        self.init()
        if let value = fields[names.reason], let text = RequestRecord.scalarText(value), !text.isEmpty {
            reason = text
        }
        if let value = fields[names.created], let text = RequestRecord.scalarText(value) {
            created = UTCTime.parseDay(String(text.prefix(10)))
        }
        guard let entries = fields[names.customers]?.arrayValue else { return }
        asks = entries.count
        for entry in entries {
            guard let value = entry.objectValue?[names.arr], let amount = RequestRecord.wholeNumber(value) else { continue }
            let (sum, overflow) = arr.addingReportingOverflow(amount)
            arr = overflow ? (amount > 0 ? Int.max : Int.min) : sum
        }
    }
}

/// One request's life on the mainline.
public struct RequestTimeline: Sendable, Hashable {
    public var id: String
    /// The last known path and status.
    public var path: String
    public var status: String
    /// When the request first appeared on the mainline, and its status then.
    public var received: HistoryPoint
    public var receivedStatus: String
    /// The reason field of the file as received (nil when it had none).
    public var receivedReason: String?
    /// Oldest first.
    public var events: [TimelineEvent]
    /// The front matter at REV, or at its last snapshot if removed (group-by fields).
    public var fields: JSONValue
    /// Whether the request is in the snapshot at REV (false after a removal).
    public var isPresent: Bool
    /// Reason, customer asks, ARR and created day at REV, or at its last snapshot if removed.
    public var facts: RequestFacts

    public init(
        id: String, path: String, status: String, received: HistoryPoint, receivedStatus: String,
        events: [TimelineEvent], fields: JSONValue, isPresent: Bool, receivedReason: String? = nil,
        facts: RequestFacts = .none
    ) {
        self.id = id
        self.path = path
        self.status = status
        self.received = received
        self.receivedStatus = receivedStatus
        self.receivedReason = receivedReason
        self.events = events
        self.fields = fields
        self.isPresent = isPresent
        self.facts = facts
    }
}

/// A request as `freq history` lists it: its timeline without the events themselves.
public struct RequestSummary: Sendable, Hashable {
    public var id: String
    /// The last known path and status.
    public var path: String
    public var status: String
    public var receivedTime: Int64
    /// Whether the request is in the snapshot at REV.
    public var isPresent: Bool
    public var eventCount: Int
}

/// Every request's timeline from the first-parent history ending at a revision.
public struct History: Sendable, Hashable {
    /// 40-hex id of the revision the walk ended at.
    public var rev: String
    /// Committer time of that revision.
    public var revTime: Int64
    public var shallow: Bool
    /// Mainline commits walked.
    public var commits: Int
    /// Distinct file versions (path and blob) that entered a snapshot unreadable.
    public var unreadable: Int
    /// Sorted by id, byte order.
    public var requests: [RequestTimeline]

    public init(rev: String, revTime: Int64, shallow: Bool, commits: Int, unreadable: Int, requests: [RequestTimeline]) {
        self.rev = rev
        self.revTime = revTime
        self.shallow = shallow
        self.commits = commits
        self.unreadable = unreadable
        self.requests = requests
    }
}

/// A finished walk: the figures of docs/contracts.md and every request's timeline,
/// read on demand (from the cache it resumed, for requests the new commits left alone).
public struct HistoryWalk: Sendable {
    /// 40-hex id of the revision the walk ended at.
    public let rev: String
    public let shallow: Bool
    public let state: HistoryState

    /// Committer time of the revision.
    public var revTime: Int64 { state.lastTime }
    /// Mainline commits walked.
    public var commits: Int { state.commits }
    /// Distinct file versions (path and blob) that entered a snapshot unreadable.
    public var unreadable: Int { state.unreadableCount }
    /// Requests ever seen.
    public var requestCount: Int { state.requestCount }

    /// Every timeline, decoded. Without `credits`, no point has its `change` and no event
    /// its `reason` (the facts stay): the
    /// statistics never read them, so a warm `stats` need not decode every credit (18,000
    /// on the benchmark registry) from the cache.
    public func history(credits: Bool = true) -> History {
        History(
            rev: rev, revTime: revTime, shallow: shallow, commits: commits, unreadable: unreadable,
            requests: state.timelines(credits: credits))
    }

    /// Every request without its events, sorted by id (byte order).
    public func summaries() -> [RequestSummary] { state.summaries() }

    /// One request's timeline; `id` as written.
    public func timeline(id: String) -> RequestTimeline? { state.timeline(id: id) }

    /// Every request id, byte order.
    public func ids() -> [String] { state.ids() }
}
