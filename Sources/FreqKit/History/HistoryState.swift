/// A file matching the requests glob in the current snapshot.
struct FileVersion: Sendable, Hashable {
    /// 40-hex blob id.
    var blob: String
    /// Id and status as written; nil when the file is unreadable (DESIGN.md, History 2).
    var id: String?
    var status: String?
}

/// A request's timeline while the walk is in progress.
struct RequestState: Sendable, Hashable {
    var id: String
    var path: String
    var status: String
    var received: HistoryPoint
    var receivedStatus: String
    var events: [TimelineEvent]
    var isPresent: Bool
    /// The blob of its last snapshot, to read its fields at the end.
    var lastBlob: String
}

/// Everything the history walk knows after a commit: what a cache stores, so that a
/// later run resumes from that commit instead of walking again.
public struct HistoryState: Sendable, Hashable {
    var fingerprint = ""
    /// The last commit processed and its requests-folder tree (40-hex).
    var lastCommit: String?
    var lastTime: Int64 = 0
    var lastFolder: String?
    var commits = 0
    // Keyed by bytes, not by Swift's Unicode-equivalence: see `ByteKey`.
    var files: [ByteKey: FileVersion] = [:]
    /// `path NUL blob` of every unreadable version seen.
    var unreadableVersions: Set<ByteKey> = []
    var requests: [ByteKey: RequestState] = [:]
    /// Readable paths per id, smallest (byte order) first: the first one counts.
    var holders: [ByteKey: [String]] = [:]

    public init() {}

    /// The commit this state describes (40-hex), nil before any.
    public var commit: String? { lastCommit }

    mutating func setFile(_ path: String, _ version: FileVersion) {
        removeFile(path)
        files[ByteKey(path)] = version
        if let id = version.id { addHolder(id, path) }
    }

    mutating func removeFile(_ path: String) {
        guard let old = files.removeValue(forKey: ByteKey(path)) else { return }
        if let id = old.id, var paths = holders[ByteKey(id)] {
            paths.removeAll { $0.utf8.elementsEqual(path.utf8) }
            holders[ByteKey(id)] = paths.isEmpty ? nil : paths
        }
    }

    private mutating func addHolder(_ id: String, _ path: String) {
        var paths = holders[ByteKey(id)] ?? []
        let index = paths.firstIndex { path.precedesInByteOrder($0) } ?? paths.endIndex
        paths.insert(path, at: index)
        holders[ByteKey(id)] = paths
    }

    /// Rebuilds `holders` from `files` (after loading a cache).
    mutating func rebuildHolders() {
        holders = [:]
        for (path, version) in files {
            if let id = version.id { addHolder(id, path.text) }
        }
    }

    /// Brings request `id` up to date with the current snapshot (History semantics 5-6).
    mutating func update(id: String, at point: HistoryPoint) {
        let key = ByteKey(id)
        let holder = holders[key]?.first.flatMap { path in files[ByteKey(path)].map { (path, $0) } }
        guard let (path, version) = holder, let status = version.status else {
            if var request = requests[key], request.isPresent {
                request.isPresent = false
                request.events.append(TimelineEvent(kind: .removed, at: point))
                requests[key] = request
            }
            return
        }
        guard var request = requests[key] else {
            requests[key] = RequestState(
                id: id, path: path, status: status, received: point, receivedStatus: status, events: [],
                isPresent: true, lastBlob: version.blob)
            return
        }
        if !request.isPresent {
            request.isPresent = true
            request.events.append(TimelineEvent(kind: .restored, at: point))
        }
        if request.status != status {
            request.events.append(TimelineEvent(kind: .status(from: request.status, to: status), at: point))
            request.status = status
        }
        request.path = path
        request.lastBlob = version.blob
        requests[key] = request
    }

    /// Every request's timeline, sorted by id (byte order).
    func timelines() -> [RequestTimeline] {
        // Sort the keys, not the states: moving 10,000 multi-string structs around in a
        // sort cost a quarter of a warm run.
        requests.keys.sorted { $0.text.precedesInByteOrder($1.text) }.compactMap { id in
            guard let request = requests[id] else { return nil }
            return RequestTimeline(
                id: request.id, path: request.path, status: request.status, received: request.received,
                receivedStatus: request.receivedStatus, events: request.events, fields: .null,
                isPresent: request.isPresent)
        }
    }
}
