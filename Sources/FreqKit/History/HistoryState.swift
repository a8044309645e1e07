/// A file matching the requests glob in the current snapshot.
struct FileVersion: Sendable, Hashable {
    /// 40-hex blob id.
    var blob: String
    /// Id and status as written; nil when unreadable (docs/history.md, "Readable files").
    var id: String?
    var status: String?
    /// Reason and demand, for a readable file.
    var facts: RequestFacts = .none
}

/// A request's timeline while the walk is in progress.
struct RequestState: Sendable, Hashable {
    var id: String
    var path: String
    var status: String
    var received: HistoryPoint
    var receivedStatus: String
    var receivedReason: String?
    var events: [TimelineEvent]
    var isPresent: Bool
    /// The blob of its last snapshot, to read its fields at the end.
    var lastBlob: String
    /// The facts of its last snapshot.
    var facts: RequestFacts

    var summary: RequestSummary {
        RequestSummary(
            id: id, path: path, status: status, receivedTime: received.time, isPresent: isPresent, eventCount: events.count)
    }

    var timeline: RequestTimeline {
        RequestTimeline(
            id: id, path: path, status: status, received: received, receivedStatus: receivedStatus, events: events,
            fields: .null, isPresent: isPresent, receivedReason: receivedReason, facts: facts)
    }

    /// The timeline without the credits and reasons (`HistoryWalk.history(credits:)`).
    var timelineWithoutCredits: RequestTimeline {
        var timeline = timeline
        timeline.received.change = nil
        timeline.receivedReason = nil
        for index in timeline.events.indices {
            timeline.events[index].at.change = nil
            timeline.events[index].reason = nil
        }
        return timeline
    }
}

/// Everything the history walk knows after a commit: what a cache stores, so that a
/// later run resumes from that commit instead of walking again.
///
/// A resumed state keeps the cache it came from (`base`) undecoded and records only what
/// changed since: a run after one new commit reads a handful of records, not 10,000.
public struct HistoryState: Sendable {
    var fingerprint = ""
    /// The last commit processed and its requests-folder tree (40-hex).
    var lastCommit: String?
    var lastTime: Int64 = 0
    var lastFolder: String?
    var commits = 0

    /// The cache this walk resumed from; everything below overrides it.
    let base: HistoryCacheImage?
    // Keyed by bytes, not by Swift's Unicode-equivalence: see `ByteKey`.
    /// Files changed since `base`; a nil version is a file removed.
    private(set) var changedFiles: [ByteKey: FileVersion?] = [:]
    /// Readable paths per id, smallest (byte order) first: the first one counts.
    private(set) var changedHolders: [ByteKey: [String]] = [:]
    private(set) var changedRequests: [ByteKey: RequestState] = [:]
    /// `path NUL blob` of the unreadable versions seen that `base` does not hold.
    private(set) var addedUnreadable: Set<ByteKey> = []

    public init() { base = nil }

    init(resuming image: HistoryCacheImage) {
        base = image
        fingerprint = image.fingerprint
        lastCommit = image.lastCommit
        lastTime = image.lastTime
        lastFolder = image.lastFolder
        commits = image.commits
    }

    /// Replays a delta read back from the cache (`HistoryDelta`).
    mutating func restoreChanges(
        files: [ByteKey: FileVersion?], requests: [(RequestState, holders: [String])], unreadable: Set<ByteKey>
    ) {
        changedFiles = files
        for (request, holders) in requests {
            changedRequests[ByteKey(request.id)] = request
            changedHolders[ByteKey(request.id)] = holders
        }
        addedUnreadable = unreadable
    }

    /// The commit this state describes (40-hex), nil before any.
    public var commit: String? { lastCommit }

    /// Whether it was resumed from a cache (and so names objects it did not read itself).
    public var isResumed: Bool { base != nil }

    // MARK: Files

    func file(_ path: String) -> FileVersion? {
        if let changed = changedFiles[ByteKey(path)] { return changed }
        return base?.file(path)
    }

    mutating func setFile(_ path: String, _ version: FileVersion) {
        removeFile(path)
        changedFiles[ByteKey(path)] = version
        // Only a file with an id *and* a status holds its id: `update` then always keeps a
        // request for an id with holders, and the cache stores holders in that record.
        if let id = version.id, version.status != nil { addHolder(id, path) }
    }

    mutating func removeFile(_ path: String) {
        guard let old = file(path) else { return }
        if base?.file(path) == nil {
            changedFiles.removeValue(forKey: ByteKey(path))
        } else {
            changedFiles.updateValue(nil, forKey: ByteKey(path))
        }
        if let id = old.id, old.status != nil {
            var paths = holders(of: ByteKey(id))
            paths.removeAll { $0.utf8.elementsEqual(path.utf8) }
            changedHolders[ByteKey(id)] = paths
        }
    }

    func holders(of id: ByteKey) -> [String] {
        if let changed = changedHolders[id] { return changed }
        guard let base, let index = base.requestIndex(id.text) else { return [] }
        return base.request(at: index)?.holders ?? []
    }

    private mutating func addHolder(_ id: String, _ path: String) {
        var paths = holders(of: ByteKey(id))
        let index = paths.firstIndex { path.precedesInByteOrder($0) } ?? paths.endIndex
        paths.insert(path, at: index)
        changedHolders[ByteKey(id)] = paths
    }

    // MARK: Unreadable versions

    mutating func insertUnreadable(_ version: ByteKey) {
        if base?.containsUnreadable(version.text) == true { return }
        addedUnreadable.insert(version)
    }

    var unreadableCount: Int { (base?.unreadable.count ?? 0) + addedUnreadable.count }

    // MARK: Requests

    func request(_ id: ByteKey) -> RequestState? {
        if let changed = changedRequests[id] { return changed }
        guard let base, let index = base.requestIndex(id.text) else { return nil }
        return base.request(at: index)?.state
    }

    /// The blob of request `id`'s last snapshot, its record read without credits or reasons.
    func lastBlob(_ id: ByteKey) -> String? {
        if let changed = changedRequests[id] { return changed.lastBlob }
        guard let base, let index = base.requestIndex(id.text) else { return nil }
        return base.request(at: index, credits: false)?.state.lastBlob
    }

    /// Brings request `id` up to date with the current snapshot (History semantics 5-6).
    /// `credited` names the commit to credit with a change to a path, when it is not the
    /// point's own: the request file's path (its last known one, for a removal).
    mutating func update(id: String, at point: HistoryPoint, credited: (String) -> CommitCredit? = { _ in nil }) {
        let key = ByteKey(id)
        func at(_ path: String) -> HistoryPoint {
            guard let credit = credited(path) else { return point }
            var credited = point
            credited.change = credit
            return credited
        }
        let holder = holders(of: key).first.flatMap { path in file(path).map { (path, $0) } }
        guard let (path, version) = holder, let status = version.status else {
            if var request = request(key), request.isPresent {
                request.isPresent = false
                request.events.append(TimelineEvent(kind: .removed, at: at(request.path)))
                changedRequests[key] = request
            }
            return
        }
        guard var request = request(key) else {
            changedRequests[key] = RequestState(
                id: id, path: path, status: status, received: at(path), receivedStatus: status,
                receivedReason: version.facts.reason, events: [], isPresent: true, lastBlob: version.blob,
                facts: version.facts)
            return
        }
        let before = request
        if !request.isPresent {
            request.isPresent = true
            request.events.append(TimelineEvent(kind: .restored, at: at(path)))
        }
        if request.status != status {
            request.events.append(
                TimelineEvent(kind: .status(from: request.status, to: status), at: at(path), reason: version.facts.reason))
            request.status = status
        }
        request.path = path
        request.lastBlob = version.blob
        request.facts = version.facts
        // Holders may have changed even when the timeline did not: the record keeps both.
        if request != before || changedHolders[key] != nil { changedRequests[key] = request }
    }

    /// Number of requests ever seen.
    var requestCount: Int {
        guard let base else { return changedRequests.count }
        return base.requests.count + changedRequests.keys.count { base.requestIndex($0.text) == nil }
    }

    // MARK: In key order (output and cache)

    func mergedFiles() -> [MergedRecord<FileVersion>] {
        merged(changedFiles, base.map { ($0, $0.files) })
    }

    func mergedUnreadable() -> [MergedRecord<Void>] {
        merged(Dictionary(uniqueKeysWithValues: addedUnreadable.map { ($0, Optional(())) }), base.map { ($0, $0.unreadable) })
    }

    /// Every request, sorted by id (byte order): a record of `base`, or a changed state.
    func mergedRequests() -> [MergedRecord<RequestState>] {
        merged(changedRequests.mapValues { Optional($0) }, base.map { ($0, $0.requests) })
    }

    private func merged<Value>(
        _ changed: [ByteKey: Value?], _ table: (HistoryCacheImage, HistoryCacheImage.Table)?
    ) -> [MergedRecord<Value>] {
        // Sort the keys, not the values: moving 10,000 multi-string structs around in a
        // sort cost a quarter of a warm run.
        let keys = changed.keys.sorted { $0.text.precedesInByteOrder($1.text) }
        let sorted = keys.map { key in (key: key.text, value: changed[key] ?? nil) }
        guard let (image, table) = table else {
            return sorted.compactMap { key, value in value.map { .changed(key: key, $0) } }
        }
        return image.merge(table, with: sorted)
    }

    /// Every request, sorted by id (byte order), as `cached` reads it from a record of
    /// `base` or `changed` makes it of a state the walk changed.
    func eachRequest<Value>(
        cached: (HistoryCacheImage, Int) -> Value?, changed: (RequestState) -> Value?
    ) -> [Value] {
        mergedRequests().compactMap { entry in
            switch entry {
            case .cached(let index): return base.flatMap { cached($0, index) }
            case .changed(_, let request): return changed(request)
            }
        }
    }

    /// Visits every request, sorted by id (byte order), without collecting them: `cached`
    /// gets a record of `base`, `changed` a state the walk changed.
    func forEachRequest(cached: (HistoryCacheImage, Int) -> Void, changed: (RequestState) -> Void) {
        for entry in mergedRequests() {
            switch entry {
            case .cached(let index): if let base { cached(base, index) }
            case .changed(_, let request): changed(request)
            }
        }
    }

    /// Every request's timeline, sorted by id (byte order); with or without the credits.
    func timelines(credits: Bool = true) -> [RequestTimeline] {
        eachRequest(
            cached: { $0.request(at: $1, credits: credits)?.state.timeline },
            changed: { credits ? $0.timeline : $0.timelineWithoutCredits })
    }

    /// What the text listing shows of every request, sorted by id (byte order).
    func summaries() -> [RequestSummary] {
        eachRequest(cached: { $0.requestSummary(at: $1) }, changed: \.summary)
    }

    /// One request's timeline.
    func timeline(id: String) -> RequestTimeline? {
        request(ByteKey(id))?.timeline
    }

    /// Every request id, sorted (byte order).
    func ids() -> [String] {
        eachRequest(cached: { $0.requestID(at: $1) }, changed: \.id)
    }
}
