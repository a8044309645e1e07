/// A compiled JSON Schema (draft 2020-12), possibly made of several files of one folder.
///
/// Compile once, then validate any number of instances, from any number of threads:
/// regular expressions are compiled, referenced files read and `$ref`s resolved at load, so
/// validation only walks a table of nodes.
public struct JSONSchema: Sendable {
    /// The compiled subschemas; the root is node 0.
    let nodes: [SchemaNode]

    /// Problems in the schema that do not stop it from working: unknown keywords (with a
    /// "did you mean"), unknown formats, another `$schema` draft.
    public let warnings: [SchemaWarning]

    /// The files the schema was read from, the root's first (each read once).
    public let files: [String]

    /// Whether a `$dynamicRef` may land elsewhere than its static target, so that evaluation
    /// must track the schema resources it enters.
    let usesDynamicScope: Bool

    /// How deeply subschemas may nest while checking one instance. A schema that refers to
    /// itself in a loop hits this limit and reports a violation instead of overflowing.
    static let maximumEvaluationDepth = 200

    /// Compiles a schema given in memory; `locations` (from `JSONParser`) lets errors and
    /// warnings point into the schema text, and `keyLocations` lets warnings point at a
    /// keyword itself. References to other files find none.
    ///
    /// Throws `SchemaError` for a malformed schema: a keyword value of the wrong type, a
    /// regular expression that does not compile, a `$ref` that does not resolve.
    public init(
        _ schema: JSONValue, locations: [InstancePath: SourceLocation] = [:],
        keyLocations: [InstancePath: SourceLocation] = [:], formats: SchemaFormatMode = .assert
    ) throws {
        try self.init(
            document: JSONDocument(value: schema, locations: locations, keyLocations: keyLocations), path: nil,
            formats: formats, read: { _ in nil })
    }

    /// Compiles a schema parsed by `JSONParser`, with its locations; throws `SchemaError`.
    public init(document: JSONDocument, formats: SchemaFormatMode = .assert) throws {
        try self.init(document: document, path: nil, formats: formats, read: { _ in nil })
    }

    /// Compiles the schema file at `path` (as messages name it: `schema/request.schema.json`),
    /// already parsed, with the files of its folder it refers to: `read` gets their paths in
    /// the same form and returns their bytes, nil when there is no such file. Each file is
    /// read once; a reference to a file outside the folder, or to a network address, is a
    /// `SchemaError` located at the reference (freq never fetches a schema).
    public init(
        document: JSONDocument, path: String?, formats: SchemaFormatMode = .assert,
        read: @escaping (String) throws -> [UInt8]?
    ) throws {
        var compiler = SchemaCompiler(root: document, rootPath: path, formats: formats, read: read)
        try compiler.compileDocument()
        nodes = compiler.nodes
        warnings = compiler.warnings
        files = compiler.documents.compactMap(\.file)
        usesDynamicScope = compiler.usesDynamicScope
    }

    /// Every way `instance` breaks the schema, in a stable order; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var context = ValidationContext(collecting: true)
        var annotations: Annotations? = nil
        _ = evaluate(0, instance, &context, &annotations)
        return context.violations
    }

    /// Whether `instance` is valid; faster than `validate` since it stops at the first fault.
    public func isValid(_ instance: JSONValue) -> Bool {
        var context = ValidationContext(collecting: false)
        var annotations: Annotations? = nil
        return evaluate(0, instance, &context, &annotations)
    }

    /// The property names the root schema declares (`properties` keys, including those
    /// reached through `$ref`, `allOf`, `anyOf`, `oneOf`, `then` and `else`), in schema order.
    public var declaredProperties: [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for id in inPlaceNodes(from: 0) {
            for name in nodes[id].declaredProperties where seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }

    /// The allowed values declared for the root object's property `name` (its `enum`, its
    /// `const`, or the `const`/`enum` of every branch of an `anyOf`/`oneOf`), following
    /// `$ref` and `allOf`; nil when there are none.
    public func enumValues(forProperty name: String) -> [JSONValue]? {
        for id in inPlaceNodes(from: 0) {
            for keyword in nodes[id].keywords {
                guard case .objectMembers(let members) = keyword, let property = members.namedIndex[name] else {
                    continue
                }
                if let values = allowedValues(of: property, depth: 0) { return values }
            }
        }
        return nil
    }

    /// The allowed values of the property at `path` (`["requested_by", "segment"]`: lists
    /// on the way are stepped through, so this is each customer entry's `segment`); nil when
    /// the schema does not list them.
    public func enumValues(forPath path: [String]) -> [JSONValue]? {
        guard !path.isEmpty else { return nil }
        var current = [0]
        for (index, name) in path.enumerated() {
            var next: [SchemaNodeID] = []
            for node in current.flatMap(inPlaceNodes) {
                for keyword in nodes[node].keywords {
                    guard case .objectMembers(let members) = keyword, let property = members.namedIndex[name] else { continue }
                    next.append(property)
                }
            }
            if index == path.count - 1 {
                for node in next { if let values = allowedValues(of: node, depth: 0) { return values } }
                return nil
            }
            // Into a list's entries when the property is a list.
            var entries: [SchemaNodeID] = []
            for node in next.flatMap(inPlaceNodes) {
                for keyword in nodes[node].keywords {
                    if case .items(_, let rest?) = keyword { entries.append(rest) }
                }
            }
            current = next + entries
            if current.isEmpty { return nil }
        }
        return nil
    }

    /// `id` and the subschemas applied to the same instance, transitively, excluding `not`
    /// and `if` (which describe what must not, or may, hold).
    func inPlaceNodes(from id: SchemaNodeID) -> [SchemaNodeID] {
        var order: [SchemaNodeID] = []
        var seen: Set<SchemaNodeID> = []
        var stack = [id]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            order.append(next)
            for keyword in nodes[next].keywords.reversed() {
                switch keyword {
                case .not: continue
                case .conditional(_, let then, let otherwise):
                    stack.append(contentsOf: [otherwise, then].compactMap { $0 })
                default:
                    stack.append(contentsOf: keyword.inPlaceSubschemas.reversed())
                }
            }
        }
        return order
    }

    private func allowedValues(of id: SchemaNodeID, depth: Int) -> [JSONValue]? {
        guard depth < 32 else { return nil }
        for keyword in nodes[id].keywords {
            switch keyword {
            case .enumeration(let enumeration): return enumeration.values
            case .constant(let value, _): return [value]
            default: continue
            }
        }
        for keyword in nodes[id].keywords {
            switch keyword {
            case .ref(let target, _):
                if let values = allowedValues(of: target, depth: depth + 1) { return values }
            case .dynamicRef(let reference):
                if let values = allowedValues(of: reference.initial, depth: depth + 1) { return values }
            case .allOf(let branches):
                for branch in branches {
                    if let values = allowedValues(of: branch, depth: depth + 1) { return values }
                }
            case .anyOf(let branches), .oneOf(let branches):
                var union: [JSONValue] = []
                for branch in branches {
                    guard let values = allowedValues(of: branch, depth: depth + 1) else { return nil }
                    union += values.filter { !union.contains($0) }
                }
                return union
            default:
                continue
            }
        }
        return nil
    }
}

/// One way an instance breaks the schema, worded for people who are not engineers.
public struct SchemaViolation: Sendable, Hashable {
    /// Where in the instance: the faulty value, the object that lacks a required key, or
    /// (when `pointsAtKey`) the member whose key is at fault.
    public var instancePath: InstancePath
    /// The keyword that failed: "type", "enum", "required", "additionalProperties", ...;
    /// "false" for a `false` subschema, "$ref" when subschemas nest too deeply (a loop).
    /// An `anyOf`/`oneOf` that no branch fits gives one violation with that keyword, except
    /// when exactly one branch has the value's type: that branch's own violations are given.
    public var keyword: String
    /// Lower-case, no trailing period, names and values in backticks:
    /// "`severity` must be at most 4, found 7".
    public var message: String
    /// How to fix it, when there is something to add: "did you mean `planned`?".
    public var hint: String?
    /// True when the fault is the key itself (an unknown key, a bad property name): point
    /// at the key rather than its value.
    public var pointsAtKey: Bool

    /// Creates a violation.
    public init(
        instancePath: InstancePath, keyword: String, message: String, hint: String? = nil,
        pointsAtKey: Bool = false
    ) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.message = message
        self.hint = hint
        self.pointsAtKey = pointsAtKey
    }
}

/// A problem in a schema file, located: thrown as a `SchemaError` when the schema
/// cannot be used (a malformed keyword), kept as a `SchemaWarning` when it still works
/// (an unknown keyword is ignored).
public struct SchemaProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the schema document (for an unknown keyword, that keyword's path).
    public var schemaPath: InstancePath
    /// Where in the schema file, when locations were given.
    public var location: SourceLocation?
    /// Lower-case, no trailing period: "unknown keyword `requried` is ignored".
    public var message: String
    /// How to fix it: "did you mean `required`?".
    public var hint: String?
    /// The schema file it is in, as `JSONSchema` was given its path (a referenced file's
    /// own path); nil for a schema given without one.
    public var file: String?

    /// Creates a problem.
    public init(
        schemaPath: InstancePath, location: SourceLocation?, message: String, hint: String? = nil, file: String? = nil
    ) {
        self.schemaPath = schemaPath
        self.location = location
        self.message = message
        self.hint = hint
        self.file = file
    }

    /// `line:column: message (hint)`.
    public var description: String {
        let prefix = location.map { "\($0.line):\($0.column): " } ?? ""
        return prefix + message + (hint.map { " (\($0))" } ?? "")
    }
}

/// A schema that cannot be used: thrown by `JSONSchema.init`.
public typealias SchemaError = SchemaProblem

/// A problem that does not stop the schema from working, such as an unknown keyword.
public typealias SchemaWarning = SchemaProblem
