import Foundation
import Testing

@testable import FreqKit

private func read(_ text: String, limits: FrontMatterLimits = .default) -> Result<FrontMatterDocument, FrontMatterProblem> {
    FrontMatterReader.read(Array(text.utf8), limits: limits)
}

private func document(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> FrontMatterDocument {
    switch read(text) {
    case .success(let document): return document
    case .failure(let problem):
        Issue.record("unexpected problem: \(problem)", sourceLocation: sourceLocation)
        throw problem
    }
}

private func problem(_ text: String, limits: FrontMatterLimits = .default) -> FrontMatterProblem? {
    problem(bytes: Array(text.utf8), limits: limits)
}

private func problem(bytes: [UInt8], limits: FrontMatterLimits = .default) -> FrontMatterProblem? {
    if case .failure(let problem) = FrontMatterReader.read(bytes, limits: limits) { return problem }
    return nil
}

private func at(_ line: Int, _ column: Int) -> FreqKit.SourceLocation {
    FreqKit.SourceLocation(line: line, column: column)
}

private let request = """
    ---
    id: FR-0042
    title: Export invoices as CSV
    status: new
    created: 2026-11-02
    severity: 3            # 1 .. 4
    requested_by:
      - customer: Acme Corp
        arr: 120000
        date: 2026-11-02
    tags: [export, finance]
    ---

    ## Problem
    What the customer is trying to do.

    """

@Suite("Front matter: fences")
struct FrontMatterFenceTests {
    @Test func readsATypicalRequest() throws {
        let doc = try document(request)
        #expect(doc.value["id"] == .string("FR-0042"))
        #expect(doc.value["severity"] == .integer(3))
        #expect(doc.value["created"] == .string("2026-11-02"))
        #expect(doc.value["tags"] == .array([.string("export"), .string("finance")]))
        #expect(doc.value["requested_by"]?.arrayValue?.first?["arr"] == .integer(120000))
        #expect(doc.frontMatterRange == 2...11)
        #expect(doc.bodyStartLine == 13)
        let bytes = Array(request.utf8)
        #expect(String(decoding: bytes[doc.bodyStartOffset...], as: UTF8.self).hasPrefix("\n## Problem"))
    }

    @Test func byteOrderMarkIsSkippedAndNotAColumn() throws {
        let doc = try document("\u{FEFF}---\nid: FR-1\nstatus: new\n---\n")
        #expect(doc.value["id"] == .string("FR-1"))
        #expect(doc.location(of: [.key("status")], key: true) == at(3, 1))
        #expect(doc.location(of: [.key("status")]) == at(3, 9))
    }

    @Test func crlfFilesWork() throws {
        let doc = try document("---\r\nid: FR-1\r\ntitle: x y\r\nlist:\r\n  - a\r\n---\r\nbody\r\n")
        #expect(doc.value["title"] == .string("x y"))
        #expect(doc.scalarText(at: [.key("title")]) == "x y")
        #expect(doc.location(of: [.key("title")]) == at(3, 8))
        #expect(doc.location(of: [.key("list"), .index(0)]) == at(5, 5))
        #expect(doc.frontMatterRange == 2...5)
        #expect(doc.bodyStartLine == 7)
    }

    @Test func byteOrderMarkWithCRLF() throws {
        let doc = try document("\u{FEFF}---\r\nid: FR-1\r\nstatus: planned\r\n---\r\n")
        #expect(doc.location(of: [.key("status")]) == at(3, 9))
        #expect(doc.location(of: [.key("id")], key: true) == at(2, 1))
    }

    @Test func dotsCloseTheFrontMatter() throws {
        let doc = try document("---\nid: FR-1\n...\nbody\n")
        #expect(doc.value == .object(["id": .string("FR-1")]))
        #expect(doc.bodyStartLine == 4)
    }

    @Test func spacesAndCRMayTrailFences() throws {
        let doc = try document("---   \nid: FR-1\n---  \r\nbody")
        #expect(doc.value["id"] == .string("FR-1"))
    }

    @Test func openingDotsAreNotAFence() {
        #expect(problem("...\nid: 1\n---\n")?.rule == "no-front-matter")
    }

    @Test func fenceFollowedByTextIsNotAFence() {
        #expect(problem("--- id: 1\n---\n")?.rule == "no-front-matter")
        // `---x` inside is not a closing fence either, so this one never closes.
        #expect(problem("---\nid: 1\n---x\n")?.rule == "unclosed-front-matter")
    }

    @Test func missingClosingFence() throws {
        let found = try #require(problem("---\nid: FR-1\nstatus: new\n\n# Body\n"))
        #expect(found.rule == "unclosed-front-matter")
        #expect(found.location == at(1, 1))
        #expect(found.hint?.contains("`---`") == true)
    }

    @Test func closingFenceAtEndOfFileWithoutNewline() throws {
        let doc = try document("---\nid: FR-1\n---")
        #expect(doc.bodyStartLine == 4)
        #expect(doc.bodyStartOffset == 16)
    }

    @Test(arguments: ["", "\u{FEFF}", "  \n\n\t\r\n"])
    func emptyFile(text: String) {
        #expect(problem(text)?.rule == "empty-file")
    }

    @Test func noFrontMatter() throws {
        let found = try #require(problem("# Export invoices\n\nid: FR-1\n"))
        #expect(found.rule == "no-front-matter")
        #expect(found.location == at(1, 1))
        #expect(found.hint == "start the file with a line `---`, then the fields, then a line `---`")
        #expect(problem("\n---\nid: 1\n---\n")?.message.contains("empty line") == true)
    }

    @Test func emptyFrontMatterIsNotAMapping() {
        #expect(problem("---\n---\nbody")?.rule == "not-a-mapping")
        #expect(problem("---\n# only a comment\n---\n")?.rule == "not-a-mapping")
    }

    @Test func listOrScalarIsNotAMapping() throws {
        let list = try #require(problem("---\n- a\n- b\n---\n"))
        #expect(list.rule == "not-a-mapping")
        #expect(list.message.contains("list"))
        #expect(list.location == at(2, 1))
        #expect(problem("---\njust some text\n---\n")?.rule == "not-a-mapping")
    }

    @Test func tooLargeIsDecidedBeforeParsing() throws {
        // Not even a front matter: size wins.
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 4 * 1024 * 1024 + 1)
        let found = try #require(problem(bytes: bytes))
        #expect(found.rule == "too-large")
        #expect(found.message == "the file is 4194305 bytes, more than the limit of 4 MiB")
        let small = FrontMatterLimits(maxFileBytes: 10)
        #expect(problem("---\nid: FR-1\n---\n", limits: small)?.rule == "too-large")
        #expect(problem("---\na: 1\n---", limits: FrontMatterLimits(maxFileBytes: 14)) == nil)
    }

    @Test func utf16IsNotUTF8() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "---\nid: 1\n---\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(problem(bytes: bytes)?.rule == "not-utf8")
    }
}

@Suite("Front matter: encoding")
struct FrontMatterEncodingTests {
    @Test func invalidUTF8InFrontMatterIsLocated() throws {
        var bytes = Array("---\nid: FR-1\ntitle: caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array("s\n---\nbody\n".utf8)
        let found = try #require(problem(bytes: bytes))
        #expect(found.rule == "not-utf8")
        #expect(found.location == at(3, 11))
        #expect(found.message.contains("line 3"))
    }

    @Test func columnsCountScalarsNotBytes() throws {
        var bytes = Array("---\nid: FR-1\ntitle: é€😀".utf8)
        bytes += [0xED, 0xA0, 0x80]  // a UTF-16 surrogate, invalid in UTF-8
        bytes += Array("\n---\n".utf8)
        #expect(problem(bytes: bytes)?.location == at(3, 11))
    }

    @Test func overlongEncodingIsInvalid() {
        var bytes = Array("---\na: ".utf8)
        bytes += [0xC0, 0xAF]
        bytes += Array("\n---\n".utf8)
        #expect(problem(bytes: bytes)?.rule == "not-utf8")
    }

    @Test func invalidBodyDoesNotMakeTheFileUnreadable() throws {
        var bytes = Array("---\nid: FR-1\n---\nline four\nbad ".utf8)
        bytes.append(0xFF)
        bytes += Array(" here\n".utf8)
        let doc = try FrontMatterReader.read(bytes).get()
        #expect(doc.value["id"] == .string("FR-1"))
        let found = try #require(FrontMatterReader.bodyProblem(bytes, document: doc))
        #expect(found.rule == "not-utf8")
        #expect(found.location == at(5, 5))
        let clean = Array("---\nid: FR-1\n---\nbody é\n".utf8)
        #expect(FrontMatterReader.bodyProblem(clean, document: try FrontMatterReader.read(clean).get()) == nil)
    }

    @Test func controlCharacterIsLocated() throws {
        let found = try #require(problem("---\nid: FR-1\ntitle: a\u{7}b\n---\n"))
        #expect(found.rule == "yaml-syntax")
        #expect(found.location == at(3, 9))
        #expect(found.message.contains("U+0007"))
    }

    @Test func unicodeLineSeparatorDoesNotShiftFileLines() throws {
        // libyaml breaks lines at U+2028; the file (and git) does not.
        let doc = try document("---\na: \"x\u{2028}y\"\nb: 1\n---\n")
        #expect(doc.location(of: [.key("b")], key: true) == at(3, 1))
        #expect(doc.location(of: [.key("b")]) == at(3, 4))
    }
}

@Suite("Front matter: anchors, aliases, limits")
struct FrontMatterSafetyTests {
    @Test func billionLaughsIsRefusedQuickly() throws {
        var lines = ["---", "a0: &a0 lol"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        lines.append("---")
        let start = ContinuousClock.now
        let found = try #require(problem(lines.joined(separator: "\n")))
        let elapsed = ContinuousClock.now - start
        #expect(found.rule == "yaml-alias")
        #expect(found.location == at(2, 5))
        #expect(elapsed < .milliseconds(100))
    }

    @Test func aliasUsedAsKeyIsRefused() throws {
        // Yams 6.2.2's compose hangs on this; the pre-scan must stop it first.
        let found = try #require(problem("---\nid: 1\n*x : 2\n---\n"))
        #expect(found.rule == "yaml-alias")
        #expect(found.location == at(3, 1))
        #expect(found.message.contains("`*x`"))
        #expect(problem("---\nk: &x key\n*x : 2\n---\n")?.rule == "yaml-alias")
        #expect(problem("---\n? *x\n: 2\n---\n")?.rule == "yaml-alias")
    }

    @Test func anchorIsRefused() throws {
        let found = try #require(problem("---\nid: FR-1\nowner: &who jana\n---\n"))
        #expect(found.rule == "yaml-alias")
        #expect(found.location == at(3, 8))
        #expect(found.message.contains("`&who`"))
        #expect(problem("---\nlist:\n  - &first a\n---\n")?.location == at(3, 5))
        #expect(problem("---\nflow: [a, *b]\n---\n")?.location == at(2, 11))
        #expect(problem("---\nflow: {k: &v x}\n---\n")?.location == at(2, 11))
    }

    @Test func asterisksAndAmpersandsInsideTextAreNotAliases() throws {
        let doc = try document(
            """
            ---
            title: a*b
            note: see *this* & &that
            flow: [x*y, 'q*', "*r"]
            quoted: '*not an alias'
            dq: "&not \\" *either"
            # a comment with *stars* and &amps
            body: |
              *bold* text
              &amp; more
                *indented*
            seq:
              - |
                *inside* a block in a list
              - plain
                *continued* plain
            folded: >-
              * a bullet
            after: x*
            ---
            """)
        #expect(doc.value["title"] == .string("a*b"))
        #expect(doc.value["note"] == .string("see *this* & &that"))
        #expect(doc.value["flow"] == .array([.string("x*y"), .string("q*"), .string("*r")]))
        #expect(doc.value["quoted"] == .string("*not an alias"))
        #expect(doc.value["dq"] == .string("&not \" *either"))
        #expect(doc.value["body"] == .string("*bold* text\n&amp; more\n  *indented*\n"))
        #expect(doc.value["seq"] == .array([.string("*inside* a block in a list\n"), .string("plain *continued* plain")]))
        #expect(doc.value["folded"] == .string("* a bullet"))
        #expect(doc.value["after"] == .string("x*"))
    }

    @Test func aliasAfterABlockScalarIsStillFound() {
        #expect(problem("---\nbody: |\n  text\nnext: *x\n---\n")?.location == at(4, 7))
        #expect(problem("---\n- a: |\n    text\n  b: *x\n---\n")?.location == at(4, 6))
    }

    @Test func deepFlowNestingIsRefusedWithoutRecursion() throws {
        let depth = 10_000
        let text = "---\na: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n---\n"
        let start = ContinuousClock.now
        let found = try #require(problem(text))
        #expect(found.rule == "too-deep")
        #expect(found.location?.line == 2)
        #expect(ContinuousClock.now - start < .milliseconds(200))
    }

    @Test func deepBlockNestingIsRefused() throws {
        var lines = ["---"]
        for level in 0..<200 { lines.append(String(repeating: " ", count: level) + "k\(level):") }
        lines.append("---")
        #expect(problem(lines.joined(separator: "\n"))?.rule == "too-deep")
        let dashes = "---\n" + String(repeating: "- ", count: 10_000) + "x\n---\n"
        #expect(problem(dashes)?.rule == "too-deep")
    }

    /// The root mapping is level 1: 64 nested mappings pass, 65 do not, in both styles.
    @Test func depthLimitIsExact() {
        func block(_ levels: Int) -> String {
            var lines = ["---"]
            for level in 0..<(levels - 1) { lines.append(String(repeating: " ", count: level) + "k:") }
            lines.append(String(repeating: " ", count: levels - 1) + "k: v")
            lines.append("---")
            return lines.joined(separator: "\n")
        }
        func flow(_ levels: Int) -> String {
            "---\nk: " + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1) + "\n---\n"
        }
        #expect(problem(block(64)) == nil)
        #expect(problem(block(65))?.rule == "too-deep")
        #expect(problem(flow(64)) == nil)
        #expect(problem(flow(65))?.rule == "too-deep")
        let shallow = FrontMatterLimits(maxDepth: 2)
        #expect(problem("---\na:\n  b: 1\n---\n", limits: shallow) == nil)
        #expect(problem("---\na:\n  b: [1]\n---\n", limits: shallow)?.rule == "too-deep")
    }

    @Test func tooManyValues() {
        let limits = FrontMatterLimits(maxNodes: 10)
        #expect(problem("---\nlist: [1, 2, 3]\n---\n", limits: limits) == nil)
        #expect(problem("---\nlist: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n---\n", limits: limits)?.rule == "too-large")
        #expect(problem("---\na: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\n---\n", limits: limits)?.rule == "too-large")
    }
}

@Suite("Front matter: keys")
struct FrontMatterKeyTests {
    @Test func repeatedKeyAtDepthTwoIsLocatedAtTheRepeat() throws {
        let found = try #require(
            problem(
                """
                ---
                id: FR-1
                requested_by:
                  - customer: Acme
                    segment: enterprise
                    customer: Beta
                ---
                """))
        #expect(found.rule == "duplicate-key")
        #expect(found.message == "the front matter repeats the key `customer`")
        #expect(found.location == at(6, 5))
        #expect(found.hint?.contains("line 4") == true)
    }

    @Test func repeatedTopLevelKey() throws {
        let found = try #require(problem("---\nstatus: new\ntitle: x\nstatus: planned\n---\n"))
        #expect(found.rule == "duplicate-key")
        #expect(found.location == at(4, 1))
    }

    @Test func repeatedKeyInFlowMappingAndQuoted() {
        #expect(problem("---\nm: {a: 1, b: 2, a: 3}\n---\n")?.location == at(2, 17))
        #expect(problem("---\n\"status\": new\nstatus: x\n---\n")?.location == at(3, 1))
        #expect(problem("---\nstatus: new\n'status': x\n---\n")?.location == at(3, 1))
    }

    @Test func thirdOccurrenceAndTwoRepeatedKeys() {
        #expect(problem("---\na: 1\na: 2\na: 3\n---\n")?.location == at(3, 1))
        #expect(problem("---\nb: 1\na: 1\nb: 2\na: 2\n---\n")?.location == at(5, 1))
    }

    @Test func repeatedKeyWithCRLFAndBOM() {
        #expect(problem("\u{FEFF}---\r\nx:\r\n  a: 1\r\n  a: 2\r\n---\r\n")?.location == at(4, 3))
    }

    @Test func keysEqualAsTextButNotToYamsAreRepeats() throws {
        let found = try #require(problem("---\n1: a\n!!int 1: b\n---\n"))
        #expect(found.rule == "duplicate-key")
        #expect(found.location == at(3, 1))
    }

    @Test func nonScalarKeyIsAProblem() throws {
        let found = try #require(problem("---\n? [a, b]\n: 1\n---\n"))
        #expect(found.rule == "not-a-mapping")
        #expect(found.location == at(2, 3))
    }
}

@Suite("Front matter: YAML 1.2 core typing")
struct FrontMatterTypingTests {
    static let table: [(String, JSONValue)] = [
        ("no", .string("no")), ("yes", .string("yes")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("2026-11-02", .string("2026-11-02")), ("0381", .integer(381)),
        ("\"planned\"", .string("planned")), ("'true'", .string("true")), ("~", .null), ("", .null),
        ("null", .null), ("Null", .null), ("NULL", .null), ("nULL", .string("nULL")),
        ("1.0", .double(1.0)), ("0x1F", .integer(31)), ("0o17", .integer(15)), ("0X1F", .string("0X1F")),
        (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)), ("+.INF", .double(.infinity)),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)), ("tRUE", .string("tRUE")),
        ("false", .bool(false)), ("-12", .integer(-12)), ("+7", .integer(7)), ("1e3", .double(1000)),
        ("-.5", .double(-0.5)), ("1.", .double(1)), (".", .string(".")), ("+", .string("+")),
        ("1_000", .string("1_000")), ("0x", .string("0x")), ("12:30", .string("12:30")),
        ("FR-0042", .string("FR-0042")), ("!!str 12", .string("12")), ("! 12", .string("12")),
        ("!!int \"7\"", .integer(7)), ("!!float 1", .double(1)), ("!!bool true", .bool(true)),
        ("!!null ~", .null), ("|\n  3\n", .string("3\n")),
        ("9223372036854775807", .integer(Int.max)), ("-9223372036854775808", .integer(Int.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("0xFFFFFFFFFFFFFFFFF", .double(295_147_905_179_352_825_856)),
    ]

    @Test(arguments: table)
    func typesLikeYAML12Core(written: String, expected: JSONValue) throws {
        let doc = try document("---\nv: \(written)\n---\n")
        #expect(doc.value["v"] == expected, "`\(written)`")
    }

    @Test func nanIsADouble() throws {
        let doc = try document("---\na: .nan\nb: .NaN\n---\n")
        guard case .double(let a)? = doc.value["a"], case .double(let b)? = doc.value["b"] else {
            Issue.record("not doubles")
            return
        }
        #expect(a.isNaN && b.isNaN)
    }

    @Test func unknownOrMismatchedTagsAreRefused() throws {
        let custom = try #require(problem("---\na: !color red\n---\n"))
        #expect(custom.rule == "yaml-tag")
        #expect(custom.message.contains("`!color`"))
        #expect(custom.location == at(2, 4))
        #expect(problem("---\na: !!int abc\n---\n")?.message.contains("`!!int`") == true)
        #expect(problem("---\na: !!binary aGk=\n---\n")?.rule == "yaml-tag")
        #expect(problem("---\na: !!map [1]\n---\n")?.rule == "yaml-tag")
        #expect(problem("---\na: !!seq [1]\nb: !!map {c: 1}\n---\n") == nil)
    }

    @Test func scalarTextIsAsWrittenUnquoted() throws {
        let doc = try document(
            """
            ---
            id: 0381
            status: "planned"
            owner: 'o''brien'
            none: ~
            empty:
            flag: true
            ratio: 1.0
            list: [a]
            map: {k: v}
            folded: >
              one
              two
            ---
            """)
        #expect(doc.scalarText(at: [.key("id")]) == "0381")
        #expect(doc.value["id"] == .integer(381))
        #expect(doc.scalarText(at: [.key("status")]) == "planned")
        #expect(doc.scalarText(at: [.key("owner")]) == "o'brien")
        #expect(doc.scalarText(at: [.key("none")]) == "~")
        #expect(doc.scalarText(at: [.key("empty")]) == "")
        #expect(doc.scalarText(at: [.key("flag")]) == "true")
        #expect(doc.scalarText(at: [.key("ratio")]) == "1.0")
        #expect(doc.scalarText(at: [.key("list"), .index(0)]) == "a")
        #expect(doc.scalarText(at: [.key("list")]) == nil)
        #expect(doc.scalarText(at: [.key("map")]) == nil)
        #expect(doc.scalarText(at: [.key("missing")]) == nil)
        #expect(doc.scalarText(at: [.key("folded")]) == "one two\n")
    }

    @Test func keysAreTheirText() throws {
        let doc = try document("---\n1: a\ntrue: b\n~: c\n---\n")
        #expect(doc.value == .object(["1": .string("a"), "true": .string("b"), "~": .string("c")]))
    }
}

@Suite("Front matter: locations and syntax errors")
struct FrontMatterLocationTests {
    @Test func keyAndValueLocations() throws {
        let doc = try document(request)
        #expect(doc.location(of: [.key("status")], key: true) == at(4, 1))
        #expect(doc.location(of: [.key("status")]) == at(4, 9))
        #expect(doc.location(of: [.key("requested_by")]) == at(8, 3))
        #expect(doc.location(of: [.key("requested_by"), .index(0)]) == at(8, 5))
        #expect(doc.location(of: [.key("requested_by"), .index(0), .key("arr")], key: true) == at(9, 5))
        #expect(doc.location(of: [.key("requested_by"), .index(0), .key("arr")]) == at(9, 10))
        #expect(doc.location(of: [.key("tags"), .index(1)]) == at(11, 16))
        #expect(doc.location(of: []) == at(2, 1))
        #expect(doc.keyLocations[[.key("tags")]] == at(11, 1))
        #expect(doc.valueLocations[[.key("tags")]] == at(11, 7))
    }

    @Test func locationFallsBackToTheNearestAncestor() throws {
        let doc = try document(request)
        #expect(doc.location(of: [.key("requested_by"), .index(0), .key("segment")]) == at(8, 5))
        #expect(doc.location(of: [.key("requested_by"), .index(0), .key("segment")], key: true) == at(8, 5))
        #expect(doc.location(of: [.key("nope"), .index(3)]) == at(2, 1))
    }

    @Test func syntaxErrorIsOneLineAndLocatedInTheFile() throws {
        let found = try #require(problem("---\nid: FR-1\ntitle: Export: CSV files\n---\n"))
        #expect(found.rule == "yaml-syntax")
        #expect(found.location == at(3, 14))
        #expect(found.message.hasPrefix("could not parse the front matter: mapping values are not allowed"))
        #expect(!found.message.contains("\n"))
        #expect(found.hint?.contains("quotes") == true)
    }

    @Test func unclosedQuoteIsLocatedAtItsStart() throws {
        let found = try #require(problem("---\nid: FR-1\ntitle: \"Export\n---\n"))
        #expect(found.rule == "yaml-syntax")
        #expect(found.location == at(3, 8))
    }

    @Test func syntaxErrorAfterBOMAndCRLF() {
        #expect(problem("\u{FEFF}---\r\nid: 1\r\nt: a: b\r\n---\r\n")?.location == at(3, 5))
    }

    @Test func tabIndentationGetsAClearHint() throws {
        let found = try #require(problem("---\nid: FR-1\nrequested_by:\n\t- customer: Acme\n---\n"))
        #expect(found.rule == "yaml-syntax")
        #expect(found.location?.line == 4)
        #expect(found.hint?.contains("line 4 is indented with a tab") == true)
    }

    @Test func secondDocumentIsASyntaxError() throws {
        let found = try #require(problem("---\na: 1\n--- b\n---\n"))
        #expect(found.rule == "yaml-syntax")
        #expect(found.message.contains("more than one YAML document"))
    }

    @Test func problemBecomesADiagnostic() throws {
        let found = try #require(problem("---\na: &x 1\n---\n"))
        let diagnostic = found.diagnostic(path: "requests/FR-1.md")
        #expect(diagnostic.rule == "yaml-alias")
        #expect(diagnostic.location == at(2, 4))
        #expect(diagnostic.severity == .error)
        #expect(Rules.ids.contains(diagnostic.rule))
    }
}

@Suite("Front matter: identity for the history engine")
struct FrontMatterIdentityTests {
    private func identity(_ text: String) -> Result<FrontMatterIdentity, FrontMatterProblem> {
        FrontMatterReader.readIdentity(Array(text.utf8), idField: "id", statusField: "status")
    }

    @Test func readsIdStatusAndFields() throws {
        let found = try identity("---\nid: 0381\nstatus: \"planned\"\narea: billing\n---\nbody").get()
        #expect(found.id == "0381")
        #expect(found.status == "planned")
        #expect(found.fields["area"] == .string("billing"))
        #expect(found.fields["id"] == .integer(381))
    }

    @Test func otherFieldNames() throws {
        let found = try FrontMatterReader.readIdentity(
            Array("---\neip: 1559\nstatus: Final\n---\n".utf8), idField: "eip", statusField: "status"
        ).get()
        #expect(found.id == "1559")
    }

    @Test(arguments: [
        ("---\nstatus: new\n---\n", "id-missing"),
        ("---\nid: FR-1\n---\n", "status-missing"),
        ("---\nid: [FR-1]\nstatus: new\n---\n", "id-missing"),
        ("---\nid: FR-1\nstatus: {a: 1}\n---\n", "status-missing"),
        ("---\nid: \"\"\nstatus: new\n---\n", "id-missing"),
        ("---\nid:\nstatus: new\n---\n", "id-missing"),
        ("---\nid: FR-1\nstatus: new\nx:\n  a: 1\n  a: 2\n---\n", "duplicate-key"),
        ("---\nid: FR-1\nstatus: &s new\n---\n", "yaml-alias"),
        ("id: FR-1\nstatus: new\n", "no-front-matter"),
    ])
    func unreadable(text: String, rule: String) {
        guard case .failure(let problem) = identity(text) else {
            Issue.record("expected \(rule)")
            return
        }
        #expect(problem.rule == rule)
    }

    @Test func nullTextIsAnId() throws {
        // The scalar's text as written counts, whatever its type.
        #expect(try identity("---\nid: ~\nstatus: new\n---\n").get().id == "~")
    }
}
