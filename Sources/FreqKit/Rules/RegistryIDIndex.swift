/// What the rules across files look at, and nothing more: each readable request's id and
/// `duplicate_of` with where they are written, and the paths of the unreadable files.
/// Small enough to keep in the working-tree cache, so that a run with one file changed
/// checks unique ids without parsing the other 10,000.
struct RegistryIDIndex: Sendable {
    struct Entry: Sendable, Hashable {
        var path: String
        var id: String?
        /// Where the id's value is written (what `id-unique` points at).
        var idLocation: SourceLocation?
        /// The configured `duplicate_of` field's scalar text, as written.
        var duplicateOf: String?
        var duplicateOfLocation: SourceLocation?
    }

    /// One entry per readable request, in path order.
    let entries: [Entry]
    /// The unreadable files' paths, in path order.
    let unreadablePaths: [String]
    /// The position in `entries` of the first entry holding each id (byte-exact keys: ids
    /// compare as written).
    let firstEntryByID: [ByteKey: Int]
    /// The ids more than one entry holds, each with all of them in path order. Apart from
    /// `firstEntryByID`: an array per id was most of building and freeing the index.
    let sharedIDs: [ByteKey: [Entry]]

    init(entries: [Entry], unreadablePaths: [String]) {
        self.entries = entries
        self.unreadablePaths = unreadablePaths
        var firstByID: [ByteKey: Int] = [:]
        firstByID.reserveCapacity(entries.count)
        var shared: [ByteKey: [Entry]] = [:]
        for (position, entry) in entries.enumerated() {
            guard let id = entry.id else { continue }
            let key = ByteKey(id)
            if let first = firstByID[key] {
                shared[key, default: [entries[first]]].append(entry)
            } else {
                firstByID[key] = position
            }
        }
        firstEntryByID = firstByID
        sharedIDs = shared
    }

    init(_ snapshot: RegistrySnapshot, config: RegistryConfig) {
        self.init(entries: snapshot.requests.map { Self.entry(of: $0, config: config) }, unreadablePaths: snapshot.unreadable.map(\.path))
    }

    static func entry(of request: Request, config: RegistryConfig) -> Entry {
        let idField: InstancePath = [.key(config.idField)]
        let duplicateField = config.duplicateOfField.map { [PathComponent.key($0)] }
        return Entry(
            path: request.path, id: request.id, idLocation: request.document.location(of: idField),
            duplicateOf: duplicateField.flatMap { request.document.scalarText(at: $0) },
            duplicateOfLocation: duplicateField.flatMap { request.document.location(of: $0) })
    }

    /// The unreadable file whose name says it holds request `id` (as
    /// `RegistrySnapshot.unreadableFile(named:config:)`).
    func unreadablePath(named id: String, config: RegistryConfig) -> String? {
        RegistrySnapshot.unreadablePath(named: id, among: unreadablePaths, config: config)
    }
}
