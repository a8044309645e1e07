/// Limits that keep a hostile or broken file from costing more than it is worth.
public struct FrontMatterLimits: Sendable, Hashable {
    /// The largest file read at all, in bytes; bigger files are a `too-large` problem.
    public var maxFileBytes: Int
    /// The deepest nesting of mappings and lists (the front matter itself is level 1).
    public var maxDepth: Int
    /// The most keys and values (every YAML node) one front matter may hold.
    public var maxNodes: Int

    /// Creates limits; the defaults are generous for any real request.
    public init(maxFileBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// 4 MiB, 64 levels, 100,000 nodes.
    public static let `default` = FrontMatterLimits()
}

/// A file's front matter: the typed value and where each part of it is in the file.
public struct FrontMatterDocument: Sendable, Hashable {
    /// The front matter typed by the YAML 1.2 core schema; always an `.object`.
    public var value: JSONValue
    /// Where each key and value is, and the written text of non-string scalars.
    var locations: FrontMatterLocations
    /// The 1-based file lines of the YAML text between the fences.
    public var frontMatterRange: ClosedRange<Int>
    /// The first line after the closing fence.
    public var bodyStartLine: Int
    /// The byte offset in the file where the body starts (just after the closing fence).
    public var bodyStartOffset: Int

    /// File line and column of each value (a scalar, or where a mapping or list starts).
    /// Built on each call: ask `location(of:key:)` or `keyLocation(at:)` for one path.
    public var valueLocations: [InstancePath: SourceLocation] { locations.valueLocations }
    /// File line and column of each mapping key, keyed by the member's path. Built on each
    /// call, like `valueLocations`.
    public var keyLocations: [InstancePath: SourceLocation] { locations.keyLocations }

    /// Creates a document; `scalarTexts` gives the written text of scalars whose typed
    /// value is not a string (missing ones are rendered from the value).
    public init(
        value: JSONValue, valueLocations: [InstancePath: SourceLocation] = [:],
        keyLocations: [InstancePath: SourceLocation] = [:], frontMatterRange: ClosedRange<Int>,
        bodyStartLine: Int, bodyStartOffset: Int = 0, scalarTexts: [InstancePath: String] = [:]
    ) {
        self.init(
            value: value,
            locations: FrontMatterLocations(
                valueLocations: valueLocations, keyLocations: keyLocations, scalarTexts: scalarTexts),
            frontMatterRange: frontMatterRange, bodyStartLine: bodyStartLine, bodyStartOffset: bodyStartOffset)
    }

    init(
        value: JSONValue, locations: FrontMatterLocations, frontMatterRange: ClosedRange<Int>, bodyStartLine: Int,
        bodyStartOffset: Int
    ) {
        self.value = value
        self.locations = locations
        self.frontMatterRange = frontMatterRange
        self.bodyStartLine = bodyStartLine
        self.bodyStartOffset = bodyStartOffset
    }

    /// Where the key of the member at `path` is; nil when it is no member.
    public func keyLocation(at path: InstancePath) -> SourceLocation? {
        locations.keyLocation(path)
    }

    /// The root's keys with where each is written (in the order they are written).
    public var rootKeyLocations: [(key: String, location: SourceLocation)] {
        locations.rootKeyLocations()
    }

    /// The value at `path`, or nil when there is none.
    public func value(at path: InstancePath) -> JSONValue? {
        var current = value
        for component in path {
            switch (component, current) {
            case (.key(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.index(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The scalar's text as written, unquoted: `id: 0381` gives "0381", `status: "planned"`
    /// gives "planned", `note:` gives "". Nil when there is no value there or it is a
    /// mapping or a list.
    public func scalarText(at path: InstancePath) -> String? {
        switch value(at: path) {
        case nil, .array?, .object?: return nil
        case .string(let text)?: return text
        case let scalar?:
            if let text = locations.scalarText(path) { return text }
            return Self.render(scalar)
        }
    }

    /// Where the value (or, with `key: true`, the member's key) at `path` is; falls back
    /// to the nearest ancestor that has a location, so a finding about a missing member
    /// points at the mapping that lacks it.
    public func location(of path: InstancePath, key: Bool = false) -> SourceLocation? {
        locations.location(of: path, key: key)
    }

    private static func render(_ scalar: JSONValue) -> String {
        switch scalar {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        case .array, .object: return ""
        }
    }
}

/// What the history engine needs from one file version: its identity and its fields.
public struct FrontMatterIdentity: Sendable, Hashable {
    /// The id scalar's text as written, unquoted (`0381` stays "0381").
    public var id: String
    /// The status scalar's text as written, unquoted.
    public var status: String
    /// The whole front matter, typed (an `.object`), for group-by fields.
    public var fields: JSONValue

    /// Creates an identity.
    public init(id: String, status: String, fields: JSONValue) {
        self.id = id
        self.status = status
        self.fields = fields
    }
}
