/// What a pull request changes, as the pull-request rules see it: the registry at the
/// merge base and now, and the rules of the base's configuration (so a pull request
/// cannot loosen them for itself).
public struct PullRequestChange: Sendable {
    public let base: RegistrySnapshot
    public let head: RegistrySnapshot
    /// The configuration at the base (or the working tree's, when the base has none).
    public let config: RegistryConfig
    /// When true, a request that disappears is not a finding (`--allow-delete`).
    public let allowDelete: Bool
    /// The configuration files (registry.yml, the schemas) at the base and now, when the
    /// base has a configuration of its own; `config-changed` compares them.
    public let configurationFiles: [ConfigurationFile]
    /// The base commit's short id, to name it in messages.
    public let baseName: String
    /// The pull request's own steps, oldest first: each commit on its branch since it left
    /// the target (merges of the target into the branch left out), then the uncommitted
    /// changes. Empty: one step from `base` to `head`.
    public let steps: [Step]
    /// The target branch as it is now, when it moved on since the branch left it: the
    /// rules across files also judge the state the merge will produce.
    public let target: Target?
    /// The issue form in the working tree and what the schema generates, when the form
    /// file exists; `issue-form-stale` compares them.
    public let issueForm: IssueFormFile?

    /// The issue form as written and as `IssueForm.render` makes it now.
    public struct IssueFormFile: Sendable {
        public var path: String
        public var current: [UInt8]
        public var generated: String

        public init(path: String, current: [UInt8], generated: String) {
            self.path = path
            self.current = current
            self.generated = generated
        }
    }

    /// One step of the pull request: the versions of the files it changed, before and after.
    public struct Step: Sendable {
        /// The commit's short id, or "the working tree".
        public var name: String
        public var before: RegistrySnapshot
        public var after: RegistrySnapshot

        public init(name: String, before: RegistrySnapshot, after: RegistrySnapshot) {
            self.name = name
            self.before = before
            self.after = after
        }
    }

    /// The target branch's tip.
    public struct Target: Sendable {
        /// How the user named it (`origin/main`).
        public var name: String
        /// The registry there, read in full; nil when given as an outline.
        public var snapshot: RegistrySnapshot?
        /// The registry there as an outline whose every file's facts are known: all the
        /// rules across files look at.
        public var outline: RegistryOutline?

        public init(name: String, snapshot: RegistrySnapshot) {
            self.name = name
            self.snapshot = snapshot
        }

        public init(name: String, outline: RegistryOutline) {
            self.name = name
            self.outline = outline
        }
    }

    /// What the rules need of the files that `base` and `head` leave out when they hold
    /// only the files that differ and the unchanged ones sharing an id with those
    /// (`RegistryOutline.neededPaths`).
    public struct Unread: Sendable {
        /// Every path now, sorted (byte order): a path there that did not change is the
        /// same file at the base.
        public var headPaths: [String]
        /// For each id at the base, the title of its file with the smallest path, sorted
        /// by id (`RegistryOutline.titlesByID`); asked only when a request is added.
        public var baseTitles: @Sendable () -> [(id: String, title: String)]

        public init(headPaths: [String], baseTitles: @escaping @Sendable () -> [(id: String, title: String)]) {
            self.headPaths = headPaths
            self.baseTitles = baseTitles
        }
    }

    /// One configuration file, as it is at the base and now (nil where it does not exist).
    public struct ConfigurationFile: Sendable {
        public var path: String
        public var base: [UInt8]?
        public var head: [UInt8]?

        public init(path: String, base: [UInt8]?, head: [UInt8]?) {
            self.path = path
            self.base = base
            self.head = head
        }
    }

    // Lookups the rules share, computed once.
    let baseByID: [String: Request]
    let headByID: [String: Request]
    let headByPath: [ByteKey: Request]
    let basePaths: Set<ByteKey>
    let headPaths: Set<ByteKey>
    /// Ids whose file now holds another id (`id-changed` reports them; they are not deleted).
    let rewrittenIDs: Set<String>
    /// The paths whose file differs between the base and now (added, changed or removed).
    let changedPaths: Set<ByteKey>
    /// Every path now, and each id's title at the base (see `Unread`).
    let unread: Unread

    public init(
        base: RegistrySnapshot, head: RegistrySnapshot, config: RegistryConfig, allowDelete: Bool,
        configurationFiles: [ConfigurationFile] = [], baseName: String = "the base", steps: [Step] = [],
        target: Target? = nil, issueForm: IssueFormFile? = nil, unread: Unread? = nil
    ) {
        self.issueForm = issueForm
        self.base = base
        self.head = head
        self.config = config
        self.allowDelete = allowDelete
        self.configurationFiles = configurationFiles
        self.baseName = baseName
        self.steps = steps
        self.target = target
        baseByID = RegistryDiff.byID(base.requests)
        headByID = RegistryDiff.byID(head.requests)
        var byPath: [ByteKey: Request] = [:]
        for request in head.requests { byPath[ByteKey(request.path)] = request }
        headByPath = byPath
        basePaths = Set(base.files.map { ByteKey($0.path) })
        headPaths = Set(head.files.map { ByteKey($0.path) })
        var rewritten = Set<String>()
        for old in base.requests {
            if let oldID = old.id, let newID = byPath[ByteKey(old.path)]?.id, newID != oldID { rewritten.insert(oldID) }
        }
        rewrittenIDs = rewritten
        let changed = head.pathsDiffering(from: base)
        changedPaths = changed
        if let unread {
            self.unread = unread
        } else {
            let titleField = config.fields.title
            let byID = baseByID
            self.unread = Unread(headPaths: head.files.map(\.path)) {
                // Sorted by id: the candidates' order decides between equal scores.
                byID.compactMap { id, request in request.text(titleField).map { (id, $0) } }
                    .sorted { $0.id.precedesInByteOrder($1.id) }
            }
        }
    }
}

extension PullRequestChange {
    /// Whether the file at `path` is the same at the base and now.
    func isUnchanged(_ path: String) -> Bool {
        !changedPaths.contains(ByteKey(path)) && unread.headPaths.containsInByteOrder(path)
    }

    /// The registry as the merge will leave it: the target's tip with this pull request's
    /// changed files put in (or taken out).
    func merged(into target: RegistrySnapshot) -> RegistrySnapshot {
        let changed = changedPaths
        let keep: (String) -> Bool = { !changed.contains(ByteKey($0)) }
        let headChanged: (String) -> Bool = { changed.contains(ByteKey($0)) }
        return RegistrySnapshot(
            files: (target.files.filter { keep($0.path) } + head.files.filter { headChanged($0.path) }).sorted { $0.path.precedesInByteOrder($1.path) },
            requests: (target.requests.filter { keep($0.path) } + head.requests.filter { headChanged($0.path) }).sorted { $0.path.precedesInByteOrder($1.path) },
            unreadable: (target.unreadable.filter { keep($0.path) } + head.unreadable.filter { headChanged($0.path) }).sorted { $0.path.precedesInByteOrder($1.path) })
    }

    /// What the rules across files see of the registry the merge will leave: the target's
    /// tip with this pull request's changed files put in (or taken out).
    func mergedIndex(into target: Target) -> RegistryIDIndex {
        if let snapshot = target.snapshot { return RegistryIDIndex(merged(into: snapshot), config: config) }
        let changed = changedPaths
        var entries: [RegistryIDIndex.Entry] = []
        var unreadable: [String] = []
        for file in target.outline?.files ?? [] where !changed.contains(ByteKey(file.path)) {
            if let entry = file.facts?.indexEntry(path: file.path) {
                entries.append(entry)
            } else {
                unreadable.append(file.path)
            }
        }
        entries += head.requests.filter { changed.contains(ByteKey($0.path)) }.map { RegistryIDIndex.entry(of: $0, config: config) }
        unreadable += head.unreadable.filter { changed.contains(ByteKey($0.path)) }.map(\.path)
        return RegistryIDIndex(
            entries: entries.sorted { $0.path.precedesInByteOrder($1.path) },
            unreadablePaths: unreadable.sorted { $0.precedesInByteOrder($1) })
    }
}
