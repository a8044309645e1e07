/// The index of a compiled subschema in `JSONSchema`'s node table. References are
/// resolved to these indices at load, so validation never looks up a pointer.
typealias SchemaNodeID = Int

/// One compiled (sub)schema.
struct SchemaNode: Sendable {
    /// Where it sits in the schema file, for messages: `#/properties/status`.
    var pointer: String
    /// The schema resource (file or subschema with an `$id`) it belongs to: what a
    /// `$dynamicRef` looks for in the dynamic scope.
    var resource: Int
    /// Set for the boolean schemas `true` and `false`.
    var boolean: Bool?
    /// Assertions and applicators, in evaluation order (`type` first, `unevaluated*` last).
    var keywords: [SchemaKeyword] = []
    /// Whether `unevaluatedProperties`/`unevaluatedItems` need annotations from this node's
    /// in-place subschemas.
    var needsAnnotations = false
    /// The `properties` keys, in schema order, for "did you mean" and prompts.
    var declaredProperties: [String] = []

    init(pointer: String, resource: Int, boolean: Bool? = nil) {
        self.pointer = pointer
        self.resource = resource
        self.boolean = boolean
    }
}

/// The JSON types as `type` names them; `integer` also matches integral doubles.
struct SchemaTypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = SchemaTypeSet(rawValue: 1)
    static let boolean = SchemaTypeSet(rawValue: 2)
    static let object = SchemaTypeSet(rawValue: 4)
    static let array = SchemaTypeSet(rawValue: 8)
    static let number = SchemaTypeSet(rawValue: 16)
    static let string = SchemaTypeSet(rawValue: 32)
    static let integer = SchemaTypeSet(rawValue: 64)

    static let byName: [String: SchemaTypeSet] = [
        "null": .null, "boolean": .boolean, "object": .object, "array": .array, "number": .number,
        "string": .string, "integer": .integer,
    ]

    func matches(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .integer: return contains(.integer) || contains(.number)
        case .double(let double):
            return contains(.number) || (contains(.integer) && double.isFinite && double.rounded() == double)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }
}

/// `properties`, `patternProperties` and `additionalProperties` together, since the last
/// depends on the other two.
struct ObjectMembersKeyword: Sendable {
    var named: [(name: String, node: SchemaNodeID)] = []
    var namedIndex: [String: SchemaNodeID] = [:]
    var patterns: [(regex: ECMARegex, node: SchemaNodeID)] = []
    var additional: SchemaNodeID?
}

/// `enum`: the values as written (for messages) and as JSON Schema compares them (for lookup).
struct EnumKeyword: Sendable {
    var values: [JSONValue]
    var exact: Set<ExactValue>

    init(values: [JSONValue]) {
        self.values = values
        exact = Set(values.map(ExactValue.init))
    }
}

/// A `$dynamicRef`: where it points statically, and where it lands instead when an outer
/// schema resource of the dynamic scope defines the same `$dynamicAnchor`.
struct DynamicReference: Sendable {
    var initial: SchemaNodeID
    var target: String
    /// The anchor's name; empty when the static target is no `$dynamicAnchor` (a `$ref`).
    var name = ""
    /// The node of each resource that defines the anchor, by resource.
    var candidates: [Int: SchemaNodeID] = [:]

    init(initial: SchemaNodeID, target: String) {
        self.initial = initial
        self.target = target
    }
}

/// A JSON value compared the way JSON Schema compares instances (`const`, `enum`,
/// `uniqueItems`): numbers by value (1 equals 1.0), objects whatever their member order,
/// and strings by code point. Swift's `String` equality is canonical equivalence, under
/// which a precomposed `é` equals `e` and a combining accent; JSON Schema tells them apart.
struct ExactValue: Hashable, Sendable {
    let value: JSONValue

    init(_ value: JSONValue) {
        self.value = value.canonicalized()
    }

    static func == (a: ExactValue, b: ExactValue) -> Bool { equal(a.value, b.value) }

    func hash(into hasher: inout Hasher) { Self.hash(value, into: &hasher) }

    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, member) in x {
                guard let other = y[key], equal(member, other) else { return false }
            }
            // Keys that Swift merged by canonical equivalence must also match by code point.
            return x.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
                == y.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        default:
            return a == b
        }
    }

    private static func hash(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .string(var text):
            hasher.combine(5)
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .array(let items):
            hasher.combine(6)
            hasher.combine(items.count)
            for item in items { hash(item, into: &hasher) }
        case .object(let members):
            // Order-independent: the members' hashes are summed.
            hasher.combine(7)
            hasher.combine(members.count)
            var sum = 0
            for (key, member) in members {
                var inner = Hasher()
                var name = key
                name.withUTF8 { inner.combine(bytes: UnsafeRawBufferPointer($0)) }
                hash(member, into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(sum)
        default:
            hasher.combine(value)
        }
    }
}

/// One compiled keyword. Subschemas are node indices.
enum SchemaKeyword: Sendable {
    case type(SchemaTypeSet, names: [String])
    case ref(SchemaNodeID, target: String)
    indirect case dynamicRef(DynamicReference)
    case enumeration(EnumKeyword)
    case constant(JSONValue, exact: ExactValue)
    case required([String])
    case objectMembers(ObjectMembersKeyword)
    case propertyNames(SchemaNodeID)
    case minProperties(Int)
    case maxProperties(Int)
    case dependentRequired([(name: String, required: [String])])
    case dependentSchemas([(name: String, node: SchemaNodeID)])
    case items(prefix: [SchemaNodeID], rest: SchemaNodeID?)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case contains(SchemaNodeID, minimum: Int, maximum: Int?)
    case minLength(Int)
    case maxLength(Int)
    case pattern(ECMARegex)
    case format(SchemaFormat)
    case minimum(SchemaNumber)
    case maximum(SchemaNumber)
    case exclusiveMinimum(SchemaNumber)
    case exclusiveMaximum(SchemaNumber)
    case multipleOf(SchemaNumber)
    case allOf([SchemaNodeID])
    case anyOf([SchemaNodeID])
    case oneOf([SchemaNodeID])
    case not(SchemaNodeID)
    case conditional(if: SchemaNodeID, then: SchemaNodeID?, else: SchemaNodeID?)
    case unevaluatedProperties(SchemaNodeID)
    case unevaluatedItems(SchemaNodeID)

    /// The keyword's name as written in a schema.
    var name: String {
        switch self {
        case .type: return "type"
        case .ref: return "$ref"
        case .dynamicRef: return "$dynamicRef"
        case .enumeration: return "enum"
        case .constant: return "const"
        case .required: return "required"
        case .objectMembers: return "properties"
        case .propertyNames: return "propertyNames"
        case .minProperties: return "minProperties"
        case .maxProperties: return "maxProperties"
        case .dependentRequired: return "dependentRequired"
        case .dependentSchemas: return "dependentSchemas"
        case .items: return "items"
        case .minItems: return "minItems"
        case .maxItems: return "maxItems"
        case .uniqueItems: return "uniqueItems"
        case .contains: return "contains"
        case .minLength: return "minLength"
        case .maxLength: return "maxLength"
        case .pattern: return "pattern"
        case .format: return "format"
        case .minimum: return "minimum"
        case .maximum: return "maximum"
        case .exclusiveMinimum: return "exclusiveMinimum"
        case .exclusiveMaximum: return "exclusiveMaximum"
        case .multipleOf: return "multipleOf"
        case .allOf: return "allOf"
        case .anyOf: return "anyOf"
        case .oneOf: return "oneOf"
        case .not: return "not"
        case .conditional: return "if"
        case .unevaluatedProperties: return "unevaluatedProperties"
        case .unevaluatedItems: return "unevaluatedItems"
        }
    }

    /// Subschemas applied to the same instance (not to members or items): the ones whose
    /// annotations `unevaluated*` sees, and whose `properties` a schema "declares".
    var inPlaceSubschemas: [SchemaNodeID] {
        switch self {
        case .ref(let node, _), .not(let node): return [node]
        case .dynamicRef(let reference): return [reference.initial]
        case .allOf(let nodes), .anyOf(let nodes), .oneOf(let nodes): return nodes
        case .dependentSchemas(let pairs): return pairs.map(\.node)
        case .conditional(let condition, let then, let otherwise):
            return [condition] + [then, otherwise].compactMap { $0 }
        default: return []
        }
    }
}
