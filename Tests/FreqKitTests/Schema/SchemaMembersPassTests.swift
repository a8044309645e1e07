import Foundation
import FreqTestSupport
import Testing

@testable import FreqKit

/// `properties` with `additionalProperties` and no `patternProperties` is checked in one
/// pass over the members; a `patternProperties` that matches nothing sends the same schema
/// through the two loops. Both must give the same violations in the same order.
@Suite("Schema: members checked in one pass as in two")
struct SchemaMembersPassTests {
    static func schemas(additional: String) throws -> (onePass: JSONSchema, twoLoops: JSONSchema) {
        func text(_ patterns: String) -> String {
            """
            {"type": "object", "required": ["id"], \(patterns)
             "properties": {
               "id": {"type": "string", "pattern": "^FR-[0-9]{4,}$"},
               "status": {"enum": ["new", "planned"]},
               "caf\u{E9}": {"type": "integer", "maximum": 3},
               "list": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
               "n": {"type": "integer", "minimum": 1}
             },
             "additionalProperties": \(additional),
             "$defs": {"entry": {"type": "object", "required": ["name"], "additionalProperties": \(additional),
               "properties": {"name": {"type": "string", "minLength": 2}, "arr": {"type": "integer"}}}}
            }
            """
        }
        return (
            try JSONSchema(document: try JSONParser.parse(text(""))),
            try JSONSchema(document: try JSONParser.parse(text("\"patternProperties\": {\"(?!)\": true},")))
        )
    }

    static let keys = ["id", "status", "caf\u{E9}", "cafe\u{301}", "list", "n", "stauts", "x", "name", "arr"]
    static let scalars: [JSONValue] = [
        .string("FR-0042"), .string("FR-1"), .string("new"), .string("done"), .integer(0), .integer(2), .integer(7),
        .null, .bool(true), .string("a"), .string("ab"),
    ]

    static func instance(_ rng: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for key in keys.shuffled(using: &rng).prefix(Int.random(in: 0...6, using: &rng)) {
            if depth < 2, Int.random(in: 0..<4, using: &rng) == 0 {
                members[key] = .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in instance(&rng, depth: depth + 1) })
            } else {
                members[key] = scalars.randomElement(using: &rng) ?? .null
            }
        }
        return .object(members)
    }

    @Test(arguments: ["false", "{\"type\": \"string\"}"])
    func onePassAgreesWithTwoLoops(additional: String) throws {
        let (onePass, twoLoops) = try Self.schemas(additional: additional)
        var rng = SeededGenerator(seed: 15_400_000)
        var invalid = 0
        for _ in 0..<3000 {
            let value = Self.instance(&rng)
            let found = onePass.validate(value)
            #expect(found == twoLoops.validate(value), "\(value)")
            #expect(onePass.isValid(value) == twoLoops.isValid(value))
            if !found.isEmpty { invalid += 1 }
        }
        #expect(invalid > 1000)
    }
}
