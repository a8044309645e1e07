import Foundation

/// How `format` is read: checked (`assert`, the default: a registry wants its dates
/// checked) or only described (`annotate`, what draft 2020-12 does by default).
public enum SchemaFormatMode: String, Sendable, CaseIterable {
    case assert
    case annotate
}

/// The draft a schema file says it follows (its `$schema`), where freq reads it differently.
enum SchemaDraft: Sendable {
    case draft2020
    case draft2019
    /// Draft-07 and the drafts before it (04, 06).
    case draft7
}

/// One parsed schema file (or the schema given in memory).
struct SchemaDocument {
    /// The path messages name it by (`schema/customer.schema.json`); nil in memory.
    var file: String?
    /// The URI it was read from: `file:///` and its path.
    var uri: SchemaURI
    var value: JSONValue
    var locations: [InstancePath: SourceLocation]
    var keyLocations: [InstancePath: SourceLocation]
    var draft: SchemaDraft = .draft2020
    /// Keywords of vocabularies its metaschema leaves out: not checked.
    var ignoredKeywords: Set<String> = []
}

/// A place in one of the schema files.
struct SchemaLocation: Hashable {
    var document: Int
    var path: InstancePath
}

/// A schema resource: a file's root or a subschema with its own `$id`, with the anchors
/// defined inside it (not inside resources nested in it).
struct SchemaResource {
    var uri: SchemaURI
    var root: SchemaLocation
    var anchors: [String: SchemaLocation] = [:]
    var dynamicAnchors: [String: SchemaLocation] = [:]
}

/// Turns schema files into `SchemaNode`s: checks every keyword's value, compiles regexes
/// once, resolves `$ref` and `$dynamicRef` to node indices (reading each file of the
/// schema folder they name once), refuses reference loops that never reach a deeper
/// value, and warns about unknown keywords.
struct SchemaCompiler {
    private(set) var documents: [SchemaDocument] = []
    private(set) var nodes: [SchemaNode] = []
    private(set) var warnings: [SchemaWarning] = []
    private(set) var resources: [SchemaResource] = []
    let formats: SchemaFormatMode

    /// The folder references may reach (`file:///schema/`): files elsewhere are refused.
    private let folder: SchemaURI
    /// Whether the root's path was relative (`schema/x.json`, given as `file:///schema/x.json`).
    private let relativePaths: Bool
    private let read: (String) throws -> [UInt8]?

    private var documentByPath: [String: Int] = [:]
    private var resourceByURI: [String: Int] = [:]
    /// The resource each scanned subschema belongs to.
    private var resourceAt: [SchemaLocation: Int] = [:]
    /// An `$id` folder and the file folder it stands for: `https://example.com/schemas/` →
    /// `file:///schema/`, so that `$id`-relative references find the files beside it.
    private var aliases: [(id: String, file: String)] = []
    private var nodeByLocation: [SchemaLocation: SchemaNodeID] = [:]
    /// The documents part of the schema (a metaschema read only for its vocabularies is not).
    private var compiledDocuments: Set<Int> = []
    private var pendingReferences: [PendingReference] = []
    /// `$dynamicRef`s whose target is a `$dynamicAnchor`: node and anchor name.
    private var dynamicReferences: [(node: SchemaNodeID, name: String)] = []
    /// Where each `$ref`/`$dynamicRef` is written, for messages about loops.
    private var referenceSites: [SchemaNodeID: (location: SchemaLocation, written: String)] = [:]
    private var regexCache: [String: ECMARegex] = [:]
    /// The document being compiled: `error` and `warn` locate into it.
    private var current = 0

    private struct PendingReference {
        var node: SchemaNodeID
        var uri: SchemaURI
        var written: String
        var site: SchemaLocation
        var dynamic: Bool
    }

    /// Schemas nested deeper than this are refused (the compiler recurses on them).
    static let maximumDepth = 512
    /// More files than this in one schema is surely a mistake (each is read once).
    static let maximumDocuments = 1_000

    /// Keywords that carry no assertion here; accepted silently.
    static let annotationKeywords: Set<String> = [
        "title", "description", "default", "examples", "$comment", "$schema", "$id", "deprecated",
        "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "contentSchema", "$vocabulary",
    ]

    /// Every keyword this validator understands, for "did you mean" on unknown ones.
    static let knownKeywords: [String] =
        [
            "type", "enum", "const", "required", "properties", "additionalProperties",
            "patternProperties", "propertyNames", "minProperties", "maxProperties",
            "dependentRequired", "dependentSchemas", "items", "prefixItems", "minItems", "maxItems",
            "uniqueItems", "contains", "minContains", "maxContains", "minLength", "maxLength", "pattern",
            "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$defs", "definitions",
            "$anchor", "$dynamicRef", "$dynamicAnchor", "unevaluatedProperties", "unevaluatedItems",
        ] + annotationKeywords.sorted()

    /// The validation vocabulary's keywords: not checked when a metaschema leaves it out.
    static let validationKeywords: Set<String> = [
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains",
        "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
    ]

    /// Draft 4–2019 keywords with a 2020-12 replacement.
    static let legacyKeywords: [String: String] = [
        "dependencies": "use `dependentRequired` or `dependentSchemas` (draft 2020-12)",
        "additionalItems": "use `items` after `prefixItems` (draft 2020-12)",
        "$recursiveRef": "use `$dynamicRef` (draft 2020-12)",
        "$recursiveAnchor": "use `$dynamicAnchor` (draft 2020-12)",
    ]

    /// Keywords whose value is one subschema, a list of them, or a map of names to them:
    /// where `$id`, `$anchor` and `$dynamicAnchor` count (not inside `enum` or unknown keywords).
    private static let singleSubschema: Set<String> = [
        "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "items", "additionalItems", "contentSchema",
    ]
    private static let subschemaLists: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    private static let subschemaMaps: Set<String> = [
        "properties", "patternProperties", "dependentSchemas", "$defs", "definitions", "dependencies",
    ]

    /// `rootPath` names the root schema file as messages should (`schema/request.schema.json`,
    /// or absolute); `read` reads another file of its folder by a path of the same form
    /// (nil: no such file).
    init(
        root: JSONDocument, rootPath: String?, formats: SchemaFormatMode,
        read: @escaping (String) throws -> [UInt8]?
    ) {
        self.formats = formats
        self.read = read
        let path = rootPath ?? "schema.json"
        relativePaths = !path.hasPrefix("/")
        let uri = Self.fileURI(path, relative: relativePaths)
        folder = uri.folder
        documents.append(
            SchemaDocument(
                file: rootPath, uri: uri, value: root.value, locations: root.locations,
                keyLocations: root.keyLocations))
        documentByPath[path] = 0
    }

    /// Compiles the root document and everything it refers to; the root is node 0.
    mutating func compileDocument() throws(SchemaError) {
        try prepare(document: 0)
        current = 0
        _ = try compile(documents[0].value, at: [], depth: 0)
        // Resolving compiles the targets, which may hold more references (and the anchors
        // a `$dynamicRef` may land on, which may too): loop until none are left.
        var compiledCount = 0
        repeat {
            while let pending = pendingReferences.popLast() { try resolve(pending) }
            compiledCount = compiledDocuments.count
            try compileDynamicTargets()
        } while !pendingReferences.isEmpty || compiledDocuments.count != compiledCount
        try checkReferenceLoops()
        let order = Dictionary(documents.enumerated().map { ($0.element.file ?? "", $0.offset) }, uniquingKeysWith: min)
        warnings = warnings.enumerated().sorted { a, b in
            let far = SourceLocation(line: .max, column: 0)
            let keyA = (order[a.element.file ?? ""] ?? 0, a.element.location ?? far, a.offset)
            let keyB = (order[b.element.file ?? ""] ?? 0, b.element.location ?? far, b.offset)
            return keyA < keyB
        }.map(\.element)
    }

    /// Whether any `$dynamicRef` may land somewhere else than where it points statically.
    var usesDynamicScope: Bool { !dynamicReferences.isEmpty }

    // MARK: - Errors and locations

    private func error(_ message: String, at path: InstancePath, hint: String? = nil) -> SchemaError {
        error(message, at: SchemaLocation(document: current, path: path), hint: hint)
    }

    private func error(_ message: String, at location: SchemaLocation, hint: String? = nil) -> SchemaError {
        let document = documents[location.document]
        return SchemaError(
            schemaPath: location.path,
            location: document.locations[location.path] ?? document.keyLocations[location.path],
            message: message, hint: hint, file: document.file)
    }

    private mutating func warn(_ message: String, at path: InstancePath, hint: String? = nil) {
        let document = documents[current]
        warnings.append(
            SchemaWarning(
                schemaPath: path, location: document.keyLocations[path] ?? document.locations[path], message: message,
                hint: hint, file: document.file))
    }

    static func pointer(_ path: InstancePath) -> String {
        "#"
            + path.map { component in
                "/"
                    + component.description.replacingOccurrences(of: "~", with: "~0")
                    .replacingOccurrences(of: "/", with: "~1")
            }.joined()
    }

    /// `#/$defs/x` in the root file, `customer.schema.json#/$defs/x` in another.
    private func pointer(_ path: InstancePath) -> String {
        guard current != 0, let file = documents[current].file else { return Self.pointer(path) }
        return (file.split(separator: "/").last.map(String.init) ?? file) + Self.pointer(path)
    }

    /// Object members in the order they appear in the file (by name when unknown), so that
    /// errors, warnings and declared properties come out in a stable, readable order.
    private func ordered(_ members: [String: JSONValue], at path: InstancePath) -> [(key: String, value: JSONValue)] {
        let far = SourceLocation(line: .max, column: .max)
        let document = documents[current]
        return members.map { (key: $0.key, value: $0.value) }.sorted { a, b in
            let la = document.keyLocations[path + [.key(a.key)]] ?? document.locations[path + [.key(a.key)]] ?? far
            let lb = document.keyLocations[path + [.key(b.key)]] ?? document.locations[path + [.key(b.key)]] ?? far
            return la != lb ? la < lb : a.key < b.key
        }
    }

    // MARK: - Subschemas

    private mutating func compile(_ value: JSONValue, at path: InstancePath, depth: Int) throws(SchemaError) -> SchemaNodeID {
        let location = SchemaLocation(document: current, path: path)
        if let existing = nodeByLocation[location] { return existing }
        guard depth <= Self.maximumDepth else {
            throw error("the schema is nested more than \(Self.maximumDepth) levels deep", at: path)
        }
        let id = nodes.count
        compiledDocuments.insert(current)
        let resource = resource(at: location)
        switch value {
        case .bool(let flag):
            nodes.append(SchemaNode(pointer: pointer(path), resource: resource, boolean: flag))
            nodeByLocation[location] = id
            return id
        case .object(let members):
            nodes.append(SchemaNode(pointer: pointer(path), resource: resource))
            nodeByLocation[location] = id
            let node = try compileObject(members, id: id, at: path, depth: depth)
            nodes[id] = node
            return id
        default:
            throw error(
                "a schema must be a mapping of keywords or `true`/`false`, found \(SchemaText.found(value))",
                at: path)
        }
    }

    private mutating func compileObject(
        _ members: [String: JSONValue], id: SchemaNodeID, at path: InstancePath, depth: Int
    ) throws(SchemaError) -> SchemaNode {
        var node = SchemaNode(pointer: pointer(path), resource: nodes[id].resource)
        var keywords: [(order: Int, keyword: SchemaKeyword)] = []
        func add(_ keyword: SchemaKeyword) {
            let order: Int
            switch keyword {
            case .type: order = 0
            case .ref, .dynamicRef: order = 1
            case .conditional: order = 3
            case .unevaluatedProperties, .unevaluatedItems: order = 4
            default: order = 2
            }
            keywords.append((order, keyword))
        }
        let document = documents[current]
        var members = members
        // Before draft 2019-09, `$ref` stood for the whole schema: its siblings were ignored.
        if document.draft == .draft7, let reference = members["$ref"] { members = ["$ref": reference] }
        for name in document.ignoredKeywords { members[name] = nil }
        let base = resources[node.resource].uri

        for (key, value) in ordered(members, at: path) {
            let keyPath = path + [.key(key)]
            switch key {
            case "type":
                add(try typeKeyword(value, at: keyPath))
            case "enum":
                guard case .array(let values) = value else {
                    throw error("`enum` must be a list of the allowed values, found \(SchemaText.found(value))", at: keyPath)
                }
                add(.enumeration(EnumKeyword(values: values)))
            case "const":
                add(.constant(value, exact: ExactValue(value)))
            case "required":
                add(.required(try stringList(value, at: keyPath, keyword: key)))
            case "properties", "patternProperties", "additionalProperties":
                break  // compiled together below
            case "propertyNames":
                add(.propertyNames(try compile(value, at: keyPath, depth: depth + 1)))
            case "minProperties":
                add(.minProperties(try count(value, at: keyPath, keyword: key)))
            case "maxProperties":
                add(.maxProperties(try count(value, at: keyPath, keyword: key)))
            case "dependentRequired":
                add(.dependentRequired(try dependentRequired(value, at: keyPath)))
            case "dependentSchemas":
                add(.dependentSchemas(try schemaMap(value, at: keyPath, keyword: key, depth: depth)))
            case "dependencies" where document.draft == .draft7:
                // Draft-07: a list of names is `dependentRequired`, a schema `dependentSchemas`.
                guard case .object(let map) = value else {
                    throw error("`dependencies` must map key names to lists of key names or to schemas", at: keyPath)
                }
                var required: [(name: String, required: [String])] = []
                var schemas: [(name: String, node: SchemaNodeID)] = []
                for (name, entry) in ordered(map, at: keyPath) {
                    if case .array = entry {
                        required.append((name, try stringList(entry, at: keyPath + [.key(name)], keyword: key)))
                    } else {
                        schemas.append((name, try compile(entry, at: keyPath + [.key(name)], depth: depth + 1)))
                    }
                }
                if !required.isEmpty { add(.dependentRequired(required)) }
                if !schemas.isEmpty { add(.dependentSchemas(schemas)) }
            case "items", "prefixItems":
                break  // compiled together below
            case "additionalItems" where document.draft != .draft2020:
                break  // compiled with `items`
            case "minItems":
                add(.minItems(try count(value, at: keyPath, keyword: key)))
            case "maxItems":
                add(.maxItems(try count(value, at: keyPath, keyword: key)))
            case "uniqueItems":
                guard case .bool(let flag) = value else {
                    throw error("`uniqueItems` must be `true` or `false`, found \(SchemaText.found(value))", at: keyPath)
                }
                if flag { add(.uniqueItems) }
            case "contains", "minContains", "maxContains":
                break  // compiled together below
            case "minLength":
                add(.minLength(try count(value, at: keyPath, keyword: key)))
            case "maxLength":
                add(.maxLength(try count(value, at: keyPath, keyword: key)))
            case "pattern":
                add(.pattern(try regex(value, at: keyPath, keyword: key)))
            case "format":
                if let format = try formatKeyword(value, at: keyPath) { add(.format(format)) }
            case "minimum":
                add(.minimum(try number(value, at: keyPath, keyword: key)))
            case "maximum":
                add(.maximum(try number(value, at: keyPath, keyword: key)))
            case "exclusiveMinimum":
                add(.exclusiveMinimum(try number(value, at: keyPath, keyword: key)))
            case "exclusiveMaximum":
                add(.exclusiveMaximum(try number(value, at: keyPath, keyword: key)))
            case "multipleOf":
                let divisor = try number(value, at: keyPath, keyword: key)
                guard divisor.compare(to: .integer(0)) == 1 else {
                    throw error("`multipleOf` must be a number greater than 0, found \(SchemaText.render(value))", at: keyPath)
                }
                add(.multipleOf(divisor))
            case "allOf":
                add(.allOf(try schemaList(value, at: keyPath, keyword: key, depth: depth)))
            case "anyOf":
                add(.anyOf(try schemaList(value, at: keyPath, keyword: key, depth: depth)))
            case "oneOf":
                add(.oneOf(try schemaList(value, at: keyPath, keyword: key, depth: depth)))
            case "not":
                add(.not(try compile(value, at: keyPath, depth: depth + 1)))
            case "if", "then", "else":
                break  // compiled together below
            case "$ref", "$dynamicRef":
                guard case .string(let reference) = value else {
                    throw error("`\(key)` must be text such as `#/$defs/name`, found \(SchemaText.found(value))", at: keyPath)
                }
                let dynamic = key == "$dynamicRef"
                add(dynamic ? .dynamicRef(DynamicReference(initial: -1, target: reference)) : .ref(-1, target: reference))
                let site = SchemaLocation(document: current, path: keyPath)
                pendingReferences.append(
                    PendingReference(
                        node: id, uri: base.resolving(reference), written: "`\(key)` `\(reference)`", site: site, dynamic: dynamic))
                if referenceSites[id] == nil || !dynamic { referenceSites[id] = (site, "`\(key)` `\(reference)`") }
            case "$defs", "definitions":
                _ = try schemaMap(value, at: keyPath, keyword: key, depth: depth)
            case "$anchor", "$dynamicAnchor":
                break  // read by `scan`
            case "unevaluatedProperties":
                add(.unevaluatedProperties(try compile(value, at: keyPath, depth: depth + 1)))
                node.needsAnnotations = true
            case "unevaluatedItems":
                add(.unevaluatedItems(try compile(value, at: keyPath, depth: depth + 1)))
                node.needsAnnotations = true
            case _ where Self.annotationKeywords.contains(key):
                break
            default:
                if let advice = Self.legacyKeywords[key] {
                    warn("unknown keyword `\(key)` is ignored", at: keyPath, hint: advice)
                } else {
                    let suggestion = Suggestion.nearest(to: key, among: Self.knownKeywords)
                    warn("unknown keyword `\(key)` is ignored", at: keyPath, hint: suggestion.map { "did you mean `\($0)`?" })
                }
            }
        }

        if let members = try objectMembers(members, at: path, depth: depth, declared: &node.declaredProperties) {
            add(.objectMembers(members))
        }
        if let items = try itemsKeyword(members, at: path, depth: depth) { add(items) }
        if let contains = try containsKeyword(members, at: path, depth: depth) { add(contains) }
        if let conditional = try conditionalKeyword(members, at: path, depth: depth) { add(conditional) }

        // A stable sort: `type` first so a wrong type is reported alone, `unevaluated*` last
        // because they depend on what the other keywords evaluated.
        node.keywords = keywords.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
            .map(\.element.keyword)
        return node
    }

    private mutating func dependentRequired(
        _ value: JSONValue, at keyPath: InstancePath
    ) throws(SchemaError) -> [(name: String, required: [String])] {
        guard case .object(let map) = value else {
            throw error("`dependentRequired` must map key names to lists of key names", at: keyPath)
        }
        var pairs: [(name: String, required: [String])] = []
        for (name, list) in ordered(map, at: keyPath) {
            pairs.append((name, try stringList(list, at: keyPath + [.key(name)], keyword: "dependentRequired")))
        }
        return pairs
    }

    // MARK: - Keyword groups

    private mutating func objectMembers(
        _ members: [String: JSONValue], at path: InstancePath, depth: Int, declared: inout [String]
    ) throws(SchemaError) -> ObjectMembersKeyword? {
        let properties = members["properties"]
        let patternProperties = members["patternProperties"]
        let additional = members["additionalProperties"]
        guard properties != nil || patternProperties != nil || additional != nil else { return nil }
        var keyword = ObjectMembersKeyword()
        if let properties {
            let keyPath = path + [.key("properties")]
            for (name, node) in try schemaMap(properties, at: keyPath, keyword: "properties", depth: depth) {
                keyword.named.append((name, node))
                keyword.namedIndex[name] = node
                declared.append(name)
            }
        }
        if let patternProperties {
            let keyPath = path + [.key("patternProperties")]
            guard case .object(let map) = patternProperties else {
                throw error(
                    "`patternProperties` must map patterns to schemas, found \(SchemaText.found(patternProperties))",
                    at: keyPath)
            }
            for (pattern, subschema) in ordered(map, at: keyPath) {
                let memberPath = keyPath + [.key(pattern)]
                let compiled = try regex(.string(pattern), at: memberPath, keyword: "patternProperties")
                keyword.patterns.append((compiled, try compile(subschema, at: memberPath, depth: depth + 1)))
            }
        }
        if let additional {
            keyword.additional = try compile(additional, at: path + [.key("additionalProperties")], depth: depth + 1)
        }
        return keyword
    }

    private mutating func itemsKeyword(
        _ members: [String: JSONValue], at path: InstancePath, depth: Int
    ) throws(SchemaError) -> SchemaKeyword? {
        var prefix: [SchemaNodeID] = []
        var rest: SchemaNodeID?
        if let prefixItems = members["prefixItems"] {
            prefix = try schemaList(prefixItems, at: path + [.key("prefixItems")], keyword: "prefixItems", depth: depth)
        }
        if documents[current].draft != .draft2020, case .array = members["items"] ?? .null {
            // Before 2020-12, a list in `items` was `prefixItems`, and `additionalItems` the rest.
            prefix = try schemaList(members["items"] ?? .null, at: path + [.key("items")], keyword: "items", depth: depth)
            if let additional = members["additionalItems"] {
                rest = try compile(additional, at: path + [.key("additionalItems")], depth: depth + 1)
            }
        } else if let items = members["items"] {
            let keyPath = path + [.key("items")]
            if case .array = items {
                throw error(
                    "`items` must be a single schema in draft 2020-12, found a list", at: keyPath,
                    hint: "use `prefixItems` for a list of schemas, one per position")
            }
            rest = try compile(items, at: keyPath, depth: depth + 1)
        }
        guard !prefix.isEmpty || rest != nil else { return nil }
        return .items(prefix: prefix, rest: rest)
    }

    private mutating func containsKeyword(
        _ members: [String: JSONValue], at path: InstancePath, depth: Int
    ) throws(SchemaError) -> SchemaKeyword? {
        // Check `minContains`/`maxContains` even without `contains`, where they are ignored.
        let minimum = try members["minContains"].map { value throws(SchemaError) in
            try count(value, at: path + [.key("minContains")], keyword: "minContains")
        }
        let maximum = try members["maxContains"].map { value throws(SchemaError) in
            try count(value, at: path + [.key("maxContains")], keyword: "maxContains")
        }
        guard let contains = members["contains"] else { return nil }
        let node = try compile(contains, at: path + [.key("contains")], depth: depth + 1)
        return .contains(node, minimum: minimum ?? 1, maximum: maximum)
    }

    private mutating func conditionalKeyword(
        _ members: [String: JSONValue], at path: InstancePath, depth: Int
    ) throws(SchemaError) -> SchemaKeyword? {
        // `then` and `else` without `if` have no effect, but are still checked and may be
        // the target of a `$ref`.
        let then = try members["then"].map { value throws(SchemaError) in
            try compile(value, at: path + [.key("then")], depth: depth + 1)
        }
        let otherwise = try members["else"].map { value throws(SchemaError) in
            try compile(value, at: path + [.key("else")], depth: depth + 1)
        }
        guard let condition = members["if"] else { return nil }
        let node = try compile(condition, at: path + [.key("if")], depth: depth + 1)
        return .conditional(if: node, then: then, else: otherwise)
    }

    // MARK: - Keyword values

    private func typeKeyword(_ value: JSONValue, at path: InstancePath) throws(SchemaError) -> SchemaKeyword {
        var names: [(String, InstancePath)] = []
        switch value {
        case .string(let name):
            names = [(name, path)]
        case .array(let entries) where !entries.isEmpty:
            for (index, entry) in entries.enumerated() {
                guard case .string(let name) = entry else {
                    throw error("each entry of `type` must be a type name, found \(SchemaText.found(entry))", at: path + [.index(index)])
                }
                names.append((name, path + [.index(index)]))
            }
        default:
            throw error("`type` must be a type name or a list of them, found \(SchemaText.found(value))", at: path)
        }
        var set: SchemaTypeSet = []
        for (name, namePath) in names {
            guard let type = SchemaTypeSet.byName[name] else {
                let suggestion = Suggestion.nearest(to: name, among: SchemaTypeSet.byName.keys.sorted())
                throw error(
                    "`\(name)` is not a type; use one of `string`, `integer`, `number`, `boolean`, `array`, `object`, `null`",
                    at: namePath, hint: suggestion.map { "did you mean `\($0)`?" })
            }
            set.insert(type)
        }
        return .type(set, names: names.map(\.0))
    }

    private func count(_ value: JSONValue, at path: InstancePath, keyword: String) throws(SchemaError) -> Int {
        switch value {
        case .integer(let integer) where integer >= 0:
            return integer
        case .double(let double) where double >= 0 && double.rounded() == double && double < 9.0e15:
            return Int(double)
        default:
            throw error("`\(keyword)` must be a whole number of 0 or more, found \(SchemaText.found(value))", at: path)
        }
    }

    private func number(_ value: JSONValue, at path: InstancePath, keyword: String) throws(SchemaError) -> SchemaNumber {
        guard let number = SchemaNumber(value), number.doubleValue.isFinite else {
            throw error("`\(keyword)` must be a number, found \(SchemaText.found(value))", at: path)
        }
        return number
    }

    private mutating func stringList(_ value: JSONValue, at path: InstancePath, keyword: String) throws(SchemaError) -> [String] {
        guard case .array(let entries) = value else {
            throw error("`\(keyword)` must be a list of key names, found \(SchemaText.found(value))", at: path)
        }
        var names: [String] = []
        for (index, entry) in entries.enumerated() {
            guard case .string(let name) = entry else {
                throw error("each entry of `\(keyword)` must be a key name, found \(SchemaText.found(entry))", at: path + [.index(index)])
            }
            if names.contains(name) {
                warn("`\(keyword)` lists `\(name)` more than once", at: path + [.index(index)])
            } else {
                names.append(name)
            }
        }
        return names
    }

    private mutating func schemaList(
        _ value: JSONValue, at path: InstancePath, keyword: String, depth: Int
    ) throws(SchemaError) -> [SchemaNodeID] {
        guard case .array(let entries) = value, !entries.isEmpty else {
            throw error("`\(keyword)` must be a non-empty list of schemas, found \(SchemaText.found(value))", at: path)
        }
        var nodes: [SchemaNodeID] = []
        for (index, entry) in entries.enumerated() {
            nodes.append(try compile(entry, at: path + [.index(index)], depth: depth + 1))
        }
        return nodes
    }

    private mutating func schemaMap(
        _ value: JSONValue, at path: InstancePath, keyword: String, depth: Int
    ) throws(SchemaError) -> [(name: String, node: SchemaNodeID)] {
        guard case .object(let map) = value else {
            throw error("`\(keyword)` must map names to schemas, found \(SchemaText.found(value))", at: path)
        }
        var pairs: [(name: String, node: SchemaNodeID)] = []
        for (name, subschema) in ordered(map, at: path) {
            pairs.append((name, try compile(subschema, at: path + [.key(name)], depth: depth + 1)))
        }
        return pairs
    }

    private mutating func regex(_ value: JSONValue, at path: InstancePath, keyword: String) throws(SchemaError) -> ECMARegex {
        guard case .string(let source) = value else {
            throw error("`\(keyword)` must be a regular expression in text, found \(SchemaText.found(value))", at: path)
        }
        if let cached = regexCache[source] { return cached }
        do {
            let compiled = try ECMARegex(source)
            regexCache[source] = compiled
            return compiled
        } catch {
            throw self.error("`\(source)` is not a valid regular expression", at: path)
        }
    }

    private mutating func formatKeyword(_ value: JSONValue, at path: InstancePath) throws(SchemaError) -> SchemaFormat? {
        guard case .string(let name) = value else {
            throw error("`format` must be a format name, found \(SchemaText.found(value))", at: path)
        }
        if let format = SchemaFormat(rawValue: name) { return formats == .assert ? format : nil }
        if !SchemaFormat.knownUnchecked.contains(name) {
            let all = SchemaFormat.allCases.map(\.rawValue) + SchemaFormat.knownUnchecked.sorted()
            warn(
                "unknown format `\(name)` is not checked", at: path,
                hint: Suggestion.nearest(to: name, among: all).map { "did you mean `\($0)`?" })
        }
        return nil
    }

    // MARK: - Files and resources

    /// `file:///schema/x.json` for `schema/x.json` (and for `/abs/x.json`); what a URI path
    /// cannot hold is percent-encoded (files are looked up by their decoded path).
    private static func fileURI(_ path: String, relative: Bool) -> SchemaURI {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/".utf8)
        var encoded = ""
        for byte in (relative ? "/" + path : path).utf8 {
            if allowed.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return SchemaURI(scheme: "file", authority: "", path: encoded, query: nil, fragment: nil)
    }

    /// The path of the file `uri` names (as `read` takes it), when it is a file of the schema
    /// folder; throws, located at the reference, when it names a file elsewhere.
    private func filePath(of uri: SchemaURI, written: String, site: SchemaLocation) throws(SchemaError) -> String? {
        var uri = uri
        if uri.scheme != "file" {
            let text = uri.description
            guard let alias = aliases.first(where: { text.hasPrefix($0.id) }) else { return nil }
            uri = SchemaURI(alias.file + text.dropFirst(alias.id.count))
        }
        guard documents[0].file != nil else {
            throw error("\(written) names another file, but this schema was not read from a folder", at: site)
        }
        let folderPath = folder.path
        guard uri.authority ?? "" == "", uri.query == nil, uri.path.hasPrefix(folderPath),
            uri.path.count > folderPath.count, let decoded = uri.path.removingPercentEncoding
        else {
            throw error(
                "\(written) points outside the schema folder `\(displayFolder)`", at: site,
                hint: "freq reads only the files of the folder the schema is in; copy the schema there")
        }
        return relativePaths ? String(decoded.dropFirst()) : decoded
    }

    private var displayFolder: String {
        let path = folder.path.removingPercentEncoding ?? folder.path
        return relativePaths ? String(path.dropFirst()) : path
    }

    /// The document read from `path`, read and scanned the first time it is asked for.
    private mutating func document(at path: String, written: String, site: SchemaLocation) throws(SchemaError) -> Int {
        if let index = documentByPath[path] { return index }
        guard documents.count < Self.maximumDocuments else {
            throw error("the schema refers to more than \(Self.maximumDocuments) files", at: site)
        }
        let bytes: [UInt8]?
        do {
            bytes = try read(path)
        } catch {
            throw self.error("\(written) names `\(path)`, which cannot be read: \(error)", at: site)
        }
        guard let bytes else {
            throw error("\(written) names `\(path)`, which does not exist", at: site)
        }
        let parsed: JSONDocument
        do {
            parsed = try JSONParser.parse(bytes)
        } catch let error as JSONSyntaxError {
            throw SchemaError(
                schemaPath: [], location: error.location, message: "the schema is not valid JSON: \(error.message)",
                file: path)
        } catch {
            throw SchemaError(schemaPath: [], location: nil, message: "the schema is not valid JSON: \(error)", file: path)
        }
        let index = documents.count
        documents.append(
            SchemaDocument(
                file: path, uri: Self.fileURI(path, relative: relativePaths), value: parsed.value,
                locations: parsed.locations, keyLocations: parsed.keyLocations))
        documentByPath[path] = index
        let saved = current
        defer { current = saved }
        try prepare(document: index)
        return index
    }

    /// Reads a document's `$schema` (its draft and vocabularies), then registers its
    /// resources and anchors.
    private mutating func prepare(document index: Int) throws(SchemaError) {
        current = index
        let root = documents[index].value
        let metaschema = root["$schema"]?.stringValue
        if let metaschema { readDraft(metaschema, at: [.key("$schema")]) }
        resources.append(SchemaResource(uri: documents[index].uri, root: SchemaLocation(document: index, path: [])))
        resourceByURI[documents[index].uri.description] = resources.count - 1
        try scan(root, at: [], resource: resources.count - 1, depth: 0)
        // After the scan: the file's `$id` may be what the metaschema's URI is relative to.
        if let metaschema { readVocabularies(metaschema, at: [.key("$schema")]) }
    }

    private static let draft2020 = ["https://json-schema.org/draft/2020-12/schema"]
    private static let olderDrafts: [(uris: [String], draft: SchemaDraft, name: String)] = [
        (["https://json-schema.org/draft/2019-09/schema"], .draft2019, "draft 2019-09"),
        (["http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema"], .draft7, "draft-07"),
        (["http://json-schema.org/draft-06/schema", "https://json-schema.org/draft-06/schema"], .draft7, "draft-06"),
        (["http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema"], .draft7, "draft-04"),
    ]

    /// Draft 2020-12 is what freq reads. Older drafts are read with their `items` lists,
    /// `additionalItems` and (draft-07) `dependencies` and `$ref` siblings, and warned about.
    private mutating func readDraft(_ text: String, at path: InstancePath) {
        let written = text.hasSuffix("#") ? String(text.dropLast()) : text
        guard let older = Self.olderDrafts.first(where: { $0.uris.contains(written) }) else { return }
        documents[current].draft = older.draft
        let differences =
            older.draft == .draft2019
            ? "`$recursiveRef` and `$recursiveAnchor` are not read"
            : "`$ref` beside other keywords stands alone, as in \(older.name); `format` is checked"
        warn(
            "`$schema` names \(older.name): freq checks it as draft 2020-12, reading `items` lists and `additionalItems` as \(older.name) does",
            at: path,
            hint: "\(differences); name `https://json-schema.org/draft/2020-12/schema` once the schema follows it")
    }

    /// A metaschema of the schema folder is read for its `$vocabulary` (without the
    /// validation vocabulary, its keywords are not checked); any other unknown `$schema` is
    /// warned about.
    private mutating func readVocabularies(_ text: String, at path: InstancePath) {
        let written = text.hasSuffix("#") ? String(text.dropLast()) : text
        if Self.draft2020.contains(written) || Self.olderDrafts.contains(where: { $0.uris.contains(written) }) { return }
        let resource = resourceAt[SchemaLocation(document: current, path: [])] ?? 0
        let uri = resources[resource].uri.resolving(text).withoutFragment
        let site = SchemaLocation(document: current, path: path)
        let phrase = "`$schema` `\(text)`"
        let saved = current
        if let file = try? filePath(of: uri, written: phrase, site: site),
            let index = try? document(at: file, written: phrase, site: site),
            case .object(let vocabularies)? = documents[index].value["$vocabulary"]
        {
            current = saved
            if vocabularies["https://json-schema.org/draft/2020-12/vocab/validation"] == nil {
                documents[current].ignoredKeywords.formUnion(Self.validationKeywords)
            }
            return
        }
        current = saved
        warn(
            "unknown `$schema` `\(text)`: freq checks the schema as draft 2020-12", at: path,
            hint: "name `https://json-schema.org/draft/2020-12/schema`")
    }

    /// Walks the subschemas of a document (only where keywords hold schemas) and registers
    /// every `$id` as a resource, and every `$anchor` and `$dynamicAnchor` in its resource.
    private mutating func scan(_ value: JSONValue, at path: InstancePath, resource: Int, depth: Int) throws(SchemaError) {
        guard depth <= Self.maximumDepth, case .object(let members) = value else { return }
        var resource = resource
        let location = SchemaLocation(document: current, path: path)
        if let id = members["$id"] {
            guard case .string(let text) = id else {
                throw error("`$id` must be a URI, found \(SchemaText.found(id))", at: path + [.key("$id")])
            }
            let uri = resources[resource].uri.resolving(text)
            if let fragment = uri.fragment, !fragment.isEmpty {
                guard documents[current].draft == .draft7, text.hasPrefix("#") else {
                    throw error(
                        "`$id` `\(text)` must not have a fragment", at: path + [.key("$id")],
                        hint: "name a place inside the schema with `$anchor`")
                }
                try addAnchor(fragment, at: location, resource: resource, dynamic: false, keyword: "$id")
            } else {
                let identifier = uri.withoutFragment
                if path.isEmpty {
                    // A file's own `$id`: its files' folder may be named by that URI.
                    let fileFolder = resources[resource].uri.folder.description
                    let idFolder = identifier.folder.description
                    if identifier.authority != nil, idFolder != fileFolder, !aliases.contains(where: { $0.id == idFolder }) {
                        aliases.append((idFolder, fileFolder))
                    }
                    resources[resource].uri = identifier
                } else {
                    resources.append(SchemaResource(uri: identifier, root: location))
                    resource = resources.count - 1
                }
                if let other = resourceByURI[identifier.description], resources[other].root != location {
                    throw error(
                        "`$id` `\(text)` is already the `$id` of another schema", at: path + [.key("$id")])
                }
                resourceByURI[identifier.description] = resource
            }
        }
        resourceAt[location] = resource
        for keyword in ["$anchor", "$dynamicAnchor"] {
            guard let anchor = members[keyword] else { continue }
            guard case .string(let name) = anchor, Self.isAnchorName(name) else {
                throw error(
                    "`\(keyword)` must be a name of letters, digits, `-`, `_` and `.` that starts with a letter or `_`, found \(SchemaText.found(anchor))",
                    at: path + [.key(keyword)])
            }
            try addAnchor(name, at: location, resource: resource, dynamic: keyword == "$dynamicAnchor", keyword: keyword)
        }
        for (key, member) in members {
            let memberPath = path + [.key(key)]
            if Self.subschemaMaps.contains(key), case .object(let map) = member {
                for (name, subschema) in map {
                    try scan(subschema, at: memberPath + [.key(name)], resource: resource, depth: depth + 1)
                }
            } else if Self.subschemaLists.contains(key), case .array(let list) = member {
                for (index, subschema) in list.enumerated() {
                    try scan(subschema, at: memberPath + [.index(index)], resource: resource, depth: depth + 1)
                }
            } else if Self.singleSubschema.contains(key) {
                try scan(member, at: memberPath, resource: resource, depth: depth + 1)
            }
        }
    }

    private mutating func addAnchor(
        _ name: String, at location: SchemaLocation, resource: Int, dynamic: Bool, keyword: String
    ) throws(SchemaError) {
        if let existing = resources[resource].anchors[name], existing != location {
            throw error(
                "`\(keyword)` `\(name)` is already the name of another place in this schema", at: location.path + [.key(keyword)])
        }
        resources[resource].anchors[name] = location
        if dynamic { resources[resource].dynamicAnchors[name] = location }
    }

    /// `[A-Za-z_][-A-Za-z0-9._]*`, as draft 2020-12 spells anchor names.
    private static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.utf8.first, FormatScanner.isAlpha(first) || first == 0x5F else { return false }
        return name.utf8.allSatisfy { FormatScanner.isAlpha($0) || FormatScanner.isDigit($0) || [0x2D, 0x2E, 0x5F].contains($0) }
    }

    /// The resource a subschema belongs to: its own, or its nearest scanned ancestor's (a
    /// subschema inside an unknown keyword belongs to the schema around it).
    private func resource(at location: SchemaLocation) -> Int {
        var path = location.path
        while true {
            if let resource = resourceAt[SchemaLocation(document: location.document, path: path)] { return resource }
            if path.isEmpty { return 0 }
            path.removeLast()
        }
    }

    // MARK: - References

    /// Points a `$ref` or `$dynamicRef` at its target, compiling it.
    private mutating func resolve(_ pending: PendingReference) throws(SchemaError) {
        current = pending.site.document
        let (location, resource) = try locate(pending.uri, written: pending.written, site: pending.site)
        current = location.document
        let value = try valueAt(location.path, in: location.document)
        guard value.objectValue != nil || value.boolValue != nil else {
            current = pending.site.document
            throw error(
                "\(pending.written) points to \(SchemaText.found(value)), which is not a schema", at: pending.site)
        }
        let target = try compile(value, at: location.path, depth: location.path.count)
        let keywords = nodes[pending.node].keywords
        for index in keywords.indices {
            switch keywords[index] {
            case .ref(_, let written) where !pending.dynamic:
                nodes[pending.node].keywords[index] = .ref(target, target: written)
            case .dynamicRef(var reference) where pending.dynamic:
                reference.initial = target
                // Dynamic only when it lands on a `$dynamicAnchor` of the same name; else a `$ref`.
                if let name = pending.uri.fragment?.removingPercentEncoding, !name.isEmpty, !name.hasPrefix("/"),
                    resources[resource].dynamicAnchors[name] == location
                {
                    reference.name = name
                    dynamicReferences.append((pending.node, name))
                }
                nodes[pending.node].keywords[index] = .dynamicRef(reference)
            default:
                continue
            }
        }
    }

    /// Every `$dynamicAnchor` a dynamic reference may land on, by resource, compiled.
    private mutating func compileDynamicTargets() throws(SchemaError) {
        for (node, name) in dynamicReferences {
            var candidates: [Int: SchemaNodeID] = [:]
            for (index, resource) in resources.enumerated() {
                // Only resources of the schema's own documents can be in the dynamic scope.
                guard let location = resource.dynamicAnchors[name], compiledDocuments.contains(location.document) else {
                    continue
                }
                current = location.document
                candidates[index] = try compile(try valueAt(location.path, in: location.document), at: location.path, depth: location.path.count)
            }
            for index in nodes[node].keywords.indices {
                if case .dynamicRef(var reference) = nodes[node].keywords[index] {
                    reference.candidates = candidates
                    nodes[node].keywords[index] = .dynamicRef(reference)
                }
            }
        }
    }

    /// The subschema a reference names, and its resource: `#`, `#/json/pointer` (with `~0`,
    /// `~1` and percent escapes) or `#anchor`, after any file or `$id`.
    private mutating func locate(
        _ uri: SchemaURI, written: String, site: SchemaLocation
    ) throws(SchemaError) -> (SchemaLocation, Int) {
        let base = uri.withoutFragment
        var found = resourceByURI[base.description]
        if found == nil, let path = try filePath(of: base, written: written, site: site) {
            let index = try document(at: path, written: written, site: site)
            found = resourceByURI[base.description] ?? resourceByURI[documents[index].uri.description]
                ?? resources.firstIndex { $0.root == SchemaLocation(document: index, path: []) }
        }
        guard let resource = found else {
            if let scheme = base.scheme, ["http", "https", "ftp", "ftps", "ws", "wss"].contains(scheme) {
                throw error(
                    "\(written) is a network address, and freq never fetches schemas", at: site,
                    hint: "save a copy in `\(displayFolder)` and refer to it by its file name")
            }
            throw error(
                "\(written) names no schema of the schema folder `\(displayFolder)`", at: site,
                hint: "refer to a file of the folder by its name, such as `customer.schema.json#/$defs/entry`")
        }
        guard let fragment = (uri.fragment ?? "").removingPercentEncoding else {
            throw error("\(written) has an invalid `%` escape", at: site)
        }
        let root = resources[resource].root
        if fragment.isEmpty { return (root, resource) }
        guard fragment.hasPrefix("/") else {
            guard let anchor = resources[resource].anchors[fragment] else {
                throw error("\(written) names no `$anchor` of `\(resources[resource].uri)`", at: site)
            }
            return (anchor, resource)
        }
        var value = try valueAt(root.path, in: root.document)
        var path = root.path
        for token in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let name = Self.unescapePointerToken(String(token)) else {
                throw error("\(written) has a `~` that is not followed by `0` or `1`", at: site)
            }
            switch value {
            case .object(let members):
                guard let next = members[name] else {
                    throw error("\(written) does not point to anything in the schema", at: site)
                }
                path.append(.key(name))
                value = next
            case .array(let entries):
                guard let index = Int(name), index >= 0, index < entries.count, String(index) == name else {
                    throw error("\(written) does not point to anything in the schema", at: site)
                }
                path.append(.index(index))
                value = entries[index]
            default:
                throw error("\(written) does not point to anything in the schema", at: site)
            }
        }
        let location = SchemaLocation(document: root.document, path: path)
        // A pointer into a resource nested in this one still lands in that resource.
        return (location, self.resource(at: location))
    }

    private func valueAt(_ path: InstancePath, in document: Int) throws(SchemaError) -> JSONValue {
        var value = documents[document].value
        for component in path {
            switch (component, value) {
            case (.key(let key), .object(let members)) where members[key] != nil: value = members[key] ?? .null
            case (.index(let index), .array(let entries)) where entries.indices.contains(index): value = entries[index]
            default: return .null
            }
        }
        return value
    }

    /// Refuses references that lead back to their own schema without going into a member or
    /// an item: checking any value against them would never end.
    private mutating func checkReferenceLoops() throws(SchemaError) {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on the path, 2 done
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: SchemaNodeID, next: [SchemaNodeID])] = [(start, inPlace(start))]
            state[start] = 1
            while let top = stack.last {
                guard let next = top.next.last else {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next.removeLast()
                if state[next] == 1 {
                    let loop = stack.map(\.node).drop { $0 != next }
                    try reportLoop(Array(loop) + [next])
                }
                if state[next] == 0 {
                    state[next] = 1
                    stack.append((next, inPlace(next)))
                }
            }
        }
    }

    private func inPlace(_ id: SchemaNodeID) -> [SchemaNodeID] {
        nodes[id].keywords.flatMap(\.inPlaceSubschemas)
    }

    private mutating func reportLoop(_ loop: [SchemaNodeID]) throws(SchemaError) {
        let steps = loop.map { "`\(nodes[$0].pointer)`" }.joined(separator: " → ")
        let referring = loop.first { referenceSites[$0] != nil } ?? loop[0]
        let site = referenceSites[referring]?.location ?? SchemaLocation(document: 0, path: [])
        let written = referenceSites[referring]?.written ?? ""
        throw error(
            "\(written) leads back to the same schema without checking a deeper value (\(steps)), so checking would never end",
            at: site,
            hint: "a schema may refer to itself only from inside `properties`, `items` or another keyword that checks a part of the value")
    }

    private static func unescapePointerToken(_ token: String) -> String? {
        guard token.contains("~") else { return token }
        var result = ""
        var iterator = token.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }
}

extension JSONValue {
    fileprivate var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}
