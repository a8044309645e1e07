/// The registry at one moment — the working tree or a commit — read once: every request
/// file's front matter parsed, and the files that could not be read with the reason.
/// Validation, queries, `index`, `diff`, `check` and the editing commands all start here.
public struct RegistrySnapshot: Sendable {
    /// Every file the requests glob selects, sorted by path (byte order).
    public let files: [RequestFile]
    /// The files whose front matter could be read, in path order. Their id or status may
    /// still be missing: the rules report that.
    public let requests: [Request]
    /// The files that could not be read as requests, in path order.
    public let unreadable: [UnreadableFile]

    /// Reads `files` (sorted by path) on every core.
    public init(files: [RequestFile], config: RegistryConfig, limits: FrontMatterLimits = .default) {
        let idField = config.idField
        let statusField = config.statusField
        let results = ParallelWork.map(files, chunks: 4 * System.coreCount) { file in
            Self.read(file, idField: idField, statusField: statusField, limits: limits)
        }
        var requests: [Request] = []
        var unreadable: [UnreadableFile] = []
        requests.reserveCapacity(files.count)
        for result in results {
            switch result {
            case .success(let request): requests.append(request)
            case .failure(let file): unreadable.append(file)
            }
        }
        self.files = files
        self.requests = requests
        self.unreadable = unreadable
    }

    /// A snapshot of already-read parts (each sorted by path).
    init(files: [RequestFile], requests: [Request], unreadable: [UnreadableFile]) {
        self.files = files
        self.requests = requests
        self.unreadable = unreadable
    }

    /// The part of the snapshot about `paths`.
    public func only(_ paths: Set<ByteKey>) -> RegistrySnapshot {
        RegistrySnapshot(
            files: files.filter { paths.contains(ByteKey($0.path)) }, requests: requests.filter { paths.contains(ByteKey($0.path)) },
            unreadable: unreadable.filter { paths.contains(ByteKey($0.path)) })
    }

    /// The paths whose file differs between this snapshot and `other` (added, changed or
    /// removed).
    public func pathsDiffering(from other: RegistrySnapshot) -> Set<ByteKey> {
        var content: [ByteKey: RequestFile.Content] = [:]
        for file in other.files { content[ByteKey(file.path)] = file.content }
        var changed = Set<ByteKey>()
        for file in files {
            if let old = content.removeValue(forKey: ByteKey(file.path)), old.isSame(as: file.content) { continue }
            changed.insert(ByteKey(file.path))
        }
        changed.formUnion(content.keys)
        return changed
    }

    /// The request with `id` (as people type it: `8`, `fr-0008`), for a command naming one:
    /// an unknown id, an id that two files hold, or a request whose file cannot be read is a
    /// failure that says what to do.
    public func request(withID typed: String, config: RegistryConfig) throws(ToolFailure) -> Request {
        let id = RequestID.resolve(typed, among: requests.compactMap(\.id)) ?? typed
        let matching = requests.filter { $0.id == id }
        if matching.count > 1 {
            throw ToolFailure(
                "`\(id)` is the id of \(matching.count) files (\(matching.map(\.path).joined(separator: ", "))); fix that first (`freq validate`)")
        }
        guard let found = matching.first else {
            if let file = unreadableFile(named: typed, config: config) {
                throw ToolFailure(Self.unreadableMessage(typed, file))
            }
            let hint = Suggestion.nearest(to: typed, among: requests.compactMap(\.id)).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("no request `\(typed)` in the registry\(hint)")
        }
        return found
    }

    /// The unreadable file whose name says it holds request `id` (the `id.filename`
    /// template, or the id in its name): the request exists, its file is broken.
    public func unreadableFile(named id: String, config: RegistryConfig) -> UnreadableFile? {
        guard let path = Self.unreadablePath(named: id, among: unreadable.map(\.path), config: config) else { return nil }
        return unreadable.first { $0.path == path }
    }

    /// The first of `paths` whose name says it holds request `id`.
    static func unreadablePath(named id: String, among paths: [String], config: RegistryConfig) -> String? {
        guard !id.isEmpty else { return nil }
        let template = config.filenameTemplate.map(FileNameTemplate.init)
        return paths.first { path in
            if let template { return template.matches(path, id: id) }
            return path.split(separator: "/").last?.contains(id) == true
        }
    }

    /// "`FR-0002` is in `requests/FR-0002-x.md`, which cannot be read: …".
    public static func unreadableMessage(_ id: String, _ file: UnreadableFile) -> String {
        let place = file.problem.location.map { ":\($0.line)" } ?? ""
        return "`\(id)` is in `\(file.path)`, which cannot be read (\(file.path)\(place): \(file.problem.message)); fix that file first (`freq validate \(file.path)`)"
    }

    /// Every id written in a readable front matter, even in a file with other problems: an
    /// id someone wrote down is taken.
    public var ids: Set<String> { Set(requests.compactMap(\.id)) }

    static func read(
        _ file: RequestFile, idField: String, statusField: String, limits: FrontMatterLimits
    ) -> Result<Request, UnreadableFile> {
        let bytes: [UInt8]
        switch file.content {
        case .bytes(let content): bytes = content
        case .symlink:
            return .failure(UnreadableFile(path: file.path, problem: SymlinkRule.problem))
        case .notAFile:
            return .failure(UnreadableFile(path: file.path, problem: NotAFileRule.folderProblem))
        case .tooLarge(let size):
            return .failure(UnreadableFile(path: file.path, problem: TooLargeRule.fileProblem(size: size, limit: limits.maxFileBytes)))
        case .unreadable(let reason):
            return .failure(UnreadableFile(path: file.path, problem: NotAFileRule.unreadableProblem(reason)))
        }
        switch FrontMatterReader.read(bytes, limits: limits) {
        case .failure(let problem):
            return .failure(UnreadableFile(path: file.path, problem: problem))
        case .success(let document):
            return .success(Request(path: file.path, bytes: bytes, document: document, idField: idField, statusField: statusField))
        }
    }
}

/// One request file whose front matter was read: what every rule, query and edit works on.
public struct Request: Sendable {
    /// Path from the repository root, `/`-separated.
    public let path: String
    /// The file version, byte for byte: edits compare against it, and two versions are the
    /// same request file when their bytes are.
    public let bytes: [UInt8]
    /// The front matter, typed, with the file line and column of every key and value.
    public let document: FrontMatterDocument
    /// The id as written (scalar text); nil when missing, empty, or a list or mapping.
    public let id: String?
    /// The status as written; nil when missing, empty, or a list or mapping.
    public let status: String?

    /// Creates a request from a read front matter.
    public init(path: String, bytes: [UInt8], document: FrontMatterDocument, idField: String, statusField: String) {
        self.path = path
        self.bytes = bytes
        self.document = document
        id = Self.nonEmptyScalar(document, idField)
        status = Self.nonEmptyScalar(document, statusField)
    }

    /// Where the Markdown body starts and ends in `bytes`.
    public var bodyRange: Range<Int> { min(max(0, document.bodyStartOffset), bytes.count)..<bytes.count }

    /// The Markdown after the front matter (invalid UTF-8 replaced).
    public var body: String { String(decoding: bytes[bodyRange], as: UTF8.self) }

    /// The text of a top-level scalar field, as written.
    public func text(_ field: String) -> String? { document.scalarText(at: [.key(field)]) }

    private static func nonEmptyScalar(_ document: FrontMatterDocument, _ field: String) -> String? {
        switch document.value[field] {
        case nil, .array?, .object?, .null?: return nil
        default:
            guard let text = document.scalarText(at: [.key(field)]), !text.isEmpty else { return nil }
            return text
        }
    }
}

/// A file the requests glob selects that is not a readable request, and why.
public struct UnreadableFile: Error, Sendable {
    public let path: String
    public let problem: FrontMatterProblem
}
