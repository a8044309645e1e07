import Foundation

/// Computes every request's timeline from the first-parent history (docs/history.md),
/// reading only what changed below the requests folder and parsing each
/// distinct blob at most once per run.
public struct HistoryEngine<Source: HistorySource> {
    public typealias ObjectID = Source.ObjectID

    let source: Source
    let selector: RequestSelector
    let idField: String
    let statusField: String
    /// The fields read for each file's facts (reason, customers, ARR, created).
    let names: FieldNames
    let limits: FrontMatterLimits

    /// A stable fingerprint of everything the timelines depend on besides the commits:
    /// a cache written under another one is ignored. Computed once (it reads the shallow
    /// boundary from the git folder).
    public let fingerprint: String

    public init(source: Source, config: RegistryConfig, limits: FrontMatterLimits = .default) throws(ConfigError) {
        self.source = source
        self.selector = try RequestSelector(config: config)
        self.idField = config.idField
        self.statusField = config.statusField
        self.names = config.fields
        self.limits = limits
        var hash = FNV1a()
        // The facts' field names come last: a walk stores what they read.
        let factFields = [names.reason, names.customers, names.arr, names.created]
        for part in [FreqVersion.string, HistoryCacheCodec.formatVersion, selector.include.pattern, idField, statusField, String(limits.maxFileBytes),
            String(limits.maxDepth), String(limits.maxNodes), source.shallowKey] + selector.exclude.map(\.pattern) + factFields
        {
            hash.add(part)
        }
        fingerprint = hash.hex
    }

    /// Walks the history ending at `tip`. `cached` is a previous run's cache: when its
    /// commit is on the new first-parent chain, only the commits after it are processed.
    public func run(tip: ObjectID, resumingFrom cached: HistoryState? = nil) throws -> HistoryWalk {
        var state = HistoryState()
        var stop: ObjectID?
        if let cached, cached.fingerprint == fingerprint, let commit = cached.lastCommit,
            let id = source.objectID(hex: commit)
        {
            stop = id
        }
        let (chain, reachedStop) = try source.mainline(to: tip, stoppingAt: stop)
        var lastFolder: ObjectID?
        if reachedStop, let cached {
            state = cached
            lastFolder = cached.lastFolder.flatMap(source.objectID(hex:))
        }
        state.fingerprint = fingerprint

        // Phase 1: what changed at each commit whose requests folder changed. Reading a
        // large folder tree out of a pack (resolving its delta chain) is the costliest step
        // of the whole walk, so the diffs run on every core, each worker on a contiguous
        // run of commits (the previous commit's tree is then usually at hand). The commit
        // to credit with the changes is found there too, while a merge's trees are at hand.
        let prefix = selector.include.fixedPrefix
        // A long chain's folders on every core too (a root tree read each).
        let folders = chain.count < 1024
            ? try chain.map { try source.folder(prefix, in: $0.tree) }
            : try inParallel(chain) { worker, commit in try worker.folder(prefix, in: commit.tree) }
        var pairs: [(commit: Int, id: ObjectID, isMerge: Bool, old: ObjectID?, new: ObjectID?)] = []
        for index in chain.indices {
            let parentFolder = index == 0 ? lastFolder : folders[index - 1]
            if folders[index] != parentFolder {
                pairs.append((index, chain[index].id, chain[index].isMerge, parentFolder, folders[index]))
            }
        }
        if let last = folders.last { lastFolder = last }
        let selector = self.selector
        // Commits of the chain, to tell a merged branch's fork point; only merges need it.
        let mergePositions = Set(pairs.filter(\.isMerge).map(\.commit))
        let mainline = mergePositions.isEmpty ? [] : Set(chain.map(\.id))
        // What each merge brought in, when the chain is whole (not resumed from a cache,
        // not cut by a shallow clone): no history walk per merge then.
        let brought = reachedStop || source.isShallow || mergePositions.isEmpty
            ? nil : HistoryCredit.broughtLines(chain: chain, merges: mergePositions, mainline: mainline, source: source)
        // The work in runs of consecutive commits, taken in turn as cores free up. A merge
        // that brought in more than a few commits is a run of its own, the costliest
        // first: its credit search diffs each of them (on 50,000 commits, the 24 branches
        // merged at the end made the last of 16 runs cost as much as the first ten).
        // The newer runs next: the folder grows along the history, and so does a diff.
        let costs = pairs.map { pair in pair.isMerge ? brought?[pair.id]?.count ?? 0 : 0 }
        let alone = pairs.indices.filter { costs[$0] > 64 }
        let runLength = max(32, pairs.count / (System.coreCount * 8))
        var runs: [Range<Int>] = []
        var start = 0
        for end in alone + [pairs.count] {
            runs += stride(from: start, to: end, by: runLength).map { $0..<min($0 + runLength, end) }
            start = end + 1
        }
        let units = alone.sorted { costs[$0] > costs[$1] }.map { $0..<($0 + 1) } + runs.reversed()
        let done = try ParallelWork.mapTakingTurns(units, threads: System.coreCount, context: source.workerFactory) {
            [pairs] worker, unit -> [(changes: [HistoryChange<ObjectID>], merge: HistoryCredit.Merge<ObjectID>?)] in
            try unit.map { index in
                let pair = pairs[index]
                let changes = try worker.changes(from: pair.old, to: pair.new, prefix: prefix).filter { selector.selects($0.path) }
                guard pair.isMerge, !changes.isEmpty else { return (changes, nil) }
                let merge = try HistoryCredit.merge(
                    pair.id, changes: changes, folders: (pair.old, pair.new), mainline: mainline, prefix: prefix,
                    brought: brought?[pair.id], worker: worker)
                return (changes, merge)
            }
        }
        var diffs: [(changes: [HistoryChange<ObjectID>], merge: HistoryCredit.Merge<ObjectID>?)] =
            Array(repeating: ([], nil), count: pairs.count)
        for (unit, results) in zip(units, done) {
            for (index, result) in zip(unit, results) { diffs[index] = result }
        }
        var steps: [(commit: Int, changes: [HistoryChange<ObjectID>], merge: HistoryCredit.Merge<ObjectID>?)] = []
        var wanted = Set<ObjectID>()
        for (pair, diff) in zip(pairs, diffs) where !diff.changes.isEmpty {
            for change in diff.changes {
                if let new = change.new, new.kind == .file { wanted.insert(new.id) }
            }
            steps.append((pair.commit, diff.changes, diff.merge))
        }

        // Phase 2: read and parse each distinct changed blob once, on every core.
        let parsed = try parseBlobs(Array(wanted))

        // Phase 3: replay the changes in order, producing events.
        for (index, changes, merge) in steps {
            let commit = chain[index]
            let hex = source.hex(commit.id)
            // Read here, not by the workers: the chain walk has just read these commits
            // through this handle, so they come from libgit2's cache.
            let info = try merge?.info ?? source.commit(commit.id)
            let point = HistoryPoint(commit: hex, time: commit.time, change: Self.credit(hex, info))
            let branch = merge?.branch.mapValues { Self.credit(source.hex($0.id), $0.info) } ?? [:]
            var affected = Set<ByteKey>()
            for change in changes {
                if let old = state.file(change.path), let id = old.id { affected.insert(ByteKey(id)) }
                guard let new = change.new else {
                    state.removeFile(change.path)
                    continue
                }
                let blob = source.hex(new.id)
                var version = FileVersion(blob: blob, id: nil, status: nil)
                switch new.kind {
                case .ignored:
                    state.removeFile(change.path)
                    continue
                case .symlink:
                    break
                case .file:
                    if let file = parsed[new.id] ?? nil {
                        version.id = file.identity.id
                        version.status = file.identity.status
                        version.facts = file.facts
                        affected.insert(ByteKey(file.identity.id))
                    }
                }
                if version.id == nil { state.insertUnreadable(ByteKey(change.path + "\u{0}" + blob)) }
                state.setFile(change.path, version)
            }
            for id in affected.sorted(by: { $0.text.precedesInByteOrder($1.text) }) {
                state.update(id: id.text, at: point) { path in branch[ByteKey(path)] }
            }
        }
        state.commits += chain.count
        if let last = chain.last {
            state.lastCommit = source.hex(last.id)
            state.lastTime = last.time
        }
        state.lastFolder = lastFolder.map(source.hex)
        return HistoryWalk(rev: state.lastCommit ?? source.hex(tip), shallow: source.isShallow, state: state)
    }

    private static func credit(_ hex: String, _ info: HistoryCommitInfo<ObjectID>) -> CommitCredit {
        CommitCredit(commit: hex, author: info.author, time: info.authorTime, subject: info.subject)
    }

    /// Fills each timeline's `fields` with its front matter at REV (or at its last
    /// snapshot): only `stats --by` needs them, so they are read on demand.
    public func attachFields(to history: History, state: HistoryState) throws -> History {
        let blobs = history.requests.map { request in
            state.lastBlob(ByteKey(request.id)).flatMap { source.objectID(hex: $0) }
        }
        let parsed = try parseBlobs(blobs.compactMap { $0 }, keepFields: true)
        var copy = history
        for (index, blob) in blobs.enumerated() {
            if let blob, let file = parsed[blob] ?? nil { copy.requests[index].fields = file.identity.fields }
        }
        return copy
    }

    /// Reads and parses blobs on every core. Only `keepFields` keeps the typed front
    /// matter: the walk needs id and status alone, and memory must not grow with the
    /// number of file versions.
    private func parseBlobs(_ ids: [ObjectID], keepFields: Bool = false) throws -> [ObjectID: ParsedFile?] {
        let (idField, statusField, names, limits) = (self.idField, self.statusField, self.names, self.limits)
        let identities = try inParallel(ids) { worker, id -> ParsedFile? in
            guard let bytes = try worker.bytes(of: id, limit: limits.maxFileBytes),
                var identity = try? FrontMatterReader.readIdentity(bytes, idField: idField, statusField: statusField, limits: limits).get()
            else { return nil }
            // The walk needs the facts; reading fields again for `--by` does not.
            let facts = keepFields ? RequestFacts.none : RequestFacts(fields: identity.fields, names: names)
            if !keepFields { identity.fields = .null }
            return ParsedFile(identity: identity, facts: facts)
        }
        var parsed: [ObjectID: ParsedFile?] = [:]
        parsed.reserveCapacity(ids.count)
        for (id, identity) in zip(ids, identities) { parsed[id] = identity }
        return parsed
    }

    /// Maps `items` on every core, one worker (and git handle) per thread, each taking a
    /// contiguous slice; results come back in the items' order. The first error wins.
    /// Fewer threads for few items (32 a thread at least): each worker opens a git handle.
    private func inParallel<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ body: @Sendable (Source.Worker, Item) throws -> Output
    ) throws -> [Output] {
        try ParallelWork.map(items, chunks: min(System.coreCount, max(1, items.count / 32)), context: source.workerFactory, body)
    }
}

/// A readable file version the walk parsed: its identity and its facts. (Outside the
/// generic engine: nested, it would carry the source's type into the worker closures.)
private struct ParsedFile: Sendable {
    var identity: FrontMatterIdentity
    var facts: RequestFacts
}
