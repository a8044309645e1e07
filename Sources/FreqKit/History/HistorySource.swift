/// What a file version is, as far as the history engine cares.
public enum HistoryEntryKind: Sendable, Hashable {
    /// A regular or executable file: its content is read.
    case file
    /// Never followed: always unreadable.
    case symlink
    /// Submodules and anything else that is not a file: ignored altogether.
    case ignored
}

/// One commit of the first-parent chain.
public struct HistoryCommit<ObjectID: Hashable & Sendable>: Sendable {
    public var id: ObjectID
    public var tree: ObjectID
    /// Committer time, seconds since 1970-01-01 UTC.
    public var time: Int64
    /// Whether it has more than one parent: the walk then looks on the merged branch for
    /// the commit to credit with each change (docs/history.md, "Credit").
    public var isMerge: Bool

    public init(id: ObjectID, tree: ObjectID, time: Int64, isMerge: Bool = false) {
        self.id = id
        self.tree = tree
        self.time = time
        self.isMerge = isMerge
    }
}

/// What the history reads of a commit to credit it with a change, and to look behind a
/// merge.
public struct HistoryCommitInfo<ObjectID: Hashable & Sendable>: Sendable {
    public var tree: ObjectID
    /// First parent first.
    public var parents: [ObjectID]
    /// The author's name, as recorded.
    public var author: String
    /// Author time, seconds since 1970-01-01 UTC.
    public var authorTime: Int64
    /// The subject: the message's first paragraph, on one line.
    public var subject: String

    public init(tree: ObjectID, parents: [ObjectID], author: String, authorTime: Int64, subject: String) {
        self.tree = tree
        self.parents = parents
        self.author = author
        self.authorTime = authorTime
        self.subject = subject
    }
}

/// A path whose content differs between two folder trees.
public struct HistoryChange<ObjectID: Hashable & Sendable>: Sendable {
    public var path: String
    /// The new version (blob id and kind); nil when the path was deleted.
    public var new: (id: ObjectID, kind: HistoryEntryKind)?

    public init(path: String, new: (id: ObjectID, kind: HistoryEntryKind)?) {
        self.path = path
        self.new = new
    }
}

/// The per-thread half of a history source: diffing folder trees and reading blobs,
/// the two costly steps, run on every core. Each worker thread makes its own, since git
/// handles cannot be shared between threads.
public protocol HistoryWorker: SendableMetatype {
    associatedtype ObjectID: Hashable & Sendable
    /// The files that differ between two folder trees, recursively, paths prefixed.
    func changes(from old: ObjectID?, to new: ObjectID?, prefix: String) throws -> [HistoryChange<ObjectID>]
    /// The blob's bytes, or nil when it is larger than `limit`.
    func bytes(of blob: ObjectID, limit: Int) throws -> [UInt8]?
    /// A commit's tree, parents, author and subject.
    func commit(_ id: ObjectID) throws -> HistoryCommitInfo<ObjectID>
    /// Every commit reachable from `tips` and not from `hidden`, newest first, each before
    /// its parents (what a merge brought in: its other parents, hiding its first).
    func commits(from tips: [ObjectID], hiding hidden: [ObjectID]) throws -> [ObjectID]
    /// The id of folder `path` in `tree` (empty path: the tree itself), nil if absent.
    func folder(_ path: String, in tree: ObjectID) throws -> ObjectID?
}

/// The git operations the history engine needs; the git layer provides them and the
/// executable wires the two, so the core never sees libgit2.
public protocol HistorySource {
    associatedtype ObjectID: Hashable & Sendable
    associatedtype Worker: HistoryWorker where Worker.ObjectID == ObjectID

    /// The 40-digit hexadecimal form of an id.
    func hex(_ id: ObjectID) -> String
    /// Parses a 40-digit hexadecimal id.
    func objectID(hex: String) -> ObjectID?
    /// The first-parent chain ending at `tip`, oldest first, stopping after (excluding)
    /// `stop` when it is met. `reachedStop` tells whether it was.
    func mainline(to tip: ObjectID, stoppingAt stop: ObjectID?) throws -> (commits: [HistoryCommit<ObjectID>], reachedStop: Bool)
    /// The id of folder `path` in `tree` (empty path: the tree itself), nil if absent.
    func folder(_ path: String, in tree: ObjectID) throws -> ObjectID?
    /// A commit's tree, parents, author and subject (the mainline commits, just read by
    /// `mainline`: a source may have them at hand).
    func commit(_ id: ObjectID) throws -> HistoryCommitInfo<ObjectID>
    /// Makes a worker; called on the worker's own thread.
    var workerFactory: @Sendable () throws -> Worker { get }
    /// Whether history is cut short (a shallow clone).
    var isShallow: Bool { get }
    /// Where a shallow history is cut (e.g. its boundary commits), "" when complete: a
    /// cache written before `git fetch --unshallow` must not be resumed after it.
    var shallowKey: String { get }
}
