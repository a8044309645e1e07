import FreqKit
import Testing

private typealias SourceLocation = FreqKit.SourceLocation

/// JSON text with position markers (①, ②, …) taken out, and where each marker stood
/// (1-based line and column in Unicode scalars), so tests do not hard-code columns.
private struct MarkedJSON {
    let text: String
    let markers: [Character: SourceLocation]

    init(_ marked: String) {
        var text = ""
        var markers: [Character: SourceLocation] = [:]
        var line = 1
        var column = 1
        for scalar in marked.unicodeScalars {
            if (0x2460...0x2473).contains(scalar.value) {
                markers[Character(scalar)] = SourceLocation(line: line, column: column)
                continue
            }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = text
        self.markers = markers
    }

    subscript(marker: Character) -> SourceLocation? { markers[marker] }
}

@Suite("JSONParser")
struct JSONParserTests {
    // MARK: - Values

    @Test(arguments: [
        ("0", JSONValue.integer(0)),
        ("-0", .integer(0)),
        ("42", .integer(42)),
        ("-17", .integer(-17)),
        ("9223372036854775807", .integer(Int.max)),
        ("-9223372036854775808", .integer(Int.min)),
        ("9223372036854775808", .double(9223372036854775808)),
        ("1.0", .double(1.0)),
        ("1e2", .double(100)),
        ("-2.5E-3", .double(-0.0025)),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        (#""text""#, .string("text")),
    ])
    func scalars(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(text).value == expected)
    }

    @Test func integersAndDoublesStayApart() throws {
        let value = try JSONParser.parse("[1, 1.0, 1e0]").value
        #expect(value == .array([.integer(1), .double(1), .double(1)]))
    }

    @Test func stringEscapes() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\udca9", "é💩"]"#).value
        #expect(value == .array([.string("a\"b\\c/d\u{8}\u{c}\n\r\t"), .string("é💩"), .string("é💩")]))
    }

    @Test func nestedStructures() throws {
        let value = try JSONParser.parse(#"{"a": [1, {"b": null}], "c": {}, "d": []}"#).value
        #expect(
            value
                == .object([
                    "a": .array([.integer(1), .object(["b": .null])]), "c": .object([:]), "d": .array([]),
                ]))
    }

    @Test func bytesWithByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)
        let document = try JSONParser.parse(bytes)
        #expect(document.value == .object(["a": .integer(1)]))
        // The mark is not a column of its own.
        #expect(document.locations[[]] == SourceLocation(line: 1, column: 1))
        #expect(document.locations[[.key("a")]] == SourceLocation(line: 1, column: 7))
    }

    // MARK: - Locations

    @Test func locationsOfValuesAndKeys() throws {
        let marked = MarkedJSON(
            """
            ①{
              ②"id": ③"FR-0042",
              ④"requested_by": ⑤[
                ⑥{ ⑦"customer": ⑧"Acme", "arr": ⑨120000 },
                ⑩"é💩", ⑪true
              ]
            }
            """)
        let document = try JSONParser.parse(marked.text)
        #expect(document.locations[[]] == marked["①"])
        #expect(document.keyLocations[[.key("id")]] == marked["②"])
        #expect(document.locations[[.key("id")]] == marked["③"])
        #expect(document.keyLocations[[.key("requested_by")]] == marked["④"])
        #expect(document.locations[[.key("requested_by")]] == marked["⑤"])
        #expect(document.locations[[.key("requested_by"), .index(0)]] == marked["⑥"])
        #expect(document.keyLocations[[.key("requested_by"), .index(0), .key("customer")]] == marked["⑦"])
        #expect(document.locations[[.key("requested_by"), .index(0), .key("customer")]] == marked["⑧"])
        #expect(document.locations[[.key("requested_by"), .index(0), .key("arr")]] == marked["⑨"])
        #expect(document.locations[[.key("requested_by"), .index(1)]] == marked["⑩"])
        #expect(document.locations[[.key("requested_by"), .index(2)]] == marked["⑪"])
    }

    @Test func columnsCountUnicodeScalars() throws {
        // "é" is 2 UTF-8 bytes and "💩" 4 bytes (2 UTF-16 units), but one column each.
        let marked = MarkedJSON(#"{"é💩": "💩💩", "x": ①1}"#)
        let document = try JSONParser.parse(marked.text)
        #expect(document.locations[[.key("x")]] == marked["①"])
        #expect(marked["①"] == SourceLocation(line: 1, column: 19))
    }

    @Test func crlfLineBreaks() throws {
        let document = try JSONParser.parse("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}")
        #expect(document.locations[[.key("b")]] == SourceLocation(line: 3, column: 8))
        #expect(document.keyLocations[[.key("b")]] == SourceLocation(line: 3, column: 3))
    }

    // MARK: - Errors

    @Test(arguments: [
        (#"{"a": 1 ①"b": 2}"#, "expected `,` or `}` after object member"),
        (#"[1, 2 ①3]"#, "expected `,` or `]` after array element"),
        (#"{"a": 1,①}"#, "trailing comma"),
        (#"[1,①]"#, "trailing comma"),
        (#"{"a" ①1}"#, "expected `:` after the key `a`"),
        (#"{①a: 1}"#, "expected a key in double quotes"),
        (#"{"a": ①'x'}"#, "double quotes"),
        (#"{"status": ①planned}"#, "found `planned`"),
        (#"["abc①"#, "not closed"),
        (#"["a①\x"]"#, "unknown escape `\\x`"),
        (#"["①\ud800"]"#, "surrogate"),
        (#"[①01]"#, "leading zero"),
        (#"[1.①]"#, "expected a digit after the decimal point"),
        (#"[1e①]"#, "expected a digit in the exponent"),
        (#"[-①a]"#, "expected a digit after `-`"),
        (#"①"#, "found end of input"),
        (#"{}  ①x"#, "after the end of the JSON value"),
        (#"[①// no comments]"#, "comments are not allowed"),
        (#"[①1e999]"#, "too large"),
        ("{\"a\": \"line①\nbreak\"}", "line break"),
    ])
    func syntaxErrorsArePlacedAndExplained(_ marked: String, _ expected: String) {
        let input = MarkedJSON(marked)
        do {
            let document = try JSONParser.parse(input.text)
            Issue.record("parsed \(document.value) but expected an error")
        } catch let error as JSONSyntaxError {
            #expect(error.location == input["①"], "\(error)")
            #expect(error.message.contains(expected), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorPositionOnALaterLine() {
        let input = MarkedJSON(
            """
            {
              "title": "Export",
              "status": "new"
              ①"area": "billing"
            }
            """)
        #expect(throws: JSONSyntaxError(
            line: 4, column: 3, message: "expected `,` or `}` after object member, found `\"`")
        ) {
            try JSONParser.parse(input.text)
        }
        #expect(input["①"] == SourceLocation(line: 4, column: 3))
    }

    @Test func invalidUTF8IsAnError() {
        let bytes: [UInt8] = Array(#"["ab"#.utf8) + [0xC3, 0x28] + Array(#""]"#.utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
    }

    // MARK: - Limits and warnings

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(text)
    }

    @Test(arguments: [513, 100_000])
    func deeperNestingIsRefused(depth: Int) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        do {
            _ = try JSONParser.parse(text)
            Issue.record("nesting of \(depth) was accepted")
        } catch let error as JSONSyntaxError {
            #expect(error.message.contains("512"))
            #expect(error.location == SourceLocation(line: 1, column: 513))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func customDepthLimit() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a": {"b": 1}}"#, maximumDepth: 1) }
    }

    @Test func duplicateKeysWarnAndTheLastWins() throws {
        let input = MarkedJSON(#"{"status": "new", ①"status": "planned"}"#)
        let document = try JSONParser.parse(input.text)
        #expect(document.value == .object(["status": .string("planned")]))
        #expect(document.warnings.count == 1)
        #expect(document.warnings.first?.path == [.key("status")])
        #expect(document.warnings.first?.location == input["①"])
        #expect(document.warnings.first?.message.contains("`status`") == true)
    }

    @Test func noWarningsForDistinctKeys() throws {
        #expect(try JSONParser.parse(#"{"a": {"a": 1}, "b": [{"a": 2}]}"#).warnings.isEmpty)
    }
}
