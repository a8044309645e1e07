/// A person and a moment, as a commit records them.
public struct Signature: Sendable, Hashable {
    public var name: String
    public var email: String
    /// Seconds since 1970-01-01 UTC.
    public var time: Int64
    /// The author's UTC offset in minutes, as recorded.
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

/// Everything freq reads from a commit.
public struct CommitRecord: Sendable, Hashable {
    public var id: ObjectID
    public var tree: ObjectID
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    /// The first paragraph of the message, on one line.
    public var summary: String
}

/// A commit of the first-parent chain, kept small: memory must grow with the number of
/// requests, not of commits, and a chain can hold hundreds of thousands of these.
public struct MainlineCommit: Sendable, Hashable {
    public var id: ObjectID
    public var tree: ObjectID
    /// Committer time, seconds since 1970-01-01 UTC.
    public var time: Int64
    /// More than one parent (never for a shallow clone's boundary, whose parents are
    /// missing): the history then looks on the merged branch for the commit to credit.
    public var isMerge: Bool
}

/// What a tree entry points at, from its file mode.
public enum EntryKind: Sendable, Hashable {
    case file
    case executable
    case symlink
    case tree
    case submodule
    case other(UInt32)

    public init(mode: UInt32) {
        switch mode {
        case 0o100644: self = .file
        case 0o100755: self = .executable
        case 0o120000: self = .symlink
        case 0o040000: self = .tree
        case 0o160000: self = .submodule
        default: self = .other(mode)
        }
    }

    /// The git file mode (`init(mode:)` of it gives this kind again).
    public var mode: UInt32 {
        switch self {
        case .file: 0o100644
        case .executable: 0o100755
        case .symlink: 0o120000
        case .tree: 0o040000
        case .submodule: 0o160000
        case .other(let mode): mode
        }
    }

    /// Regular and executable files are both blobs of content.
    public var isRegularFile: Bool { self == .file || self == .executable }
}

/// One entry of a tree.
public struct TreeEntry: Sendable, Hashable {
    public var name: String
    public var id: ObjectID
    public var kind: EntryKind

    public init(name: String, id: ObjectID, kind: EntryKind) {
        self.name = name
        self.id = id
        self.kind = kind
    }
}

/// A path whose entry differs between two trees. `old` is nil when added, `new` when deleted.
public struct TreeChange: Sendable, Hashable {
    /// Path from the repository root, `/`-separated.
    public var path: String
    public var old: TreeEntry?
    public var new: TreeEntry?

    public init(path: String, old: TreeEntry?, new: TreeEntry?) {
        self.path = path
        self.old = old
        self.new = new
    }
}

/// The result of reading a blob with a size limit.
public enum BlobContent: Sendable, Hashable {
    case bytes([UInt8])
    case tooLarge(size: Int)
}

/// A resolved `A..B` or `A...B` range (for `A...B`, `base` is the merge base).
public struct ResolvedRange: Sendable, Hashable {
    public var base: ObjectID
    public var head: ObjectID
}

/// A branch or tag and the commit it points at.
public struct ReferenceTip: Sendable, Hashable {
    public var name: String
    public var commit: ObjectID
}
