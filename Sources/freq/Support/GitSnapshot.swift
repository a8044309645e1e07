import FreqGit
import FreqKit

/// The registry as it is in a commit (not the working tree): for `diff`, `check --base`
/// and the ids other branches already use.
enum GitSnapshot {
    /// Every file the selector selects in `commit`'s tree, read from git, sorted by path.
    static func requestFiles(
        in repository: Repository, commit: ObjectID, selector: RequestSelector, sizeLimit: Int
    ) throws -> [RequestFile] {
        let record = try repository.commit(commit)
        let prefix = selector.include.fixedPrefix
        guard let folder = prefix.isEmpty ? record.tree : try repository.subtree(of: record.tree, at: prefix) else {
            return []
        }
        var files: [RequestFile] = []
        for change in try repository.files(in: folder, prefix: prefix) where selector.selects(change.path) {
            guard let entry = change.new else { continue }
            switch entry.kind {
            case .file, .executable:
                switch try repository.blob(entry.id, limit: sizeLimit) {
                case .bytes(let bytes): files.append(RequestFile(path: change.path, content: .bytes(bytes)))
                case .tooLarge(let size): files.append(RequestFile(path: change.path, content: .tooLarge(size: size)))
                }
            case .symlink: files.append(RequestFile(path: change.path, content: .symlink))
            case .submodule: continue
            default: files.append(RequestFile(path: change.path, content: .notAFile))
            }
        }
        return files.sorted { $0.path.precedesInByteOrder($1.path) }
    }
}
