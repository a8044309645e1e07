/// A registry listed without reading every file: each selected path, what identifies the
/// version it holds (a git blob id, or the kind of non-file), and the facts of that
/// version when known. `check --base` and `diff` compare two outlines, then read in full
/// only the files that differ and the few unchanged ones sharing an id with them: two
/// versions with the same blob id hold the same bytes, so whatever a rule or the diff
/// would say about them is the same on both sides (see `RegistryOutline.plan`).
public struct RegistryOutline: Sendable {
    /// What identifies a file's version, as `RequestFile.Content.isSame` compares them.
    public enum Version: Sendable, Hashable {
        /// A regular file of at most the size limit: its git blob id, the same for the
        /// same bytes on both sides.
        case blob(BlobID)
        case symlink
        case notAFile
        case tooLarge(size: Int)
        /// Could not be read (never the same as anything).
        case unreadable

        /// Whether two versions are the same file content, as the snapshots would say.
        public func isSame(as other: Version) -> Bool {
            switch (self, other) {
            case (.blob(let left), .blob(let right)): return left == right
            case (.symlink, .symlink), (.notAFile, .notAFile): return true
            case (.tooLarge(let left), .tooLarge(let right)): return left == right
            default: return false
            }
        }
    }

    public struct File: Sendable {
        public var path: String
        public var version: Version
        /// The facts of the version; nil when not known (then the file is read in full
        /// before the facts are asked for).
        public var facts: VersionFacts?

        public init(path: String, version: Version, facts: VersionFacts?) {
            self.path = path
            self.version = version
            self.facts = facts
        }
    }

    /// Every selected file, sorted by path (byte order).
    public var files: [File]

    public init(files: [File]) {
        self.files = files
    }

    /// The paths whose version differs between `base` and `head`, or that only one holds
    /// (both sorted by path: one walk, no table of 10,000 paths).
    public static func changedPaths(base: RegistryOutline, head: RegistryOutline) -> Set<ByteKey> {
        var changed = Set<ByteKey>()
        var left = 0
        var right = 0
        let old = base.files
        let new = head.files
        while left < old.count || right < new.count {
            if left < old.count, right < new.count {
                let order = old[left].path.compareInByteOrder(new[right].path)
                if order == 0 {
                    if !old[left].version.isSame(as: new[right].version) { changed.insert(ByteKey(new[right].path)) }
                    left += 1
                    right += 1
                } else if order < 0 {
                    changed.insert(ByteKey(old[left].path))
                    left += 1
                } else {
                    changed.insert(ByteKey(new[right].path))
                    right += 1
                }
            } else if left < old.count {
                changed.insert(ByteKey(old[left].path))
                left += 1
            } else {
                changed.insert(ByteKey(new[right].path))
                right += 1
            }
        }
        return changed
    }

    /// The paths to read in full for an exact comparison: the changed ones, and every
    /// unchanged one holding an id that a changed file holds on either side (`touched`).
    /// An id no changed file holds is held by the same files, byte for byte, on both
    /// sides: no rule and no diff entry can be about it. `base` must know every facts.
    public static func neededPaths(changed: Set<ByteKey>, touched: Set<String>, base: RegistryOutline) -> Set<ByteKey> {
        var needed = changed
        // A pull request touches a few ids: compared one by one instead of hashing the id of
        // each of 10,000 files.
        let wanted = Array(touched)
        let few = wanted.count <= 8
        for index in base.files.indices {
            guard let id = base.files[index].facts?.id, few ? wanted.contains(id) : touched.contains(id) else { continue }
            needed.insert(ByteKey(base.files[index].path))
        }
        return needed
    }

    /// The files at `paths` that this outline holds, in path order: each found by a binary
    /// search instead of hashing each of 10,000 paths.
    public func files(at paths: Set<ByteKey>) -> [File] {
        paths.map(\.text).sorted { $0.precedesInByteOrder($1) }.compactMap(file(at:))
    }

    /// The file at `path`, when this outline holds one (a binary search).
    public func file(at path: String) -> File? {
        var low = 0
        var high = files.count
        while low < high {
            let middle = (low + high) / 2
            let order = files[middle].path.compareInByteOrder(path)
            if order == 0 { return files[middle] }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// `changedPaths(base: committed, head: working)` where `committed` is `base` with
    /// `changes` applied (each path that differs and its file there, nil: none), and
    /// `committed`'s files at those paths; `changedFromBase` must be
    /// `changedPaths(base: base, head: working)`. A path in neither `changes` nor
    /// `changedFromBase` is the same in all three, so only those are looked at, not each
    /// of 10,000 files (`check --base`'s uncommitted step).
    public static func uncommitted(
        base: RegistryOutline, changes: [(path: String, file: File?)], changedFromBase: Set<ByteKey>, working: RegistryOutline
    ) -> (paths: Set<ByteKey>, committed: RegistryOutline) {
        var changed: [ByteKey: File?] = [:]
        for change in changes { changed.updateValue(change.file, forKey: ByteKey(change.path)) }
        var paths = Set<ByteKey>()
        var committedFiles: [File] = []
        for key in changedFromBase.union(changed.keys) {
            let committed: File?
            if let entry = changed[key] { committed = entry } else { committed = base.file(at: key.text) }
            let differs: Bool
            switch (committed, working.file(at: key.text)) {
            case (nil, nil): differs = false
            case (let left?, let right?): differs = !left.version.isSame(as: right.version)
            default: differs = true
            }
            guard differs else { continue }
            paths.insert(key)
            if let committed { committedFiles.append(committed) }
        }
        committedFiles.sort { $0.path.precedesInByteOrder($1.path) }
        return (paths, RegistryOutline(files: committedFiles))
    }

    /// The ids held at `paths` by this outline's facts.
    public func ids(at paths: Set<ByteKey>) -> Set<String> {
        var ids = Set<String>()
        for file in files where paths.contains(ByteKey(file.path)) {
            if let id = file.facts?.id { ids.insert(id) }
        }
        return ids
    }

    /// For each id, the title of the file holding it with the smallest path (as
    /// `RegistryDiff.byID` chooses), sorted by id: what `similar-title` compares with.
    public var titlesByID: [(id: String, title: String)] {
        var seen = Set<String>()
        var titles: [(id: String, title: String)] = []
        // Files are in path order: the first holder of an id is the smallest path.
        for file in files {
            guard let facts = file.facts, let id = facts.id, seen.insert(id).inserted, let title = facts.title else { continue }
            titles.append((id, title))
        }
        return titles.sorted { $0.id.precedesInByteOrder($1.id) }
    }
}

/// A git blob id as three words (FreqGit's `ObjectID.words`): a compact, sortable key.
public struct BlobID: Sendable, Hashable, Comparable {
    public let high: UInt64
    public let middle: UInt64
    public let low: UInt32

    public init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    public static func < (lhs: BlobID, rhs: BlobID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}

/// What the comparison needs of a file version it does not read: its id and status as
/// `Request` reads them, the title (`similar-title`), and what the rules across files
/// see (`RegistryIDIndex.Entry`). Kept per blob id in the review cache.
public struct VersionFacts: Sendable, Hashable {
    public enum Reading: Sendable, Hashable {
        case request
        /// The front matter cannot be read.
        case unreadable
        /// Larger than the size limit: never read.
        case tooLarge(size: Int)
    }

    /// A symbolic link, a folder, a file that cannot be read.
    public static let unreadable = VersionFacts(reading: .unreadable)

    public var reading: Reading
    public var id: String?
    public var status: String?
    /// The scalar text of the rules' title field, as `Request.text` gives it.
    public var title: String?
    var idLocation: SourceLocation?
    var duplicateOf: String?
    var duplicateOfLocation: SourceLocation?

    init(
        reading: Reading, id: String? = nil, status: String? = nil, title: String? = nil, idLocation: SourceLocation? = nil,
        duplicateOf: String? = nil, duplicateOfLocation: SourceLocation? = nil
    ) {
        self.reading = reading
        self.id = id
        self.status = status
        self.title = title
        self.idLocation = idLocation
        self.duplicateOf = duplicateOf
        self.duplicateOfLocation = duplicateOfLocation
    }

    /// The facts of a request read with the workspace's configuration; `rules` is the
    /// configuration the comparison judges with (its title and `duplicate_of` fields).
    public init(_ request: Request, rules: borrowing RegistryConfig) {
        let entry = RegistryIDIndex.entry(of: request, config: rules)
        self.init(
            reading: .request, id: request.id, status: request.status, title: request.text(rules.fields.title),
            idLocation: entry.idLocation, duplicateOf: entry.duplicateOf, duplicateOfLocation: entry.duplicateOfLocation)
    }

    /// The facts of a file as `RegistrySnapshot` reads it.
    public init(_ file: RequestFile, config: borrowing RegistryConfig, rules: borrowing RegistryConfig, limits: FrontMatterLimits = .default) {
        if case .tooLarge(let size) = file.content {
            self.init(reading: .tooLarge(size: size))
            return
        }
        switch RegistrySnapshot.read(file, idField: config.idField, statusField: config.statusField, limits: limits) {
        case .success(let request): self.init(request, rules: rules)
        case .failure: self.init(reading: .unreadable)
        }
    }

    /// The entry of the rules across files; nil for a file that is not a readable request.
    func indexEntry(path: String) -> RegistryIDIndex.Entry? {
        guard reading == .request else { return nil }
        return RegistryIDIndex.Entry(
            path: path, id: id, idLocation: idLocation, duplicateOf: duplicateOf, duplicateOfLocation: duplicateOfLocation)
    }
}

extension VersionFacts {
    /// The facts of each file, read on every core.
    public static func of(_ files: [RequestFile], config: RegistryConfig, rules: RegistryConfig) -> [VersionFacts] {
        ParallelWork.map(files, chunks: 4 * System.coreCount) { VersionFacts($0, config: config, rules: rules) }
    }
}

extension RegistryOutline {
    /// Two outlines compared, and the part of each registry that an exact comparison reads.
    public struct Comparison: Sendable {
        /// The files at the base and at head at `neededPaths`, read in full.
        public let base: RegistrySnapshot
        public let head: RegistrySnapshot
        /// The paths whose file differs.
        public let changed: Set<ByteKey>
    }

    /// Compares two outlines (`base`'s facts all known), then reads with `readBase` and
    /// `readHead` the files at the paths asked for (each sorted by path; a path either side
    /// lacks is left out): the changed files, and the unchanged ones holding an id a
    /// changed file holds (read once, at the base: their bytes are the same at head).
    /// `config` reads the files, `rules` is the configuration the comparison judges with.
    public static func compare(
        base: RegistryOutline, head: RegistryOutline, config: RegistryConfig,
        readBase: (Set<ByteKey>) throws -> [RequestFile], readHead: (Set<ByteKey>) throws -> [RequestFile]
    ) throws -> Comparison {
        let changed = changedPaths(base: base, head: head)
        let baseChanged = RegistrySnapshot(files: try readBase(changed), config: config)
        let headChanged = RegistrySnapshot(files: try readHead(changed), config: config)
        let touched = baseChanged.ids.union(headChanged.ids)
        let extra = neededPaths(changed: changed, touched: touched, base: base).subtracting(changed)
        var baseSnapshot = baseChanged
        var headSnapshot = headChanged
        if !extra.isEmpty {
            let shared = RegistrySnapshot(files: try readBase(extra), config: config)
            baseSnapshot = baseChanged.adding(shared)
            headSnapshot = headChanged.adding(shared)
        }
        return Comparison(base: baseSnapshot, head: headSnapshot, changed: changed)
    }
}

extension RegistrySnapshot {
    /// This snapshot with `other`'s files (at other paths) merged in, in path order.
    func adding(_ other: RegistrySnapshot) -> RegistrySnapshot {
        let order: (String, String) -> Bool = { $0.precedesInByteOrder($1) }
        return RegistrySnapshot(
            files: (files + other.files).sorted { order($0.path, $1.path) },
            requests: (requests + other.requests).sorted { order($0.path, $1.path) },
            unreadable: (unreadable + other.unreadable).sorted { order($0.path, $1.path) })
    }
}

extension String {
    /// memcmp's order of the two strings' UTF-8 bytes: negative, zero or positive.
    public func compareInByteOrder(_ other: String) -> Int {
        var copy = self
        var otherCopy = other
        return copy.withUTF8 { left in
            otherCopy.withUTF8 { right in compareBytes(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right)) }
        }
    }
}

extension [String] {
    /// Whether this array, sorted in byte order, holds `path` (a binary search).
    func containsInByteOrder(_ path: String) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let order = self[middle].compareInByteOrder(path)
            if order == 0 { return true }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return false
    }
}
