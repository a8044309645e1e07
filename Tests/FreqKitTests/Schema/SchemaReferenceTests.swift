import FreqKit
import Foundation
import Testing

private typealias SourceLocation = FreqKit.SourceLocation

/// A schema folder in memory: the files by path, and how often each was read.
private final class SchemaFolder: @unchecked Sendable {
    let files: [String: String]
    private(set) var reads: [String: Int] = [:]

    init(_ files: [String: String]) { self.files = files }

    /// Compiles `schema/request.schema.json` (or `root`) with the folder's other files.
    func compile(root: String = "schema/request.schema.json", formats: SchemaFormatMode = .assert) throws -> JSONSchema {
        let text = files[root] ?? "{}"
        return try JSONSchema(document: try JSONParser.parse(text), path: root, formats: formats) { path in
            self.reads[path, default: 0] += 1
            return self.files[path].map { Array($0.utf8) }
        }
    }

    /// The `SchemaError` compiling throws; fails the test when it compiles.
    func error(root: String = "schema/request.schema.json") -> SchemaError? {
        do {
            _ = try compile(root: root)
            Issue.record("the schema compiled")
        } catch let error as SchemaError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }
}

private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text).value }

@Suite("JSONSchema references across files")
struct SchemaReferenceTests {
    /// The split a growing registry makes: customers in their own file.
    private let split = SchemaFolder([
        "schema/request.schema.json": """
            {"type": "object",
             "properties": {
               "requested_by": {"type": "array", "items": {"$ref": "customer.schema.json#/$defs/entry"}},
               "owner": {"$ref": "./people/person.json"},
               "area": {"$ref": "customer.schema.json#segment"}
             }}
            """,
        "schema/customer.schema.json": """
            {"$defs": {
               "entry": {"type": "object", "required": ["customer"],
                         "properties": {"customer": {"type": "string"}, "segment": {"$ref": "#segment"}}},
               "segment": {"$anchor": "segment", "enum": ["smb", "enterprise"]}
             }}
            """,
        "schema/people/person.json": """
            {"type": "object", "required": ["name"], "properties": {"team": {"$ref": "../customer.schema.json#/$defs/segment"}}}
            """,
    ])

    @Test func referenceToAnotherFileOfTheFolder() throws {
        let schema = try split.compile()
        #expect(schema.isValid(try json(#"{"requested_by": [{"customer": "Acme", "segment": "smb"}]}"#)))
        #expect(!schema.isValid(try json(#"{"requested_by": [{"segment": "smb"}]}"#)))
        #expect(!schema.isValid(try json(#"{"requested_by": [{"customer": "Acme", "segment": "huge"}]}"#)))
        #expect(schema.files == ["schema/request.schema.json", "schema/customer.schema.json", "schema/people/person.json"])
    }

    @Test func relativePathsResolveFromTheReferringFile() throws {
        let schema = try split.compile()
        #expect(schema.isValid(try json(#"{"owner": {"name": "Jana", "team": "enterprise"}}"#)))
        #expect(!schema.isValid(try json(#"{"owner": {"name": "Jana", "team": "ops"}}"#)))
        #expect(!schema.isValid(try json(#"{"owner": {}}"#)))
    }

    @Test func anchorInAnotherFile() throws {
        let schema = try split.compile()
        #expect(schema.isValid(try json(#"{"area": "smb"}"#)))
        #expect(!schema.isValid(try json(#"{"area": "mid"}"#)))
        #expect(schema.enumValues(forProperty: "area") == [.string("smb"), .string("enterprise")])
    }

    @Test func eachFileIsReadOnce() throws {
        _ = try split.compile()
        #expect(split.reads == ["schema/customer.schema.json": 1, "schema/people/person.json": 1])
    }

    @Test func violationsInAReferencedFileSayWhereInTheInstance() throws {
        let schema = try split.compile()
        let violations = schema.validate(try json(#"{"requested_by": [{"customer": "Acme", "segment": "smbb"}]}"#))
        #expect(violations.map(\.instancePath) == [[.key("requested_by"), .index(0), .key("segment")]])
        #expect(violations.first?.hint == "did you mean `smb`?")
    }

    @Test func idRelativeReferencesFindTheFilesBesideIt() throws {
        // The `$id` names a web address; the files beside it are the folder's files.
        let folder = SchemaFolder([
            "schema/request.schema.json": """
                {"$id": "https://example.com/schemas/request.schema.json",
                 "properties": {"customer": {"$ref": "customer.schema.json"},
                                "other": {"$ref": "https://example.com/schemas/customer.schema.json"}}}
                """,
            "schema/customer.schema.json": #"{"$id": "https://example.com/schemas/customer.schema.json", "type": "string"}"#,
        ])
        let schema = try folder.compile()
        #expect(schema.isValid(try json(#"{"customer": "Acme", "other": "Globex"}"#)))
        #expect(!schema.isValid(try json(#"{"customer": 1}"#)))
        #expect(!schema.isValid(try json(#"{"other": 1}"#)))
        #expect(folder.reads == ["schema/customer.schema.json": 1])
    }

    @Test func embeddedResourceIsTheBaseOfItsReferencesAndAnchors() throws {
        // Inside a subschema with its own `$id`, `#/...` and `#name` mean that subschema.
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"$id": "https://example.com/root.json",
             "properties": {
               "a": {"$ref": "https://example.com/nested.json#inner"},
               "b": {"$ref": "nested.json"}
             },
             "$defs": {
               "nested": {"$id": "nested.json", "$ref": "#/$defs/number",
                          "$defs": {"number": {"type": "number"},
                                    "inner": {"$anchor": "inner", "type": "string"}}},
               "number": {"type": "string"}
             }}
            """##))
        #expect(schema.isValid(try json(#"{"a": "x", "b": 1}"#)))
        #expect(!schema.isValid(try json(#"{"b": "x"}"#)))
        #expect(!schema.isValid(try json(#"{"a": 1}"#)))
    }

    @Test func idInsideAnUnknownKeywordOrEnumIsNotAnIdentifier() throws {
        let text = ##"""
            {"x-private": {"$id": "https://example.com/hidden.json", "type": "string"},
             "enum": [{"$id": "https://example.com/value.json"}, 1],
             "properties": {"a": {"$ref": "https://example.com/hidden.json"}}}
            """##
        #expect(throws: SchemaError.self) { try JSONSchema(document: try JSONParser.parse(text)) }
    }

    @Test func jsonPointerIntoAnUnknownKeywordStillWorks() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"x-shared": {"short": {"maxLength": 3}}, "$ref": "#/x-shared/short"}
            """##))
        #expect(schema.isValid(.string("abc")))
        #expect(!schema.isValid(.string("abcd")))
    }

    @Test func referenceOutsideTheFolderIsRefusedAtTheReference() throws {
        let folder = SchemaFolder([
            "schema/request.schema.json": "{\n  \"$ref\": \"../secrets.json\"\n}",
            "secrets.json": "{}",
        ])
        let error = try #require(folder.error())
        #expect(error.message == "`$ref` `../secrets.json` points outside the schema folder `schema/`")
        #expect(error.file == "schema/request.schema.json")
        #expect(error.location == SourceLocation(line: 2, column: 11))
        #expect(folder.reads.isEmpty)
    }

    @Test(arguments: ["file:///etc/passwd", "/etc/passwd", "file://server/schema/x.json"])
    func absoluteFilesElsewhereAreRefused(_ reference: String) throws {
        let folder = SchemaFolder(["schema/request.schema.json": #"{"$ref": "\#(reference)"}"#])
        let error = try #require(folder.error())
        #expect(error.message.contains("points outside the schema folder"), "\(error.message)")
        #expect(folder.reads.isEmpty)
    }

    @Test func networkAddressIsRefusedAndNamed() throws {
        let folder = SchemaFolder([
            "schema/request.schema.json": #"{"properties": {"a": {"$ref": "https://example.com/customer.json#/x"}}}"#
        ])
        let error = try #require(folder.error())
        #expect(error.message == "`$ref` `https://example.com/customer.json#/x` is a network address, and freq never fetches schemas")
        #expect(error.hint == "save a copy in `schema/` and refer to it by its file name")
        #expect(error.location == SourceLocation(line: 1, column: 31))
    }

    @Test func missingFileIsNamed() throws {
        let folder = SchemaFolder(["schema/request.schema.json": #"{"$ref": "customer.json"}"#])
        let error = try #require(folder.error())
        #expect(error.message == "`$ref` `customer.json` names `schema/customer.json`, which does not exist")
    }

    @Test func brokenReferencedFileIsLocatedInThatFile() throws {
        let folder = SchemaFolder([
            "schema/request.schema.json": #"{"$ref": "customer.json"}"#,
            "schema/customer.json": "{\n  \"type\": \"string\",\n  \"minLength\": \"3\"\n}",
        ])
        let error = try #require(folder.error())
        #expect(error.file == "schema/customer.json")
        #expect(error.location == SourceLocation(line: 3, column: 16))
        #expect(error.message.contains("`minLength` must be a whole number"))

        let invalidJSON = SchemaFolder([
            "schema/request.schema.json": #"{"$ref": "customer.json"}"#,
            "schema/customer.json": "{\n  \"type\": \"string\",,\n}",
        ])
        let syntax = try #require(invalidJSON.error())
        #expect(syntax.file == "schema/customer.json")
        #expect(syntax.location?.line == 2)
        #expect(syntax.message.hasPrefix("the schema is not valid JSON"))
    }

    @Test func warningsOfAReferencedFileNameIt() throws {
        let folder = SchemaFolder([
            "schema/request.schema.json": #"{"$ref": "customer.json"}"#,
            "schema/customer.json": #"{"tpye": "string"}"#,
        ])
        let schema = try folder.compile()
        #expect(schema.warnings.map(\.file) == ["schema/customer.json"])
        #expect(schema.warnings.first?.hint == "did you mean `type`?")
    }

    @Test func filesReferringToEachOtherThroughMembersAreFine() throws {
        // A tree: a node's children are nodes, across two files.
        let folder = SchemaFolder([
            "schema/request.schema.json": #"{"$ref": "node.json"}"#,
            "schema/node.json": #"{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "request.schema.json"}}}}"#,
        ])
        let schema = try folder.compile()
        #expect(schema.isValid(try json(#"{"children": [{"children": []}, {}]}"#)))
        #expect(!schema.isValid(try json(#"{"children": [{"children": [1]}]}"#)))
        #expect(folder.reads == ["schema/node.json": 1])
    }

    @Test func loopAcrossFilesThatNeverGoesDeeperIsRefused() throws {
        let folder = SchemaFolder([
            "schema/request.schema.json": #"{"allOf": [{"$ref": "a.json"}]}"#,
            "schema/a.json": #"{"anyOf": [{"$ref": "request.schema.json"}]}"#,
        ])
        let error = try #require(folder.error())
        #expect(error.message.contains("leads back to the same schema without checking a deeper value"), "\(error.message)")
        #expect(error.message.contains("a.json#"), "\(error.message)")
    }

    @Test func duplicateAnchorAndBadAnchorNameAreErrors() throws {
        #expect(throws: SchemaError.self) {
            try JSONSchema(document: try JSONParser.parse(#"{"$defs": {"a": {"$anchor": "x"}, "b": {"$anchor": "x"}}}"#))
        }
        #expect(throws: SchemaError.self) {
            try JSONSchema(document: try JSONParser.parse(#"{"$anchor": "1st"}"#))
        }
        #expect(throws: SchemaError.self) {
            try JSONSchema(document: try JSONParser.parse(#"{"$defs": {"a": {"$id": "other.json#frag"}}}"#))
        }
    }
}

@Suite("JSONSchema dynamic references")
struct SchemaDynamicReferenceTests {
    /// A generic list whose items an extending schema chooses: the pattern `$dynamicRef`
    /// exists for. `strict-list.json` says its items are strings.
    private let folder = SchemaFolder([
        "schema/list.json": """
            {"$id": "https://example.com/list.json", "type": "array",
             "items": {"$dynamicRef": "#item"},
             "$defs": {"item": {"$dynamicAnchor": "item"}}}
            """,
        "schema/request.schema.json": """
            {"$id": "https://example.com/strict-list.json", "$ref": "list.json",
             "$defs": {"item": {"$dynamicAnchor": "item", "type": "string"}}}
            """,
    ])

    @Test func outermostDynamicAnchorWins() throws {
        let schema = try folder.compile()
        #expect(schema.isValid(try json(#"["a", "b"]"#)))
        #expect(!schema.isValid(try json(#"["a", 1]"#)))
        #expect(schema.validate(try json(#"["a", 1]"#)).map(\.keyword) == ["type"])
    }

    @Test func withoutAnOuterAnchorTheStaticTargetApplies() throws {
        let schema = try folder.compile(root: "schema/list.json")
        #expect(schema.isValid(try json(#"["a", 1]"#)))
    }

    @Test func dynamicRefToAPlainAnchorIsAStaticReference() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"$defs": {"a": {"$anchor": "a", "type": "string"}},
             "properties": {"x": {"$dynamicRef": "#a"}, "y": {"$dynamicRef": "#/$defs/a"}}}
            """##))
        #expect(schema.isValid(try json(#"{"x": "s", "y": "t"}"#)))
        #expect(!schema.isValid(try json(#"{"x": 1}"#)))
        #expect(!schema.isValid(try json(#"{"y": 1}"#)))
    }

    @Test func dynamicRefMayLandOnABooleanSchema() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"$id": "https://example.com/root", "$ref": "list",
             "$defs": {
               "false": {"$dynamicAnchor": "item", "not": true},
               "list": {"$id": "list", "items": {"$dynamicRef": "#item"},
                        "$defs": {"item": {"$dynamicAnchor": "item"}}}
             }}
            """##))
        #expect(schema.isValid(try json("[]")))
        #expect(!schema.isValid(try json("[1]")))
    }
}

@Suite("JSONSchema drafts and vocabularies")
struct SchemaDraftTests {
    @Test func draft07ItemsListAdditionalItemsAndDependencies() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"$schema": "http://json-schema.org/draft-07/schema#",
             "items": [{"type": "string"}], "additionalItems": {"type": "integer"},
             "dependencies": {"a": ["b"], "c": {"required": ["d"]}}}
            """##))
        #expect(schema.isValid(try json(#"["x", 1, 2]"#)))
        #expect(!schema.isValid(try json(#"[1]"#)))
        #expect(!schema.isValid(try json(#"["x", "y"]"#)))
        #expect(!schema.isValid(try json(#"{"a": 1}"#)))
        #expect(!schema.isValid(try json(#"{"c": 1}"#)))
        #expect(schema.isValid(try json(#"{"a": 1, "b": 2, "c": 3, "d": 4}"#)))
        let warning = try #require(schema.warnings.first)
        #expect(warning.message.contains("`$schema` names draft-07: freq checks it as draft 2020-12"))
    }

    @Test func draft07RefStandsAlone() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"$schema": "http://json-schema.org/draft-07/schema#",
             "definitions": {"s": {"type": "string"}},
             "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 2}}}
            """##))
        #expect(schema.isValid(try json(#"{"a": "long"}"#)))
        #expect(!schema.isValid(try json(#"{"a": 1}"#)))
    }

    @Test func draft2019ItemsList() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(##"""
            {"$schema": "https://json-schema.org/draft/2019-09/schema", "items": [{"type": "string"}], "additionalItems": false}
            """##))
        #expect(schema.isValid(try json(#"["x"]"#)))
        #expect(!schema.isValid(try json(#"["x", "y"]"#)))
        #expect(schema.warnings.first?.message.contains("draft 2019-09") == true)
        #expect(schema.warnings.first?.hint?.contains("`$recursiveRef`") == true)
    }

    @Test func draft2020IsSilentAndUnknownSchemaWarns() throws {
        let current = try JSONSchema(document: try JSONParser.parse(#"{"$schema": "https://json-schema.org/draft/2020-12/schema#"}"#))
        #expect(current.warnings.isEmpty)
        let unknown = try JSONSchema(document: try JSONParser.parse(#"{"$schema": "https://example.com/my-meta"}"#))
        #expect(unknown.warnings.map(\.message) == ["unknown `$schema` `https://example.com/my-meta`: freq checks the schema as draft 2020-12"])
    }

    @Test func metaschemaWithoutTheValidationVocabularyTurnsItsKeywordsOff() throws {
        let folder = SchemaFolder([
            "schema/meta.json": """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/applicator": true,
                                 "https://json-schema.org/draft/2020-12/vocab/core": true}}
                """,
            "schema/request.schema.json": """
                {"$schema": "meta.json", "properties": {"a": {"minimum": 5}, "b": false}}
                """,
        ])
        let schema = try folder.compile()
        #expect(schema.warnings.isEmpty)
        #expect(schema.isValid(try json(#"{"a": 1}"#)))
        #expect(!schema.isValid(try json(#"{"b": 1}"#)))
    }
}

@Suite("JSONSchema file names")
struct SchemaFileNameTests {
    @Test func namesWithSpacesAndAccentsResolveWrittenEitherWay() throws {
        let folder = SchemaFolder([
            "schema/request schema.json": #"{"properties": {"a": {"$ref": "bücher liste.json"}, "b": {"$ref": "b%C3%BCcher%20liste.json#/$defs/n"}}}"#,
            "schema/bücher liste.json": #"{"type": "string", "$defs": {"n": {"type": "number"}}}"#,
        ])
        let schema = try folder.compile(root: "schema/request schema.json")
        #expect(schema.isValid(try json(#"{"a": "x", "b": 1}"#)))
        #expect(!schema.isValid(try json(#"{"a": 1}"#)))
        #expect(!schema.isValid(try json(#"{"b": "x"}"#)))
        #expect(folder.reads == ["schema/bücher liste.json": 1])
    }
}

@Suite("JSONSchema metaschemas in the folder")
struct SchemaMetaschemaTests {
    @Test func aMetaschemaReadForItsVocabularyIsNotPartOfTheSchema() throws {
        // Its `$dynamicAnchor` and its references to the network never come into play.
        let folder = SchemaFolder([
            "schema/meta.json": """
                {"$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
                                 "https://json-schema.org/draft/2020-12/vocab/validation": true},
                 "$dynamicAnchor": "meta", "allOf": [{"$ref": "https://json-schema.org/draft/2020-12/meta/core"}]}
                """,
            "schema/request.schema.json": """
                {"$schema": "meta.json", "$dynamicAnchor": "meta",
                 "properties": {"child": {"$dynamicRef": "#meta"}, "n": {"type": "integer"}}}
                """,
        ])
        let schema = try folder.compile()
        #expect(schema.warnings.isEmpty)
        #expect(schema.isValid(try json(#"{"child": {"n": 1}}"#)))
        #expect(!schema.isValid(try json(#"{"child": {"n": "x"}}"#)))
    }
}

@Suite("JSONSchema identifiers")
struct SchemaIdentifierTests {
    private func compile(_ text: String) throws -> JSONSchema { try JSONSchema(document: try JSONParser.parse(text)) }

    @Test func refBesideAnIdIsResolvedAgainstThatId() throws {
        // The `$id` of the same schema object is its base, whatever the order of the keys.
        let schema = try compile(##"""
            {"$ref": "int.json", "$id": "https://example.com/x/base.json",
             "$defs": {"big": {"$id": "int.json", "maximum": 10},
                       "small": {"$id": "https://example.com/int.json", "maximum": 2}}}
            """##)
        #expect(schema.isValid(.integer(5)))
        #expect(!schema.isValid(.integer(50)))
    }

    @Test func anchorsBelongToTheirResource() throws {
        // `#big` at the root is the root's anchor, not the one inside the subschema with its own `$id`.
        let schema = try compile(##"""
            {"$id": "https://example.com/y/base.json", "$ref": "#big",
             "$defs": {"big": {"$anchor": "big", "maximum": 10},
                       "small": {"$id": "https://example.com/y/", "$anchor": "big", "maximum": 2}}}
            """##)
        #expect(schema.isValid(.integer(5)))
        #expect(!schema.isValid(.integer(50)))
    }

    @Test func idIsResolvedAgainstTheNearestEnclosingId() throws {
        let schema = try compile(##"""
            {"$id": "https://example.com/a.json",
             "$defs": {"x": {"$id": "https://example.com/b/c.json",
                             "not": {"$defs": {"y": {"$id": "d.json", "type": "number"}}}}},
             "allOf": [{"$ref": "https://example.com/b/d.json"}]}
            """##)
        #expect(schema.isValid(.integer(1)))
        #expect(!schema.isValid(.string("a")))
    }

    @Test func urnIdentifiers() throws {
        let schema = try compile(##"""
            {"$id": "urn:uuid:00000000-1111-2222-3333-444444444444", "minimum": 30,
             "properties": {"foo": {"$ref": "urn:uuid:00000000-1111-2222-3333-444444444444"},
                            "bar": {"$ref": "#/$defs/text"}},
             "$defs": {"text": {"type": "string"}}}
            """##)
        #expect(schema.isValid(try JSONParser.parse(#"{"foo": 37, "bar": "x"}"#).value))  // `minimum` ignores objects
        #expect(schema.isValid(try JSONParser.parse(#"{"foo": 37}"#).value))
        #expect(!schema.isValid(try JSONParser.parse(#"{"foo": 12}"#).value))
        #expect(!schema.isValid(try JSONParser.parse(#"{"bar": 1}"#).value))
    }
}
