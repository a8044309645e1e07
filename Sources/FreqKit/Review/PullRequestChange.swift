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
    let headByPath: [String: Request]
    let basePaths: Set<String>
    let headPaths: Set<String>
    /// Ids whose file now holds another id (`id-changed` reports them; they are not deleted).
    let rewrittenIDs: Set<String>

    public init(
        base: RegistrySnapshot, head: RegistrySnapshot, config: RegistryConfig, allowDelete: Bool,
        configurationFiles: [ConfigurationFile] = [], baseName: String = "the base"
    ) {
        self.base = base
        self.head = head
        self.config = config
        self.allowDelete = allowDelete
        self.configurationFiles = configurationFiles
        self.baseName = baseName
        baseByID = RegistryDiff.byID(base.requests)
        headByID = RegistryDiff.byID(head.requests)
        var byPath: [String: Request] = [:]
        for request in head.requests { byPath[request.path] = request }
        headByPath = byPath
        basePaths = Set(base.files.map(\.path))
        headPaths = Set(head.files.map(\.path))
        var rewritten = Set<String>()
        for old in base.requests {
            if let oldID = old.id, let newID = byPath[old.path]?.id, newID != oldID { rewritten.insert(oldID) }
        }
        rewrittenIDs = rewritten
    }
}
