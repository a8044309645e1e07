import FreqKit
import Testing

private typealias SourceLocation = FreqKit.SourceLocation

/// One schema, one instance, and whether the instance is valid (JSON texts, so the table
/// reads like the official JSON-Schema-Test-Suite).
struct SchemaValidityCase: Sendable, CustomTestStringConvertible {
    let schema: String
    let instance: String
    let valid: Bool

    init(_ schema: String, _ instance: String, _ valid: Bool) {
        self.schema = schema
        self.instance = instance
        self.valid = valid
    }

    var testDescription: String { "\(schema) with \(instance) is \(valid ? "valid" : "invalid")" }
}

private func json(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text).value
}

private func schema(_ text: String) throws -> JSONSchema {
    try JSONSchema(document: try JSONParser.parse(text))
}

/// Checks both entry points agree: `isValid` stops early, `validate` collects everything.
private func expectValidity(_ testCase: SchemaValidityCase) throws {
    let compiled = try schema(testCase.schema)
    let instance = try json(testCase.instance)
    let violations = compiled.validate(instance)
    #expect(violations.isEmpty == testCase.valid, "\(violations.map(\.message))")
    #expect(compiled.isValid(instance) == testCase.valid)
}

/// The front matter schema of the design document, used for message tests.
private let requestSchema = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "type": "object",
      "required": ["id", "title", "status", "created", "severity"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "pattern": "^FR-[0-9]{4,}$"},
        "title": {"type": "string", "minLength": 3},
        "status": {"$ref": "#/$defs/status"},
        "created": {"type": "string", "format": "date"},
        "severity": {"type": "integer", "minimum": 1, "maximum": 4},
        "requested_by": {"type": "array", "items": {"$ref": "#/$defs/customer"}},
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
        "duplicate_of": {"type": "string"}
      },
      "if": {"properties": {"status": {"const": "duplicate"}}, "required": ["status"]},
      "then": {"required": ["duplicate_of"]},
      "$defs": {
        "status": {"enum": ["new", "triaged", "planned", "in-progress", "shipped", "declined", "duplicate"]},
        "customer": {
          "type": "object",
          "required": ["customer"],
          "additionalProperties": false,
          "properties": {
            "customer": {"type": "string"},
            "segment": {"enum": ["smb", "mid-market", "enterprise"]},
            "date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}
          }
        }
      }
    }
    """

private let validRequest = """
    {"id": "FR-0042", "title": "Export invoices as CSV", "status": "new", "created": "2026-11-02",
     "severity": 3, "requested_by": [{"customer": "Acme Corp", "segment": "enterprise", "date": "2026-11-02"}],
     "tags": ["export", "finance"]}
    """

/// `validRequest` with some members replaced (or removed, for `nil`).
private func request(_ changes: [String: JSONValue?]) throws -> JSONValue {
    guard case .object(var members) = try json(validRequest) else { return .null }
    for (key, value) in changes { members[key] = value }
    return .object(members)
}

@Suite("JSONSchema keywords")
struct JSONSchemaKeywordTests {
    @Test(arguments: [
        SchemaValidityCase(#"{"type": "integer"}"#, "1", true),
        SchemaValidityCase(#"{"type": "integer"}"#, "1.0", true),  // 1.0 is an integer
        SchemaValidityCase(#"{"type": "integer"}"#, "1.5", false),
        SchemaValidityCase(#"{"type": "integer"}"#, #""1""#, false),
        SchemaValidityCase(#"{"type": "integer"}"#, "true", false),
        SchemaValidityCase(#"{"type": "number"}"#, "1", true),  // integers are numbers
        SchemaValidityCase(#"{"type": "number"}"#, "1.5", true),
        SchemaValidityCase(#"{"type": "number"}"#, #""1""#, false),
        SchemaValidityCase(#"{"type": "string"}"#, #""""#, true),
        SchemaValidityCase(#"{"type": "string"}"#, "1", false),
        SchemaValidityCase(#"{"type": "boolean"}"#, "false", true),
        SchemaValidityCase(#"{"type": "boolean"}"#, "0", false),
        SchemaValidityCase(#"{"type": "null"}"#, "null", true),
        SchemaValidityCase(#"{"type": "null"}"#, "0", false),
        SchemaValidityCase(#"{"type": "null"}"#, #""""#, false),
        SchemaValidityCase(#"{"type": "array"}"#, "[]", true),
        SchemaValidityCase(#"{"type": "array"}"#, "{}", false),
        SchemaValidityCase(#"{"type": "object"}"#, "{}", true),
        SchemaValidityCase(#"{"type": "object"}"#, "[]", false),
        SchemaValidityCase(#"{"type": ["string", "null"]}"#, "null", true),
        SchemaValidityCase(#"{"type": ["string", "null"]}"#, #""a""#, true),
        SchemaValidityCase(#"{"type": ["string", "null"]}"#, "1", false),
    ])
    func type(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"enum": [1, 2, 3]}"#, "1", true),
        SchemaValidityCase(#"{"enum": [1, 2, 3]}"#, "1.0", true),  // 1 equals 1.0
        SchemaValidityCase(#"{"enum": [1.0]}"#, "1", true),
        SchemaValidityCase(#"{"enum": [1, 2, 3]}"#, "4", false),
        SchemaValidityCase(#"{"enum": [1, 2, 3]}"#, "true", false),  // true is not 1
        SchemaValidityCase(#"{"enum": [false]}"#, "0", false),
        SchemaValidityCase(#"{"enum": [0]}"#, "false", false),
        SchemaValidityCase(#"{"enum": []}"#, "null", false),  // an empty enum matches nothing
        SchemaValidityCase(#"{"enum": []}"#, "1", false),
        SchemaValidityCase(#"{"enum": ["a", null]}"#, "null", true),
        SchemaValidityCase(#"{"enum": [{"a": [1, 2]}]}"#, #"{"a": [1.0, 2]}"#, true),  // deep
        SchemaValidityCase(#"{"enum": [{"a": [1, 2]}]}"#, #"{"a": [2, 1]}"#, false),
        SchemaValidityCase(#"{"enum": [{"a": 1}]}"#, #"{"a": 1, "b": 2}"#, false),
        SchemaValidityCase(#"{"enum": [[false]]}"#, "[0]", false),
        // Strings compare by code point: a precomposed `é` is not `e` + combining accent.
        SchemaValidityCase(#"{"enum": ["caf\u00e9"]}"#, #""cafe\u0301""#, false),
        SchemaValidityCase(#"{"enum": ["caf\u00e9"]}"#, #""caf\u00e9""#, true),
        SchemaValidityCase(#"{"enum": [{"k": "\u00e9"}]}"#, #"{"k": "e\u0301"}"#, false),
        SchemaValidityCase(#"{"const": "\u00c5ngstr\u00f6m"}"#, #""A\u030angstro\u0308m""#, false),
        SchemaValidityCase(#"{"const": ["\u00e9"]}"#, #"["\u00e9"]"#, true),
        SchemaValidityCase(#"{"uniqueItems": true}"#, #"["\u00e9", "e\u0301"]"#, true),  // two different strings
        SchemaValidityCase(#"{"uniqueItems": true}"#, #"["\u00e9", "\u00e9"]"#, false),
    ])
    func enumeration(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"const": 2}"#, "2", true),
        SchemaValidityCase(#"{"const": 2}"#, "2.0", true),
        SchemaValidityCase(#"{"const": 2}"#, "3", false),
        SchemaValidityCase(#"{"const": {"a": [1]}}"#, #"{"a": [1.0]}"#, true),
        SchemaValidityCase(#"{"const": {"a": [1]}}"#, #"{"a": [1], "b": 1}"#, false),
        SchemaValidityCase(#"{"const": null}"#, "null", true),
        SchemaValidityCase(#"{"const": null}"#, "0", false),
        SchemaValidityCase(#"{"const": true}"#, "1", false),
        SchemaValidityCase(#"{"const": 9007199254740993}"#, "9007199254740992", false),
    ])
    func const(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"required": ["a"]}"#, #"{"a": null}"#, true),
        SchemaValidityCase(#"{"required": ["a"]}"#, #"{"b": 1}"#, false),
        SchemaValidityCase(#"{"required": ["a"]}"#, "[]", true),  // only objects are checked
        SchemaValidityCase(#"{"required": []}"#, "{}", true),
        SchemaValidityCase(#"{"properties": {"a": {"type": "integer"}}}"#, #"{"a": 1}"#, true),
        SchemaValidityCase(#"{"properties": {"a": {"type": "integer"}}}"#, #"{"a": "x"}"#, false),
        SchemaValidityCase(#"{"properties": {"a": {"type": "integer"}}}"#, #"{"b": "x"}"#, true),
        SchemaValidityCase(#"{"properties": {"a": false}}"#, #"{"a": 1}"#, false),
        SchemaValidityCase(#"{"properties": {"a": false}}"#, "{}", true),
        SchemaValidityCase(
            #"{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"#,
            #"{"a": 1, "x-y": 2}"#, true),
        SchemaValidityCase(
            #"{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"#,
            #"{"a": 1, "b": 2}"#, false),
        SchemaValidityCase(#"{"additionalProperties": {"type": "integer"}}"#, #"{"a": 1}"#, true),
        SchemaValidityCase(#"{"additionalProperties": {"type": "integer"}}"#, #"{"a": "b"}"#, false),
        SchemaValidityCase(#"{"additionalProperties": false}"#, "[1]", true),
        SchemaValidityCase(#"{"patternProperties": {"^a": {"type": "integer"}}}"#, #"{"ab": 1}"#, true),
        SchemaValidityCase(#"{"patternProperties": {"^a": {"type": "integer"}}}"#, #"{"ab": "x"}"#, false),
        SchemaValidityCase(#"{"patternProperties": {"^a": {"type": "integer"}}}"#, #"{"ba": "x"}"#, true),
        SchemaValidityCase(#"{"patternProperties": {"b": {"type": "integer"}}}"#, #"{"abc": "x"}"#, false),  // unanchored
        SchemaValidityCase(#"{"propertyNames": {"maxLength": 3}}"#, #"{"abc": 1}"#, true),
        SchemaValidityCase(#"{"propertyNames": {"maxLength": 3}}"#, #"{"abcd": 1}"#, false),
        SchemaValidityCase(#"{"propertyNames": false}"#, "{}", true),
        SchemaValidityCase(#"{"propertyNames": false}"#, #"{"a": 1}"#, false),
        SchemaValidityCase(#"{"minProperties": 1}"#, "{}", false),
        SchemaValidityCase(#"{"minProperties": 1}"#, #"{"a": 1}"#, true),
        SchemaValidityCase(#"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#, false),
        SchemaValidityCase(#"{"maxProperties": 1}"#, #"{"a": 1}"#, true),
        SchemaValidityCase(#"{"dependentRequired": {"bar": ["foo"]}}"#, #"{"foo": 1}"#, true),
        SchemaValidityCase(#"{"dependentRequired": {"bar": ["foo"]}}"#, #"{"bar": 1}"#, false),
        SchemaValidityCase(#"{"dependentRequired": {"bar": ["foo"]}}"#, #"{"bar": 1, "foo": 2}"#, true),
        SchemaValidityCase(#"{"dependentRequired": {"bar": ["foo"]}}"#, #"["bar"]"#, true),
        SchemaValidityCase(#"{"dependentSchemas": {"bar": {"required": ["foo"]}}}"#, #"{"bar": 1}"#, false),
        SchemaValidityCase(#"{"dependentSchemas": {"bar": {"required": ["foo"]}}}"#, #"{"baz": 1}"#, true),
    ])
    func objects(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"items": {"type": "integer"}}"#, "[1, 2]", true),
        SchemaValidityCase(#"{"items": {"type": "integer"}}"#, #"[1, "2"]"#, false),
        SchemaValidityCase(#"{"items": {"type": "integer"}}"#, #"{"0": "x"}"#, true),
        SchemaValidityCase(#"{"prefixItems": [{"type": "integer"}], "items": {"type": "string"}}"#, #"[1, "a", "b"]"#, true),
        SchemaValidityCase(#"{"prefixItems": [{"type": "integer"}], "items": {"type": "string"}}"#, #"["a"]"#, false),
        SchemaValidityCase(#"{"prefixItems": [{"type": "integer"}], "items": {"type": "string"}}"#, "[1, 2]", false),
        SchemaValidityCase(#"{"prefixItems": [{"type": "integer"}], "items": {"type": "string"}}"#, "[]", true),
        SchemaValidityCase(#"{"prefixItems": [{}], "items": false}"#, "[1]", true),
        SchemaValidityCase(#"{"prefixItems": [{}], "items": false}"#, "[1, 2]", false),
        SchemaValidityCase(#"{"prefixItems": [{"type": "integer"}]}"#, #"[1, "extra"]"#, true),
        SchemaValidityCase(#"{"minItems": 1}"#, "[]", false),
        SchemaValidityCase(#"{"minItems": 1}"#, "[1]", true),
        SchemaValidityCase(#"{"minItems": 1.0}"#, "[]", false),  // a whole-number double is a count
        SchemaValidityCase(#"{"maxItems": 1}"#, "[1, 2]", false),
        SchemaValidityCase(#"{"maxItems": 1}"#, "[1]", true),
        SchemaValidityCase(#"{"uniqueItems": true}"#, "[1, 2]", true),
        SchemaValidityCase(#"{"uniqueItems": true}"#, "[1, 1]", false),
        SchemaValidityCase(#"{"uniqueItems": true}"#, "[1, 1.0]", false),  // 1 equals 1.0
        SchemaValidityCase(#"{"uniqueItems": true}"#, #"[{"a": [1]}, {"a": [1.0]}]"#, false),  // deep
        SchemaValidityCase(#"{"uniqueItems": true}"#, "[0, false]", true),
        SchemaValidityCase(#"{"uniqueItems": true}"#, "[[1], [true]]", true),
        SchemaValidityCase(#"{"uniqueItems": true}"#, #"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#, false),
        SchemaValidityCase(#"{"uniqueItems": false}"#, "[1, 1]", true),
        SchemaValidityCase(#"{"contains": {"const": 5}}"#, "[1, 5]", true),
        SchemaValidityCase(#"{"contains": {"const": 5}}"#, "[1, 2]", false),
        SchemaValidityCase(#"{"contains": {"const": 5}}"#, "[]", false),
        SchemaValidityCase(#"{"contains": {"const": 5}}"#, #""not an array""#, true),
        SchemaValidityCase(#"{"contains": {"const": 1}, "minContains": 2}"#, "[1, 1]", true),
        SchemaValidityCase(#"{"contains": {"const": 1}, "minContains": 2}"#, "[1, 2]", false),
        SchemaValidityCase(#"{"contains": {"const": 1}, "maxContains": 1}"#, "[1, 1]", false),
        SchemaValidityCase(#"{"contains": {"const": 1}, "maxContains": 1}"#, "[1, 2]", true),
        SchemaValidityCase(#"{"contains": {"const": 1}, "minContains": 0}"#, "[]", true),
        SchemaValidityCase(#"{"minContains": 2}"#, "[]", true),  // without `contains`: no effect
    ])
    func arrays(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"minLength": 2}"#, #""ab""#, true),
        SchemaValidityCase(#"{"minLength": 2}"#, #""a""#, false),
        SchemaValidityCase(#"{"minLength": 2}"#, #""💩""#, false),  // one code point, two UTF-16 units
        SchemaValidityCase(#"{"minLength": 2}"#, "1", true),  // only strings are checked
        SchemaValidityCase(#"{"maxLength": 1}"#, #""💩""#, true),
        SchemaValidityCase(#"{"maxLength": 1}"#, #""e\u0301""#, false),  // one grapheme, two code points
        SchemaValidityCase(#"{"maxLength": 2}"#, #""abc""#, false),
        SchemaValidityCase(#"{"pattern": "^a*$"}"#, #""aaa""#, true),
        SchemaValidityCase(#"{"pattern": "^a*$"}"#, #""abc""#, false),
        SchemaValidityCase(#"{"pattern": "b"}"#, #""abc""#, true),  // an unanchored search
        SchemaValidityCase(#"{"pattern": "^a"}"#, "1", true),
        SchemaValidityCase(#"{"pattern": "^\\d+$"}"#, #""2026""#, true),
        SchemaValidityCase(#"{"pattern": "^\\d+$"}"#, #""٢٠٢٦""#, false),  // Arabic-Indic digits are not \d
        SchemaValidityCase(#"{"pattern": "^[\\d]$"}"#, #""٣""#, false),
        SchemaValidityCase(#"{"pattern": "^\\D$"}"#, #""٣""#, true),
        SchemaValidityCase(#"{"pattern": "^\\w+$"}"#, #""é""#, false),  // \w is ASCII in ECMA-262
        SchemaValidityCase(#"{"pattern": "\\bfoo"}"#, #""éfoo""#, true),  // é is not a word character
        SchemaValidityCase(#"{"pattern": "^\\s$"}"#, #""\ufeff""#, true),
        SchemaValidityCase(#"{"pattern": "^\\p{L}+$"}"#, #""école""#, true),  // Unicode properties work
        SchemaValidityCase(#"{"pattern": "^abc$"}"#, #""abc\n""#, false),  // $ is the end of input
        SchemaValidityCase(#"{"pattern": "^.$"}"#, #""\n""#, false),
        SchemaValidityCase(#"{"pattern": "^.$"}"#, #""💩""#, true),
        SchemaValidityCase(#"{"pattern": "^[[]$"}"#, #""[""#, true),
        SchemaValidityCase(#"{"pattern": "^a{$"}"#, #""a{""#, true),
        SchemaValidityCase(#"{"pattern": "^a{2}$"}"#, #""aa""#, true),
        SchemaValidityCase(#"{"pattern": "^FR-[0-9]{4,}$"}"#, #""FR-12""#, false),
    ])
    func strings(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"minimum": 1.1}"#, "1.1", true),
        SchemaValidityCase(#"{"minimum": 1.1}"#, "1", false),
        SchemaValidityCase(#"{"minimum": 1}"#, #""0""#, true),
        SchemaValidityCase(#"{"maximum": 3}"#, "3.0", true),
        SchemaValidityCase(#"{"maximum": 3}"#, "3.5", false),
        SchemaValidityCase(#"{"maximum": 9007199254740992}"#, "9007199254740993", false),  // exact, not via Double
        SchemaValidityCase(#"{"exclusiveMinimum": 1}"#, "1.0", false),
        SchemaValidityCase(#"{"exclusiveMinimum": 1}"#, "1.1", true),
        SchemaValidityCase(#"{"exclusiveMaximum": 3}"#, "3", false),
        SchemaValidityCase(#"{"exclusiveMaximum": 3}"#, "2.9", true),
        SchemaValidityCase(#"{"multipleOf": 2}"#, "10", true),
        SchemaValidityCase(#"{"multipleOf": 2}"#, "7", false),
        SchemaValidityCase(#"{"multipleOf": 2}"#, #""foo""#, true),
        SchemaValidityCase(#"{"multipleOf": 1.5}"#, "4.5", true),
        SchemaValidityCase(#"{"multipleOf": 1.5}"#, "3", true),  // an integer and a decimal divisor
        SchemaValidityCase(#"{"multipleOf": 1.5}"#, "35", false),
        SchemaValidityCase(#"{"multipleOf": 0.0001}"#, "0.0075", true),  // 74.99999999999999 in binary
        SchemaValidityCase(#"{"multipleOf": 0.0001}"#, "0.00751", false),
        SchemaValidityCase(#"{"multipleOf": 0.01}"#, "0.07", true),
        SchemaValidityCase(#"{"multipleOf": 0.1}"#, "0.3", true),
        SchemaValidityCase(#"{"type": "integer", "multipleOf": 1e-8}"#, "12391239123", true),
        SchemaValidityCase(#"{"type": "integer", "multipleOf": 0.123456789}"#, "1e308", false),
        SchemaValidityCase(#"{"multipleOf": 3}"#, "1e20", false),
        SchemaValidityCase(#"{"multipleOf": 3}"#, "3e20", true),
    ])
    func numbers(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-11-02""#, true),
        SchemaValidityCase(#"{"format": "date"}"#, #""2024-02-29""#, true),  // leap day
        SchemaValidityCase(#"{"format": "date"}"#, #""2000-02-29""#, true),
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-02-29""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, #""1900-02-29""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-02-30""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-04-31""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-13-01""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-1-02""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-11-0৪""#, false),  // a Bengali 4
        SchemaValidityCase(#"{"format": "date"}"#, #""2026-11-02T10:00:00Z""#, false),
        SchemaValidityCase(#"{"format": "date"}"#, "20261102", true),  // formats check only strings
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1963-06-19T08:30:06.283185Z""#, true),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1937-01-01T12:00:27.87+00:20""#, true),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1963-06-19t08:30:06z""#, true),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1998-12-31T23:59:60Z""#, true),  // leap second
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1998-12-31T15:59:60.123-08:00""#, true),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1998-12-31T23:59:61Z""#, false),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1998-12-31T22:59:60Z""#, false),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1990-12-31T15:59:59-24:00""#, false),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1990-02-31T15:59:59Z""#, false),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1963-06-19T08:30:06""#, false),  // no offset
        SchemaValidityCase(#"{"format": "date-time"}"#, #""1963-06-19 08:30:06Z""#, false),
        SchemaValidityCase(#"{"format": "date-time"}"#, #""2013-350T01:01:01""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #""joe.bloggs@example.com""#, true),
        SchemaValidityCase(#"{"format": "email"}"#, #""\"joe bloggs\"@example.com""#, true),
        SchemaValidityCase(#"{"format": "email"}"#, #""joe.bloggs@[127.0.0.1]""#, true),
        SchemaValidityCase(#"{"format": "email"}"#, #""joe.bloggs@[IPv6:::1]""#, true),
        SchemaValidityCase(#"{"format": "email"}"#, #""2962""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #"".test@example.com""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #""te..st@example.com""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #""joe.bloggs@invalid=domain.com""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #""joe.bloggs@[127.0.0.300]""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #""a@b@c.org""#, false),
        SchemaValidityCase(#"{"format": "email"}"#, #""test@iana.org\n""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""https://support.example.com/tickets/8812""#, true),
        SchemaValidityCase(#"{"format": "uri"}"#, #""http://foo.bar/?baz=qux#quux""#, true),
        SchemaValidityCase(#"{"format": "uri"}"#, #""urn:oasis:names:specification:docbook:dtd:xml:4.1.2""#, true),
        SchemaValidityCase(#"{"format": "uri"}"#, #""mailto:John.Doe@example.com""#, true),
        SchemaValidityCase(#"{"format": "uri"}"#, #""ldap://[2001:db8::7]/c=GB?objectClass?one""#, true),
        SchemaValidityCase(#"{"format": "uri"}"#, #""//foo.bar/?baz=qux#quux""#, false),  // no scheme
        SchemaValidityCase(#"{"format": "uri"}"#, #""/abc""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""abc""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""http:// shouldfail.com""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""bar,baz:foo""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""https://example.org/foobar®.txt""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""http://example.com/%6G""#, false),
        SchemaValidityCase(#"{"format": "uri"}"#, #""http://example.com:abc/path""#, false),
        SchemaValidityCase(#"{"format": "something-else"}"#, #""anything""#, true),  // unknown: ignored
        SchemaValidityCase(#"{"format": "hostname"}"#, #""-not a host-""#, false),
    ])
    func formats(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(#"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, "3", true),
        SchemaValidityCase(#"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1", false),
        SchemaValidityCase(#"{"anyOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1", true),
        SchemaValidityCase(#"{"anyOf": [{"type": "integer"}, {"minimum": 2}]}"#, "2.5", true),
        SchemaValidityCase(#"{"anyOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1.5", false),
        SchemaValidityCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1", true),
        SchemaValidityCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "2.5", true),
        SchemaValidityCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "3", false),  // both match
        SchemaValidityCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1.5", false),
        SchemaValidityCase(#"{"not": {"type": "integer"}}"#, #""x""#, true),
        SchemaValidityCase(#"{"not": {"type": "integer"}}"#, "1", false),
        SchemaValidityCase(#"{"not": true}"#, "1", false),
        SchemaValidityCase(#"{"not": false}"#, "1", true),
        SchemaValidityCase(#"{"if": {"exclusiveMaximum": 0}, "then": {"minimum": -10}, "else": {"multipleOf": 2}}"#, "-1", true),
        SchemaValidityCase(#"{"if": {"exclusiveMaximum": 0}, "then": {"minimum": -10}, "else": {"multipleOf": 2}}"#, "-100", false),
        SchemaValidityCase(#"{"if": {"exclusiveMaximum": 0}, "then": {"minimum": -10}, "else": {"multipleOf": 2}}"#, "4", true),
        SchemaValidityCase(#"{"if": {"exclusiveMaximum": 0}, "then": {"minimum": -10}, "else": {"multipleOf": 2}}"#, "3", false),
        SchemaValidityCase(#"{"then": {"const": 1}}"#, "2", true),  // `then` without `if`: no effect
        SchemaValidityCase(#"{"if": true, "then": false}"#, "1", false),
        SchemaValidityCase(#"{"if": false, "then": false}"#, "1", true),
    ])
    func combinators(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase("true", #"{"anything": [1, null]}"#, true),
        SchemaValidityCase("false", "null", false),
        SchemaValidityCase("false", "{}", false),
        SchemaValidityCase("{}", "[1, 2]", true),
    ])
    func booleanSchemas(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test(arguments: [
        SchemaValidityCase(##"{"$defs": {"a": {"type": "integer"}}, "$ref": "#/$defs/a"}"##, "1", true),
        SchemaValidityCase(##"{"$defs": {"a": {"type": "integer"}}, "$ref": "#/$defs/a"}"##, ##""a""##, false),
        // In 2020-12 the siblings of `$ref` apply too.
        SchemaValidityCase(##"{"$defs": {"a": {"type": "integer"}}, "$ref": "#/$defs/a", "maximum": 5}"##, "3", true),
        SchemaValidityCase(##"{"$defs": {"a": {"type": "integer"}}, "$ref": "#/$defs/a", "maximum": 5}"##, "7", false),
        SchemaValidityCase(##"{"definitions": {"a": {"type": "integer"}}, "$ref": "#/definitions/a"}"##, "1.5", false),
        SchemaValidityCase(
            ##"{"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": false}"##,
            #"{"child": {"child": {}}}"#, true),
        SchemaValidityCase(
            ##"{"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": false}"##,
            #"{"child": {"child": {"other": 1}}}"#, false),
        SchemaValidityCase(##"{"prefixItems": [{"type": "integer"}, {"$ref": "#/prefixItems/0"}]}"##, "[1, 2]", true),
        SchemaValidityCase(##"{"prefixItems": [{"type": "integer"}, {"$ref": "#/prefixItems/0"}]}"##, ##"[1, "a"]"##, false),
        SchemaValidityCase(##"{"$defs": {"no": false}, "properties": {"x": {"$ref": "#/$defs/no"}}}"##, ##"{"x": 1}"##, false),
        SchemaValidityCase(##"{"$defs": {"no": false}, "properties": {"x": {"$ref": "#/$defs/no"}}}"##, "{}", true),
        SchemaValidityCase(##"{"$defs": {"a": {"$anchor": "thing", "type": "integer"}}, "$ref": "#thing"}"##, ##""x""##, false),
        SchemaValidityCase(
            ##"{"$id": "https://example.com/request.schema.json", "$defs": {"a": {"type": "integer"}}, "$ref": "request.schema.json#/$defs/a"}"##,
            #""x""#, false),
        // A reference into an unknown keyword still resolves.
        SchemaValidityCase(##"{"x-shared": {"type": "string"}, "properties": {"a": {"$ref": "#/x-shared"}}}"##, ##"{"a": 1}"##, false),
    ])
    func references(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    /// JSON Pointer escapes in `$ref`: `~0` is `~`, `~1` is `/`, and `%25` is `%`.
    @Test(arguments: [
        (#"{"tilde": "x"}"#, false), (#"{"slash": "x"}"#, false), (#"{"percent": "x"}"#, false),
        (#"{"tilde": 1, "slash": 2, "percent": 3}"#, true),
    ])
    func pointerEscapes(_ instance: String, _ valid: Bool) throws {
        let compiled = try schema(
            ##"""
            {
              "$defs": {
                "tilde~field": {"type": "integer"},
                "slash/field": {"type": "integer"},
                "percent%field": {"type": "integer"}
              },
              "properties": {
                "tilde": {"$ref": "#/$defs/tilde~0field"},
                "slash": {"$ref": "#/$defs/slash~1field"},
                "percent": {"$ref": "#/$defs/percent%25field"}
              }
            }
            """##)
        #expect(compiled.validate(try json(instance)).isEmpty == valid)
    }

    @Test(arguments: [
        SchemaValidityCase(
            #"{"properties": {"a": {}}, "allOf": [{"properties": {"b": {}}}], "unevaluatedProperties": false}"#,
            #"{"a": 1, "b": 2}"#, true),
        SchemaValidityCase(
            #"{"properties": {"a": {}}, "allOf": [{"properties": {"b": {}}}], "unevaluatedProperties": false}"#,
            #"{"a": 1, "c": 3}"#, false),
        SchemaValidityCase(
            #"{"anyOf": [{"properties": {"a": {"const": 1}}}, {"properties": {"b": {}}}], "unevaluatedProperties": false}"#,
            #"{"a": 2}"#, false),  // the failing branch evaluates nothing
        SchemaValidityCase(#"{"prefixItems": [{}], "unevaluatedItems": false}"#, "[1]", true),
        SchemaValidityCase(#"{"prefixItems": [{}], "unevaluatedItems": false}"#, "[1, 2]", false),
        SchemaValidityCase(#"{"allOf": [{"prefixItems": [{}, {}]}], "unevaluatedItems": false}"#, "[1, 2]", true),
        SchemaValidityCase(#"{"contains": {"const": 1}, "unevaluatedItems": false}"#, "[1, 1]", true),
        SchemaValidityCase(#"{"contains": {"const": 1}, "unevaluatedItems": false}"#, "[1, 2]", false),
    ])
    func unevaluated(_ testCase: SchemaValidityCase) throws { try expectValidity(testCase) }

    @Test func deepInstanceAgainstARecursiveSchemaIsBounded() throws {
        let compiled = try schema(##"{"type": "array", "items": {"$ref": "#"}}"##)
        var deep = JSONValue.array([])
        for _ in 0..<1_000 { deep = .array([deep]) }
        #expect(!compiled.validate(deep).isEmpty)
        var shallow = JSONValue.array([])
        for _ in 0..<20 { shallow = .array([shallow]) }
        #expect(compiled.validate(shallow).isEmpty)
    }
}

@Suite("JSONSchema messages")
struct JSONSchemaMessageTests {
    @Test func validRequestHasNoViolations() throws {
        #expect(try schema(requestSchema).validate(try json(validRequest)) == [])
    }

    @Test func unknownKeySuggestsTheDeclaredOne() throws {
        let instance = try request(["status": nil, "stauts": .string("new")])
        let violations = try schema(requestSchema).validate(instance)
        let unknown = try #require(violations.first { $0.keyword == "additionalProperties" })
        #expect(unknown.instancePath == [.key("stauts")])
        #expect(unknown.pointsAtKey)
        #expect(unknown.message == "`stauts` is not a known key")
        #expect(unknown.hint == "did you mean `status`?")
        // The missing `status` points back at the misspelling.
        let missing = try #require(violations.first { $0.keyword == "required" })
        #expect(missing.instancePath == [])
        #expect(missing.message == "the required key `status` is missing")
        #expect(missing.hint == "is `stauts` a misspelling of it?")
    }

    @Test func enumSuggestsTheNearestValue() throws {
        let violations = try schema(requestSchema).validate(try request(["status": .string("Planed")]))
        #expect(
            violations == [
                SchemaViolation(
                    instancePath: [.key("status")], keyword: "enum",
                    message:
                        "`status` is `Planed`, which is not one of `new`, `triaged`, `planned`, `in-progress`, `shipped`, `declined`, `duplicate`",
                    hint: "did you mean `planned`?")
            ])
    }

    @Test func boundsSayWhatWasFound() throws {
        let violations = try schema(requestSchema).validate(try request(["severity": .integer(7)]))
        #expect(violations.map(\.message) == ["`severity` must be at most 4, found 7"])
        #expect(violations.first?.keyword == "maximum")
    }

    @Test func wrongTypeSaysWhatWasExpectedAndHowToFixIt() throws {
        let violations = try schema(requestSchema).validate(try request(["severity": .string("3")]))
        #expect(violations.count == 1)  // no extra noise from `minimum`/`maximum`
        #expect(violations.first?.message == "`severity` must be a whole number, found text `3`")
        #expect(violations.first?.hint == "write the number without quotes")
    }

    @Test func impossibleDateExplainsTheCalendar() throws {
        let violations = try schema(requestSchema).validate(try request(["created": .string("2026-02-30")]))
        #expect(violations.first?.message == "`created` is `2026-02-30`, which is not a valid date")
        #expect(violations.first?.hint == "February 2026 has only 28 days; use a date like 2026-11-02")
        let badShape = try schema(requestSchema).validate(try request(["created": .string("02/11/2026")]))
        #expect(badShape.first?.hint == "use a date like 2026-11-02")
    }

    @Test func nestedPathsAndTheIntendedBranchOfANullableDate() throws {
        let instance = try request([
            "requested_by": .array([.object(["customer": .string("Acme"), "date": .string("2026-02-30")])])
        ])
        let violations = try schema(requestSchema).validate(instance)
        #expect(violations.count == 1)
        #expect(violations.first?.instancePath == [.key("requested_by"), .index(0), .key("date")])
        #expect(violations.first?.message == "`requested_by[0].date` is `2026-02-30`, which is not a valid date")
    }

    @Test func unknownNestedKeyIsNamedWithItsParent() throws {
        let instance = try request(["requested_by": .array([.object(["customer": .string("Acme"), "segmnt": .string("smb")])])])
        let violations = try schema(requestSchema).validate(instance)
        #expect(violations.first?.instancePath == [.key("requested_by"), .index(0), .key("segmnt")])
        #expect(violations.first?.message == "`segmnt` is not a known key in `requested_by[0]`")
        #expect(violations.first?.hint == "did you mean `segment`?")
        #expect(violations.first?.pointsAtKey == true)
    }

    @Test func conditionalRequirementSaysWhy() throws {
        let violations = try schema(requestSchema).validate(try request(["status": .string("duplicate")]))
        #expect(violations.count == 1)
        #expect(violations.first?.message == "the required key `duplicate_of` is missing")
        #expect(violations.first?.hint == "this applies because `status` is `duplicate`")
    }

    @Test func duplicateItemPointsAtTheRepeat() throws {
        let violations = try schema(requestSchema).validate(
            try request(["tags": .array([.string("export"), .string("csv"), .string("export")])]))
        #expect(violations.first?.instancePath == [.key("tags"), .index(2)])
        #expect(violations.first?.message == "`tags` lists `export` more than once; each item must be unique")
    }

    @Test func violationsComeInKeyOrder() throws {
        let instance = try request(["zeta": .integer(1), "alpha": .integer(2), "mid": .integer(3)])
        let compiled = try schema(requestSchema)
        let paths = compiled.validate(instance).map(\.instancePath)
        #expect(paths == [[.key("alpha")], [.key("mid")], [.key("zeta")]])
    }

    @Test func anyOfOfSimpleFormsListsThem() throws {
        let compiled = try schema(#"{"properties": {"size": {"anyOf": [{"type": "integer"}, {"enum": ["small", "large"]}]}}}"#)
        let violations = compiled.validate(try json(#"{"size": "smal"}"#))
        #expect(violations.count == 1)
        #expect(violations.first?.keyword == "anyOf")
        #expect(violations.first?.message == "`size` must be a whole number, `small` or `large`, found text `smal`")
        #expect(violations.first?.hint == "did you mean `small`?")
    }

    @Test func anyOfOfComplexFormsNamesTheClosest() throws {
        let compiled = try schema(
            #"{"anyOf": [{"required": ["alpha", "beta"]}, {"required": ["gamma"], "properties": {"gamma": {"type": "string"}}}]}"#)
        let violations = compiled.validate(try json(#"{"alpha": 1}"#))
        #expect(violations.count == 1)
        #expect(violations.first?.keyword == "anyOf")
        #expect(violations.first?.message == "the document does not fit any of the 2 allowed forms")
        #expect(violations.first?.hint == "closest form: the required key `beta` is missing")
    }

    @Test func oneOfMatchingTwiceSaysWhich() throws {
        let compiled = try schema(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#)
        #expect(
            compiled.validate(.integer(3)).map(\.message) == [
                "the document fits 2 of the allowed forms (1 and 2), but it must fit exactly one"
            ])
    }

    @Test func notSaysWhatMatched() throws {
        let compiled = try schema(#"{"properties": {"status": {"not": {"const": "wontfix"}}}}"#)
        let violations = compiled.validate(try json(#"{"status": "wontfix"}"#))
        #expect(violations.map(\.message) == ["`status` is `wontfix`, which is not allowed"])
        #expect(violations.first?.keyword == "not")
    }

    @Test func propertyNamesPointAtTheKey() throws {
        let compiled = try schema(#"{"propertyNames": {"pattern": "^[a-z_]+$"}}"#)
        let violations = compiled.validate(try json(#"{"ok": 1, "Bad Key": 2}"#))
        #expect(violations.count == 1)
        #expect(violations.first?.instancePath == [.key("Bad Key")])
        #expect(violations.first?.pointsAtKey == true)
        #expect(violations.first?.keyword == "propertyNames")
        #expect(violations.first?.message == "the key `Bad Key` does not match the pattern `^[a-z_]+$`")
    }

    @Test func lengthsAndCountsArePlural() throws {
        let compiled = try schema(#"{"properties": {"title": {"minLength": 3}, "tags": {"minItems": 1}}}"#)
        let messages = compiled.validate(try json(#"{"title": "ab", "tags": []}"#)).map(\.message)
        #expect(messages == ["`tags` must have at least 1 item, found 0", "`title` must be at least 3 characters long, found 2"])
    }
}

@Suite("JSONSchema loading")
struct JSONSchemaLoadingTests {
    /// A schema file with a marker (①) where the error must point.
    @Test(arguments: [
        (#"{"properties": {"title": {"minLength": ①"3"}}}"#, "`minLength` must be a whole number of 0 or more, found text `3`"),
        (#"{"required": ①"id"}"#, "`required` must be a list of key names, found text `id`"),
        (#"{"required": ["id", ①3]}"#, "each entry of `required` must be a key name"),
        (#"{"properties": {"id": {"pattern": ①"(["}}}"#, "`([` is not a valid regular expression"),
        (##"{"$ref": ①"#/$defs/missing"}"##, "`$ref` `#/$defs/missing` does not point to anything in the schema"),
        (##"{"$ref": ①"other.json#/a"}"##, "`$ref` `other.json#/a` names another file, but this schema was not read from a folder"),
        (##"{"$ref": ①"https://example.com/a.json"}"##, "is a network address, and freq never fetches schemas"),
        (##"{"$defs": {"a": {"$ref": ①"#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
         "leads back to the same schema without checking a deeper value"),
        (#"{"properties": {"a": ①5}}"#, "a schema must be a mapping of keywords or `true`/`false`"),
        (#"{"type": ①"strng"}"#, "`strng` is not a type"),
        (#"{"items": ①[{"type": "string"}]}"#, "`items` must be a single schema in draft 2020-12"),
        (#"{"multipleOf": ①0}"#, "`multipleOf` must be a number greater than 0"),
        (#"{"maximum": ①"4"}"#, "`maximum` must be a number"),
        (#"{"anyOf": ①[]}"#, "`anyOf` must be a non-empty list of schemas"),
        (#"{"enum": ①"new"}"#, "`enum` must be a list of the allowed values"),
        (#"{"uniqueItems": ①"yes"}"#, "`uniqueItems` must be `true` or `false`"),
    ])
    func malformedKeywordsAreLocated(_ marked: String, _ expected: String) throws {
        var text = ""
        text.unicodeScalars.append(contentsOf: marked.unicodeScalars.filter { $0 != "①" })
        let column = marked.unicodeScalars.prefix { $0 != "①" }.count + 1
        let document = try JSONParser.parse(text)
        do {
            _ = try JSONSchema(document: document)
            Issue.record("the schema compiled")
        } catch let error as SchemaError {
            #expect(error.location == SourceLocation(line: 1, column: column), "\(error)")
            #expect(error.message.contains(expected), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorOnALaterLineHasItsLineAndAHint() throws {
        let text = """
            {
              "type": "object",
              "properties": {
                "severity": {"type": "integr"}
              }
            }
            """
        #expect(throws: SchemaError(
            schemaPath: [.key("properties"), .key("severity"), .key("type")],
            location: SourceLocation(line: 4, column: 26),
            message: "`integr` is not a type; use one of `string`, `integer`, `number`, `boolean`, `array`, `object`, `null`",
            hint: "did you mean `integer`?")
        ) {
            try JSONSchema(document: try JSONParser.parse(text))
        }
    }

    @Test func unknownKeywordIsAWarningAtTheKey() throws {
        let text = """
            {
              "type": "object",
              "requried": ["id"],
              "properties": {"id": {"type": "string", "formt": "date"}}
            }
            """
        let compiled = try JSONSchema(document: try JSONParser.parse(text))
        #expect(
            compiled.warnings == [
                SchemaWarning(
                    schemaPath: [.key("requried")], location: SourceLocation(line: 3, column: 3),
                    message: "unknown keyword `requried` is ignored", hint: "did you mean `required`?"),
                SchemaWarning(
                    schemaPath: [.key("properties"), .key("id"), .key("formt")],
                    location: SourceLocation(line: 4, column: 43),
                    message: "unknown keyword `formt` is ignored", hint: "did you mean `format`?"),
            ])
        // An unknown keyword asserts nothing.
        #expect(compiled.validate(.object([:])).isEmpty)
    }

    @Test func annotationsAreNotWarnedAbout() throws {
        let compiled = try schema(
            #"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/s",
             "title": "t", "description": "d", "default": 1, "examples": [1], "$comment": "c",
             "deprecated": false, "readOnly": false, "writeOnly": false,
             "contentMediaType": "text/plain", "contentEncoding": "base64"}
            """#)
        #expect(compiled.warnings.isEmpty)
    }

    @Test func unknownFormatAndOldDraftWarn() throws {
        let compiled = try schema(
            #"{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"d": {"format": "dat"}}}"#)
        #expect(compiled.warnings.map(\.message).contains("unknown format `dat` is not checked"))
        #expect(compiled.warnings.contains { $0.hint == "did you mean `date`?" })
        #expect(compiled.warnings.contains { $0.message.contains("draft-07") })
    }

    @Test func declaredPropertiesInSchemaOrder() throws {
        let compiled = try schema(
            #"""
            {"properties": {"id": {}, "title": {}, "status": {}},
             "allOf": [{"$ref": "#/$defs/extra"}],
             "then": {"properties": {"duplicate_of": {}}}, "if": {"properties": {"never": {}}},
             "$defs": {"extra": {"properties": {"tags": {}, "id": {}}}}}
            """#)
        #expect(compiled.declaredProperties == ["id", "title", "status", "tags", "duplicate_of"])
    }

    @Test func enumValuesFollowReferencesAndBranches() throws {
        let compiled = try schema(requestSchema)
        #expect(
            compiled.enumValues(forProperty: "status")
                == ["new", "triaged", "planned", "in-progress", "shipped", "declined", "duplicate"].map(JSONValue.string))
        #expect(compiled.enumValues(forProperty: "title") == nil)
        #expect(compiled.enumValues(forProperty: "nonexistent") == nil)
        let branches = try schema(
            #"{"allOf": [{"properties": {"area": {"oneOf": [{"const": "billing"}, {"enum": ["export", "api"]}]}}}]}"#)
        #expect(branches.enumValues(forProperty: "area") == [.string("billing"), .string("export"), .string("api")])
    }

    @Test func sharedAcrossTasks() async throws {
        let compiled = try schema(requestSchema)
        let good = try json(validRequest)
        let bad = try request(["status": .string("Planed")])
        let counts = await withTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    var total = 0
                    for _ in 0..<200 { total += compiled.validate(index.isMultiple(of: 2) ? good : bad).count }
                    return total
                }
            }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all.sorted()
        }
        #expect(counts == [0, 0, 0, 0, 200, 200, 200, 200])
    }
}
