import Foundation

/// Turns a schema document into `SchemaNode`s: checks every keyword's value, compiles
/// regexes once, resolves `$ref` to node indices, and warns about unknown keywords.
struct SchemaCompiler {
    let document: JSONValue
    let locations: [InstancePath: SourceLocation]
    let keyLocations: [InstancePath: SourceLocation]

    private(set) var nodes: [SchemaNode] = []
    private(set) var warnings: [SchemaWarning] = []
    private var nodeByPath: [InstancePath: SchemaNodeID] = [:]
    private var anchors: [String: SchemaNodeID] = [:]
    private var pendingReferences: [(node: SchemaNodeID, reference: String, path: InstancePath)] = []
    private var regexCache: [String: ECMARegex] = [:]

    /// Schemas nested deeper than this are refused (the compiler recurses on them).
    static let maximumDepth = 512

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
            "$anchor", "unevaluatedProperties", "unevaluatedItems",
        ] + annotationKeywords.sorted()

    /// Draft 4–2019 keywords with a 2020-12 replacement.
    static let legacyKeywords: [String: String] = [
        "dependencies": "use `dependentRequired` or `dependentSchemas` (draft 2020-12)",
        "additionalItems": "use `items` after `prefixItems` (draft 2020-12)",
        "$recursiveRef": "recursive references are not supported; use `$ref`",
        "$dynamicRef": "dynamic references are not supported; use `$ref`",
    ]

    init(
        document: JSONValue, locations: [InstancePath: SourceLocation],
        keyLocations: [InstancePath: SourceLocation]
    ) {
        self.document = document
        self.locations = locations
        self.keyLocations = keyLocations
    }

    /// Compiles the whole document; the root is node 0.
    mutating func compileDocument() throws(SchemaError) {
        _ = try compile(document, at: [], depth: 0)
        // Resolving may compile more of the document (a `$ref` into an unknown keyword),
        // which may add more references, so loop until none are left.
        while let pending = pendingReferences.popLast() {
            let target = try resolve(pending.reference, at: pending.path)
            for index in nodes[pending.node].keywords.indices {
                if case .ref(_, let reference) = nodes[pending.node].keywords[index] {
                    nodes[pending.node].keywords[index] = .ref(target, target: reference)
                }
            }
        }
        warnings.sort { ($0.location ?? .init(line: .max, column: 0)) < ($1.location ?? .init(line: .max, column: 0)) }
    }

    // MARK: - Errors and locations

    private func error(_ message: String, at path: InstancePath, hint: String? = nil) -> SchemaError {
        SchemaError(schemaPath: path, location: locations[path] ?? keyLocations[path], message: message, hint: hint)
    }

    private mutating func warn(_ message: String, at path: InstancePath, hint: String? = nil) {
        warnings.append(
            SchemaWarning(schemaPath: path, location: keyLocations[path] ?? locations[path], message: message, hint: hint))
    }

    static func pointer(_ path: InstancePath) -> String {
        "#"
            + path.map { component in
                "/"
                    + component.description.replacingOccurrences(of: "~", with: "~0")
                    .replacingOccurrences(of: "/", with: "~1")
            }.joined()
    }

    /// Object members in the order they appear in the file (by name when unknown), so that
    /// errors, warnings and declared properties come out in a stable, readable order.
    private func ordered(_ members: [String: JSONValue], at path: InstancePath) -> [(key: String, value: JSONValue)] {
        let far = SourceLocation(line: .max, column: .max)
        return members.map { (key: $0.key, value: $0.value) }.sorted { a, b in
            let la = keyLocations[path + [.key(a.key)]] ?? locations[path + [.key(a.key)]] ?? far
            let lb = keyLocations[path + [.key(b.key)]] ?? locations[path + [.key(b.key)]] ?? far
            return la != lb ? la < lb : a.key < b.key
        }
    }

    // MARK: - Subschemas

    private mutating func compile(_ value: JSONValue, at path: InstancePath, depth: Int) throws(SchemaError) -> SchemaNodeID {
        if let existing = nodeByPath[path] { return existing }
        guard depth <= Self.maximumDepth else {
            throw error("the schema is nested more than \(Self.maximumDepth) levels deep", at: path)
        }
        let id = nodes.count
        switch value {
        case .bool(let flag):
            nodes.append(SchemaNode(pointer: Self.pointer(path), boolean: flag))
            nodeByPath[path] = id
            return id
        case .object(let members):
            nodes.append(SchemaNode(pointer: Self.pointer(path)))
            nodeByPath[path] = id
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
        var node = SchemaNode(pointer: Self.pointer(path))
        var keywords: [(order: Int, keyword: SchemaKeyword)] = []
        func add(_ keyword: SchemaKeyword) {
            let order: Int
            switch keyword {
            case .type: order = 0
            case .ref: order = 1
            case .conditional: order = 3
            case .unevaluatedProperties, .unevaluatedItems: order = 4
            default: order = 2
            }
            keywords.append((order, keyword))
        }

        for (key, value) in ordered(members, at: path) {
            let keyPath = path + [.key(key)]
            switch key {
            case "type":
                add(try typeKeyword(value, at: keyPath))
            case "enum":
                guard case .array(let values) = value else {
                    throw error("`enum` must be a list of the allowed values, found \(SchemaText.found(value))", at: keyPath)
                }
                add(.enumeration(EnumKeyword(values: values, canonical: Set(values.map { $0.canonicalized() }))))
            case "const":
                add(.constant(value, canonical: value.canonicalized()))
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
                guard case .object(let map) = value else {
                    throw error("`dependentRequired` must map key names to lists of key names", at: keyPath)
                }
                var pairs: [(name: String, required: [String])] = []
                for (name, list) in ordered(map, at: keyPath) {
                    pairs.append((name, try stringList(list, at: keyPath + [.key(name)], keyword: key)))
                }
                add(.dependentRequired(pairs))
            case "dependentSchemas":
                add(.dependentSchemas(try schemaMap(value, at: keyPath, keyword: key, depth: depth)))
            case "items", "prefixItems":
                break  // compiled together below
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
            case "$ref":
                guard case .string(let reference) = value else {
                    throw error("`$ref` must be text such as `#/$defs/name`, found \(SchemaText.found(value))", at: keyPath)
                }
                add(.ref(-1, target: reference))
                pendingReferences.append((id, reference, keyPath))
            case "$defs", "definitions":
                _ = try schemaMap(value, at: keyPath, keyword: key, depth: depth)
            case "$anchor":
                guard case .string(let name) = value, !name.isEmpty else {
                    throw error("`$anchor` must be a name, found \(SchemaText.found(value))", at: keyPath)
                }
                anchors[name] = id
            case "unevaluatedProperties":
                add(.unevaluatedProperties(try compile(value, at: keyPath, depth: depth + 1)))
                node.needsAnnotations = true
            case "unevaluatedItems":
                add(.unevaluatedItems(try compile(value, at: keyPath, depth: depth + 1)))
                node.needsAnnotations = true
            case "$schema":
                if case .string(let uri) = value,
                    let draft = ["draft-03", "draft-04", "draft-06", "draft-07", "2019-09"].first(where: uri.contains)
                {
                    warn(
                        "`$schema` names \(draft), but this validator follows draft 2020-12", at: keyPath,
                        hint: "keywords that changed meaning (such as `items` with a list) may behave differently")
                }
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
        if let items = members["items"] {
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
        if let format = SchemaFormat(rawValue: name) { return format }
        if !SchemaFormat.knownUnchecked.contains(name) {
            let all = SchemaFormat.allCases.map(\.rawValue) + SchemaFormat.knownUnchecked.sorted()
            warn(
                "unknown format `\(name)` is not checked", at: path,
                hint: Suggestion.nearest(to: name, among: all).map { "did you mean `\($0)`?" })
        }
        return nil
    }

    // MARK: - References

    /// The node a `$ref` points to: `#`, `#/json/pointer` (with `~0`, `~1` and percent
    /// escapes) or `#anchor`, optionally preceded by this document's own `$id`.
    private mutating func resolve(_ reference: String, at path: InstancePath) throws(SchemaError) -> SchemaNodeID {
        var base = reference
        var fragment = ""
        if let hash = reference.firstIndex(of: "#") {
            base = String(reference[..<hash])
            fragment = String(reference[reference.index(after: hash)...])
        }
        if !base.isEmpty, !refersToThisDocument(base) {
            throw error(
                "`$ref` `\(reference)` points outside this schema", at: path,
                hint: "only references within the same file are supported, such as `#/$defs/name`")
        }
        guard let decoded = fragment.removingPercentEncoding else {
            throw error("`$ref` `\(reference)` has an invalid `%` escape", at: path)
        }
        if decoded.isEmpty { return 0 }
        guard decoded.hasPrefix("/") else {
            guard let anchor = anchors[decoded] else {
                throw error("`$ref` `\(reference)` names no `$anchor` of this schema", at: path)
            }
            return anchor
        }
        var current = document
        var target: InstancePath = []
        for token in decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let name = Self.unescapePointerToken(String(token)) else {
                throw error("`$ref` `\(reference)` has a `~` that is not followed by `0` or `1`", at: path)
            }
            switch current {
            case .object(let members):
                guard let next = members[name] else {
                    throw error("`$ref` `\(reference)` does not point to anything in this schema", at: path)
                }
                target.append(.key(name))
                current = next
            case .array(let entries):
                guard let index = Int(name), index >= 0, index < entries.count, String(index) == name else {
                    throw error("`$ref` `\(reference)` does not point to anything in this schema", at: path)
                }
                target.append(.index(index))
                current = entries[index]
            default:
                throw error("`$ref` `\(reference)` does not point to anything in this schema", at: path)
            }
        }
        if let existing = nodeByPath[target] { return existing }
        switch current {
        case .object, .bool:
            return try compile(current, at: target, depth: target.count)
        default:
            throw error(
                "`$ref` `\(reference)` points to \(SchemaText.found(current)), which is not a schema", at: path)
        }
    }

    private func refersToThisDocument(_ base: String) -> Bool {
        guard case .string(let id) = document["$id"] ?? .null else { return false }
        let documentBase = id.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? id
        if base == documentBase { return true }
        // A relative reference to the file itself: `request.schema.json#/$defs/x`.
        return documentBase.split(separator: "/").last.map(String.init) == base
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
