import FreqGit
import FreqKit

/// The registry as it is in a commit (not the working tree): for `diff`, `check --base`
/// and the ids other branches already use.
enum GitSnapshot {
    /// Every file the selector selects in `commit`'s tree, read from git, sorted by path.
    static func requestFiles(
        in repository: Repository, commit: ObjectID, selector: RequestSelector, sizeLimit: Int
    ) throws -> [RequestFile] {
        let prefix = selector.include.fixedPrefix
        guard let folder = try requestsFolder(in: repository, commit: commit, prefix: prefix) else { return [] }
        var files: [RequestFile] = []
        for change in try repository.files(in: folder, prefix: prefix) where selector.selects(change.path) {
            if let entry = change.new, let file = try requestFile(change.path, entry, in: repository, sizeLimit: sizeLimit) {
                files.append(file)
            }
        }
        return files.sorted { $0.path.precedesInByteOrder($1.path) }
    }

    /// The versions before and after `commit` (against its first parent) of the request
    /// files it changed, each sorted by path. `changes`: the entries that differ between
    /// two trees under a folder (`Repository.changes`, or a cache of it).
    static func changedFiles(
        in repository: Repository, commit: CommitRecord, selector: RequestSelector, sizeLimit: Int,
        changes: (ObjectID?, ObjectID?, String) throws -> [TreeChange]
    ) throws -> (before: [RequestFile], after: [RequestFile]) {
        let prefix = selector.include.fixedPrefix
        let old = try commit.parents.first.flatMap { try requestsFolder(in: repository, commit: $0, prefix: prefix) }
        let new = try requestsFolder(in: repository, commit: commit.id, prefix: prefix)
        var before: [RequestFile] = []
        var after: [RequestFile] = []
        for change in try changes(old, new, prefix) where selector.selects(change.path) {
            if let entry = change.old, let file = try requestFile(change.path, entry, in: repository, sizeLimit: sizeLimit) {
                before.append(file)
            }
            if let entry = change.new, let file = try requestFile(change.path, entry, in: repository, sizeLimit: sizeLimit) {
                after.append(file)
            }
        }
        let order: (RequestFile, RequestFile) -> Bool = { $0.path.precedesInByteOrder($1.path) }
        return (before.sorted(by: order), after.sorted(by: order))
    }

    /// The tree of the glob's fixed folder at `commit`; nil when there is none.
    private static func requestsFolder(in repository: Repository, commit: ObjectID, prefix: String) throws -> ObjectID? {
        let tree = try repository.commit(commit).tree
        return prefix.isEmpty ? tree : try repository.subtree(of: tree, at: prefix)
    }

    /// A tree entry as a request file: links and folders are never followed; submodules
    /// are not files at all.
    private static func requestFile(
        _ path: String, _ entry: TreeEntry, in repository: Repository, sizeLimit: Int
    ) throws -> RequestFile? {
        switch entry.kind {
        case .file, .executable:
            switch try repository.blob(entry.id, limit: sizeLimit) {
            case .bytes(let bytes): return RequestFile(path: path, content: .bytes(bytes))
            case .tooLarge(let size): return RequestFile(path: path, content: .tooLarge(size: size))
            }
        case .symlink: return RequestFile(path: path, content: .symlink)
        case .submodule: return nil
        default: return RequestFile(path: path, content: .notAFile)
        }
    }
}
