import Foundation
import FreqKit
import FreqTestSupport
import Testing

/// Whole-file comparisons: every byte outside the edit must survive.
@Suite("FrontMatterEditor")
struct FrontMatterEditorTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
    let acme: [(key: String, value: JSONValue)] = [("customer", .string("Acme Corp")), ("arr", .integer(1200)), ("date", .string("2026-11-02"))]

    @Test func statusChangeKeepsCommentsOrderAndBody() throws {
        let before = """
            ---
            # the registry's oldest request
            title: Export invoices   # customer's words
            id: FR-0001
            status: new        # triage me
            tags: [a, b]
            ---

            Body with status: new in it.

            """
        let after = try FrontMatterEditor.setScalar(Array(before.utf8), field: "status", to: "triaged")
        #expect(text(after) == before.replacingOccurrences(of: "status: new        #", with: "status: triaged        #"))
    }

    @Test(arguments: [
        ("status: \"new\" # q\n", "status: \"in-progress\" # q\n"),
        ("status: 'new'\n", "status: 'in-progress'\n"),
        ("status:    new\n", "status:    in-progress\n"),
        ("status:\n", "status: in-progress\n"),
    ])
    func statusKeepsItsQuotingStyle(_ line: String, _ expected: String) throws {
        let before = "---\nid: FR-0001\n\(line)title: T\n---\nbody\n"
        let after = try FrontMatterEditor.setScalar(Array(before.utf8), field: "status", to: "in-progress")
        #expect(text(after) == "---\nid: FR-0001\n\(expected)title: T\n---\nbody\n")
    }

    @Test func valuesThatWouldChangeTypeAreQuoted() throws {
        let before = "---\nid: FR-0001\nstatus: new\n---\n"
        #expect(text(try FrontMatterEditor.setScalar(Array(before.utf8), field: "status", to: "true")) == "---\nid: FR-0001\nstatus: \"true\"\n---\n")
        #expect(YAMLText.scalar("Export: CSV") == "\"Export: CSV\"")
        #expect(YAMLText.scalar("0381") == "\"0381\"")
        // What a YAML 1.1 reader (PyYAML, Ruby) would retype is quoted too; a day stays
        // plain only in a date field.
        for retyped in ["NO", "no", "on", "Off", "y", "2026-11-02", "2026-1-2T10:00", "1_000", "1:20", "0b101", "+12.5"] {
            #expect(YAMLText.scalar(retyped) == "\"\(retyped)\"", "\(retyped)")
        }
        #expect(YAMLText.scalar("2026-11-02", plainDay: true) == "2026-11-02")
        for plain in ["Acme Corp", "Nokia", "Ontario", "2026 plans", "v1.2"] {
            #expect(YAMLText.scalar(plain) == plain, "\(plain)")
        }
    }

    @Test func crlfAndBOMSurviveAnAppend() throws {
        let before = "\u{FEFF}---\r\nid: FR-0001\r\nstatus: new\r\nrequested_by:\r\n  - customer: Initech\r\n    arr: 5\r\ntags: []\r\n---\r\n\r\nBody\r\n"
        let after = try FrontMatterEditor.appendItem(Array(before.utf8), toList: "requested_by", item: acme)
        let expected = "\u{FEFF}---\r\nid: FR-0001\r\nstatus: new\r\nrequested_by:\r\n  - customer: Initech\r\n    arr: 5\r\n"
            + "  - customer: Acme Corp\r\n    arr: 1200\r\n    date: 2026-11-02\r\ntags: []\r\n---\r\n\r\nBody\r\n"
        #expect(text(after) == expected)
        #expect(Array(after.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let moved = try FrontMatterEditor.setScalar(Array(before.utf8), field: "status", to: "planned")
        #expect(text(moved) == before.replacingOccurrences(of: "status: new", with: "status: planned"))
    }

    @Test(arguments: [
        // Indentless entries, as many editors write them.
        ("requested_by:\n- customer: Initech\n  arr: 5\n", "- customer: Acme Corp\n  arr: 1200\n  date: 2026-11-02\n"),
        // Deep indentation and extra space after the dash.
        ("requested_by:\n    -   customer: Initech\n        arr: 5\n", "    -   customer: Acme Corp\n        arr: 1200\n        date: 2026-11-02\n"),
        // A comment inside the list stays with the entry; a trailing blank line stays after.
        ("requested_by:\n  - customer: Initech\n    # called twice\n    arr: 5\n\n", "  - customer: Acme Corp\n    arr: 1200\n    date: 2026-11-02\n"),
    ])
    func newEntryFollowsTheIndentationOfTheExistingOnes(_ list: String, _ added: String) throws {
        let before = "---\nid: FR-0001\nstatus: new\n\(list)tags: [x]\n---\nbody\n"
        let after = try FrontMatterEditor.appendItem(Array(before.utf8), toList: "requested_by", item: acme)
        let trimmed = list.hasSuffix("\n\n") ? String(list.dropLast()) : list
        let blank = list.hasSuffix("\n\n") ? "\n" : ""
        #expect(text(after) == "---\nid: FR-0001\nstatus: new\n\(trimmed)\(added)\(blank)tags: [x]\n---\nbody\n")
    }

    @Test func emptyFlowListIsRewrittenKeepingItsComment() throws {
        let before = "---\nid: FR-0001\nrequested_by: []   # nobody yet\nstatus: new\n---\n"
        let after = try FrontMatterEditor.appendItem(Array(before.utf8), toList: "requested_by", item: acme)
        #expect(text(after) == "---\nid: FR-0001\nrequested_by:   # nobody yet\n  - customer: Acme Corp\n    arr: 1200\n    date: 2026-11-02\nstatus: new\n---\n")
    }

    @Test func nonEmptyFlowListGetsAFlowEntry() throws {
        let before = "---\nid: FR-0001\nrequested_by: [{customer: Initech}]\nstatus: new\n---\n"
        let after = try FrontMatterEditor.appendItem(Array(before.utf8), toList: "requested_by", item: acme)
        #expect(text(after) == "---\nid: FR-0001\nrequested_by: [{customer: Initech}, {customer: Acme Corp, arr: 1200, date: 2026-11-02}]\nstatus: new\n---\n")
    }

    @Test func emptyOrMissingListGetsABlockList() throws {
        let empty = "---\nid: FR-0001\nrequested_by: ~\nstatus: new\n---\n"
        #expect(text(try FrontMatterEditor.appendItem(Array(empty.utf8), toList: "requested_by", item: acme))
            == "---\nid: FR-0001\nrequested_by:\n  - customer: Acme Corp\n    arr: 1200\n    date: 2026-11-02\nstatus: new\n---\n")
        let missing = "---\nid: FR-0001\nstatus: new\n---\nbody\n"
        #expect(text(try FrontMatterEditor.appendItem(Array(missing.utf8), toList: "requested_by", item: acme))
            == "---\nid: FR-0001\nstatus: new\nrequested_by:\n  - customer: Acme Corp\n    arr: 1200\n    date: 2026-11-02\n---\nbody\n")
    }

    @Test func duplicateOfIsAddedAfterTheStatusAndRemovedAgain() throws {
        let before = "---\nid: FR-0002\nstatus: new # s\ntitle: T\n---\n"
        let added = try FrontMatterEditor.setScalar(Array(before.utf8), field: "duplicate_of", to: "FR-0001", insertingAfter: "status")
        #expect(text(added) == "---\nid: FR-0002\nstatus: new # s\nduplicate_of: FR-0001\ntitle: T\n---\n")
        #expect(try FrontMatterEditor.removeField(added, field: "duplicate_of") == Array(before.utf8))
        let list = "---\nid: FR-0002\nrequested_by:\n- customer: A\n  arr: 1\nstatus: new\n---\n"
        #expect(text(try FrontMatterEditor.removeField(Array(list.utf8), field: "requested_by")) == "---\nid: FR-0002\nstatus: new\n---\n")
    }

    @Test(arguments: [
        "---\nid: FR-0001\nstatus: >\n  new\n---\n",
        "---\nid: FR-0001\nstatus: \"new\n  old\"\n---\n",
        "---\nid: FR-0001\nstatus: new\n---\n",
    ])
    func shapesThatCannotBeEditedSafelyAreRefused(_ source: String) throws {
        if source.contains(">") || source.contains("old") {
            #expect(throws: FrontMatterEditError.self) {
                try FrontMatterEditor.setScalar(Array(source.utf8), field: "status", to: "triaged")
            }
        } else {
            // A list can only grow where there is a list.
            let scalar = source.replacingOccurrences(of: "status: new", with: "status: new\nrequested_by: Acme")
            #expect(throws: FrontMatterEditError.self) {
                try FrontMatterEditor.appendItem(Array(scalar.utf8), toList: "requested_by", item: [("customer", .string("B"))])
            }
        }
    }

    @Test func newFileReadsBackAsWritten() throws {
        let bytes = try FrontMatterEditor.newFile(
            fields: [
                ("id", .value(.string("FR-0012"))), ("title", .value(.string("Export: CSV #1"))), ("severity", .value(.integer(2))),
                ("requested_by", .items([[("customer", .string("Acme")), ("arr", .integer(5))]])),
            ], body: "\nBody\n")
        #expect(text(bytes) == "---\nid: FR-0012\ntitle: \"Export: CSV #1\"\nseverity: 2\nrequested_by:\n  - customer: Acme\n    arr: 5\n---\n\nBody\n")
    }

    @Test(arguments: [
        ("Export invoices as CSV", "export-invoices-as-csv"),
        ("Crème brûlée für Straße", "creme-brulee-fur-strasse"),
        ("../../etc/passwd", "etc-passwd"),
        ("日本語のタイトル", "request"),
        ("..", "request"),
        (String(repeating: "word ", count: 30), String(repeating: "word-", count: 11) + "word"),
        (String(repeating: "x", count: 100), String(repeating: "x", count: 60)),
    ])
    func slugs(_ title: String, _ expected: String) {
        let slug = RequestScaffold.slug(title)
        #expect(slug == expected)
        #expect(slug.count <= 60 && !slug.contains(".") && !slug.contains("/"))
    }

    @Test func nextIDs() {
        #expect(RequestScaffold.nextID(after: ["FR-0001", "FR-0011", "FR-0002"], pattern: "^FR-[0-9]{4,}$") == "FR-0012")
        #expect(RequestScaffold.nextID(after: ["FR-9999"], pattern: "^FR-[0-9]{4,}$") == "FR-10000")
        #expect(RequestScaffold.nextID(after: [], pattern: "^REQ-[0-9]{3,}$") == "REQ-001")
        #expect(RequestScaffold.nextID(after: ["eip-1", "eip-1559"], pattern: nil) == "eip-1560")
        #expect(RequestScaffold.nextID(after: [], pattern: "^FR-[0-9]{4}$") == "FR-0001")
        // Shapes taking turns: each counted whole (the most ids wins, ties to the first
        // prefix), the highest number and the fewest digits across all its ids.
        #expect(RequestScaffold.nextID(after: ["X-0005", "Y-1", "X-0007", "Y-2", "Y-3"], pattern: nil) == "Y-4")
        #expect(RequestScaffold.nextID(after: ["B-7", "A-1", "B-8", "A-2", "A-10", "B-9"], pattern: nil) == "A-11")
        #expect(RequestScaffold.nextID(after: ["FR-0009", "X-1", "FR-12", "FR-0003"], pattern: nil) == "FR-13")
        // A candidate that breaks the pattern is no answer.
        #expect(RequestScaffold.nextID(after: ["FR-9999"], pattern: "^FR-[0-9]{4}$") == nil)
        #expect(RequestScaffold.fileName(template: "{id}-*.md", id: "FR-0012", slug: "export") == "FR-0012-export.md")
        // Several lists (the working tree's, each branch's), an id in more than one: as
        // their union without repeats, whether one shape or several.
        var generator = SeededGenerator(seed: 15)
        for round in 0..<300 {
            let prefixes = round % 2 == 0 ? ["FR-"] : ["FR-", "X-", "fr-"]
            var lists = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    let number = Int.random(in: 1...30, using: &generator)
                    let prefix = prefixes.randomElement(using: &generator) ?? "FR-"
                    return prefix + (Bool.random(using: &generator) ? String(format: "%04d", number) : String(number))
                }
            }
            // A branch with the same ids as the list before it.
            if let last = lists.last, Bool.random(using: &generator) { lists.append(last) }
            for pattern in [nil, "^FR-[0-9]{4,}$"] {
                #expect(
                    RequestScaffold.nextID(afterAll: lists, pattern: pattern)
                        == RequestScaffold.nextID(after: Array(Set(lists.joined())), pattern: pattern), "\(lists) \(pattern ?? "")")
            }
        }
        #expect(RequestScaffold.fileName(template: "{id}-*.md", id: "../x", slug: "s") == nil)
    }
}
