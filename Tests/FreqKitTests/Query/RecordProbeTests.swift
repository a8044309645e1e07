@testable import FreqKit
import FreqTestSupport
import Testing

/// A probe reads the working-tree cache's encoded record in place: it must say what the
/// decoded record's fields say, for every kind of value on the way.
@Suite("record probe")
struct RecordProbeTests {
    static let config: RegistryConfig = {
        do {
            return try RegistryConfig.parse(RegistryFixture.config, displayPath: "registry.yml", schemaBase: "")
        } catch {
            fatalError("the fixture configuration must parse: \(error)")
        }
    }()

    /// Keys in both Unicode normalizations (`é` composed in one, decomposed in the other),
    /// lists of mappings, nested lists, every scalar kind.
    static let fields: JSONValue = .object([
        "id": .string("FR-0001"),
        "status": .string("new"),
        "area": .string("billing"),
        "severity": .integer(381),
        "score": .double(2.5),
        "flag": .bool(true),
        "off": .bool(false),
        "nothing": .null,
        "caf\u{E9}": .string("composed"),
        "tags": .array([.string("export"), .integer(7), .array([.string("deep"), .null])]),
        "requested_by": .array([
            .object(["customer": .string("Acme"), "arr": .integer(100), "segment": .string("smb")]),
            .string("bare name"),
            .object(["customer": .string("Globex"), "notes": .object(["a": .string("b")])]),
        ]),
        "meta": .object(["owner": .object(["name": .string("Ana")]), "list": .array([])]),
    ])

    static let paths: [[String]] = [
        ["area"], ["severity"], ["score"], ["flag"], ["off"], ["nothing"], ["tags"], ["requested_by", "customer"],
        ["requested_by", "arr"], ["requested_by", "notes"], ["requested_by", "notes", "a"], ["meta"], ["meta", "owner", "name"],
        ["meta", "list"], ["area", "deeper"], ["missing"], ["cafe\u{301}"], ["caf\u{E9}"], ["id"], ["status"],
    ]

    static func probe() throws -> RecordProbe {
        let record = RequestRecord(id: "FR-0001", path: "requests/FR-0001.md", status: "new", category: .open, fields: fields)
        var writer = CacheWriter()
        FactsCodec.writeRecord(record, &writer)
        return try #require(RecordProbe(encoded: SharedBytes(writer.bytes), config: config))
    }

    @Test(arguments: paths)
    func leavesAreTheDecodedFieldsLeaves(path: [String]) throws {
        let probe = try Self.probe()
        #expect(probe.leaves(along: path[...]) == FieldMatch.leaves(of: Self.fields, along: path[...]))
        #expect(RecordProbe(RequestRecord(id: "x", path: "x", status: "new", category: .open, fields: Self.fields))
            .leaves(along: path[...]) == FieldMatch.leaves(of: Self.fields, along: path[...]))
    }

    @Test func fieldsAndStatusAreRead() throws {
        let probe = try Self.probe()
        #expect(probe.status == "new")
        #expect(probe.category == Self.config.category(of: "new"))
        #expect(Set(probe.fieldNames) == Set(Self.fields.objectValue?.keys.map { $0 } ?? []))
        #expect(probe.hasField("requested_by") && probe.hasField("cafe\u{301}") && !probe.hasField("nope"))
        // Numbers read as their text: `severity=381` matches as it does on the record.
        #expect(probe.leaves(along: ["severity"]) == ["381"])
    }

    /// Damage gives no probe (never a field read as missing), and never a crash or a read
    /// past the end; a record nested deeper than the decoder allows is damage too.
    @Test func damagedBytesGiveNoProbe() throws {
        let record = RequestRecord(id: "FR-0001", path: "p", status: "new", category: .open, fields: Self.fields)
        var writer = CacheWriter()
        FactsCodec.writeRecord(record, &writer)
        let bytes = writer.bytes
        let whole = try #require(RecordProbe(encoded: SharedBytes(bytes), config: Self.config))
        #expect(whole.leaves(along: ["area"]) == ["billing"])
        #expect(RecordProbe(encoded: SharedBytes([]), config: Self.config) == nil)
        // Cut anywhere inside the fields: no probe. (The key order and scalar texts after
        // the fields are the decoder's to check.)
        let fieldsEnd = bytes.count - Self.trailerSize(of: record)
        for cut in 0..<fieldsEnd {
            #expect(RecordProbe(encoded: SharedBytes(bytes[..<cut]), config: Self.config) == nil, "cut at \(cut)")
        }
        func nested(_ depth: Int) -> [UInt8] {
            var bytes = [UInt8]()
            for _ in 0..<2 { bytes += [1, 0, 0, 0, 0x41] }  // the id and the status, "A"
            for _ in 0..<depth { bytes += [6, 1, 0, 0, 0] }  // a list of one item, `depth` deep
            return bytes + [0]  // null at the bottom
        }
        #expect(RecordProbe(encoded: SharedBytes(nested(200)), config: Self.config)?.leaves(along: []) == [""])
        #expect(RecordProbe(encoded: SharedBytes(nested(300)), config: Self.config) == nil)
    }

    /// Front matters whose table rows take every branch of `RequestRecord`'s summary:
    /// whole and fractional ARR, saturation both ways, bare names, a customers field that
    /// is not a list, titles that are numbers, lists or null, a key in another
    /// normalization.
    static let rowCases: [JSONValue] = [
        fields,
        .object([
            "title": .integer(7), "area": .array([.string("billing")]), "created": .string("2026-02-03T10:00:00Z"),
            "requested_by": .array([
                .object(["customer": .string("A"), "arr": .double(1500)]), .object(["customer": .string("B"), "arr": .double(2.5)]),
                .object(["customer": .string("C"), "arr": .double(1e19)]), .object(["customer": .string("D"), "arr": .string("900")]),
                .array([.string("nested")]), .null,
            ]),
        ]),
        .object([
            "title": .null, "requested_by": .array([
                .object(["arr": .integer(Int.max)]), .object(["arr": .integer(1)]), .object(["arr": .integer(-5)]),
            ]),
        ]),
        .object(["title": .array([]), "requested_by": .array([.object(["arr": .integer(Int.min)]), .object(["arr": .integer(-1)])])]),
        .object(["title": .string("Export"), "requested_by": .string("Acme"), "created": .string("2026-02-30")]),
        .object(["ti\u{302}tle": .string("NFD key"), "area": .object(["a": .string("b")]), "requested_by": .object(["arr": .integer(3)])]),
        .object([:]),
    ]

    /// A row read from the encoded record in place is the decoded record's row.
    @Test(arguments: rowCases.indices)
    func rowIsTheDecodedRecordsRow(index: Int) throws {
        var names = FieldNames()
        if index == 5 { names.title = "t\u{EE}tle" }
        let record = RequestRecord(
            id: "FR-0001", path: "requests/FR-0001.md", status: "new", category: .open, fields: Self.rowCases[index], names: names)
        var writer = CacheWriter()
        FactsCodec.writeRecord(record, &writer)
        let probe = try #require(RecordProbe(encoded: SharedBytes(writer.bytes), config: Self.config))
        let row = try #require(probe.row(path: record.path, names: names))
        #expect(row == RequestListRenderer.Row(record))
        #expect(RecordProbe(record).row(path: record.path, names: names) == RequestListRenderer.Row(record))
        // Damage after the fields (the key order, the scalar texts): no row, never a wrong one.
        let trailer = Self.trailerSize(of: record)
        for cut in (writer.bytes.count - trailer)..<writer.bytes.count {
            #expect(RecordProbe(encoded: SharedBytes(writer.bytes[..<cut]), config: Self.config)?.row(path: record.path, names: names) == nil)
        }
    }

    /// A key written twice (never by `writeRecord`, which writes a dictionary): the probe
    /// reads the last one, as the decoded dictionary holds it.
    @Test func aKeyWrittenTwiceCountsOnce() throws {
        var writer = CacheWriter()
        writer.string("FR-0001")
        writer.string("new")
        func customer(_ arrs: [JSONValue]) {
            writer.byte(7)
            writer.uint32(arrs.count)
            for arr in arrs {
                writer.string("arr")
                switch arr {
                case .integer(let number): writer.byte(3); writer.int64(Int64(number))
                case .double(let number): writer.byte(4); writer.int64(Int64(bitPattern: number.bitPattern))
                default: writer.byte(0)
                }
            }
        }
        writer.byte(7)
        writer.uint32(3)
        writer.string("requested_by")
        writer.byte(6)
        writer.uint32(1)
        customer([.integer(5)])
        writer.string("area")
        writer.byte(5)
        writer.string("billing")
        writer.string("requested_by")
        writer.byte(6)
        writer.uint32(3)
        customer([.integer(7)])
        customer([.integer(1), .double(2.5)])
        customer([.double(2.5), .integer(4), .null, .integer(9)])
        writer.uint32(0)  // no key order
        writer.uint32(0)  // no scalar texts
        let bytes = SharedBytes(writer.bytes)
        let record = try FactsCodec.readRecord(bytes, body: "", path: "p", config: Self.config)
        let probe = try #require(RecordProbe(encoded: bytes, config: Self.config))
        #expect(probe.row(path: "p", names: FieldNames()) == RequestListRenderer.Row(record))
        #expect(RequestListRenderer.Row(record).customers == 3 && RequestListRenderer.Row(record).totalARR == 16)
        for path in [["requested_by", "arr"], ["requested_by"], ["area"]] {
            #expect(probe.leaves(along: path[...]) == FieldMatch.leaves(of: record.fields, along: path[...]), "\(path)")
        }
    }

    /// The bytes `writeRecord` puts after the fields: the key order and the scalar texts.
    static func trailerSize(of record: RequestRecord) -> Int {
        4 + record.keyOrder.reduce(0) { $0 + 4 + $1.utf8.count }
            + 4 + record.scalarTexts.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.utf8.count }
    }
}
