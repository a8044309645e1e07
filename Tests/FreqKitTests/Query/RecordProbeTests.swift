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
        "owner": .string("Zo\u{EB}"),
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
        let bytes = SharedBytes(try Self.keyWrittenTwice())
        let record = try FactsCodec.readRecord(bytes, body: "", path: "p", config: Self.config)
        let probe = try #require(RecordProbe(encoded: bytes, config: Self.config))
        #expect(probe.row(path: "p", names: FieldNames()) == RequestListRenderer.Row(record))
        #expect(RequestListRenderer.Row(record).customers == 3 && RequestListRenderer.Row(record).totalARR == 16)
        for path in [["requested_by", "arr"], ["requested_by"], ["area"]] {
            #expect(probe.leaves(along: path[...]) == FieldMatch.leaves(of: record.fields, along: path[...]), "\(path)")
        }
    }

    /// `list`'s one walk over a record (`EncodedRecord.listing`) answers as its three
    /// questions asked one after another (status and shape, the filters, the row), for
    /// every front matter above, matches that hold or not (several, nested, in another
    /// normalization), status filters, a key written twice, and every cut of the bytes.
    @Test func listingAnswersAsItsThreeQuestions() throws {
        func composed(_ buffer: UnsafeBufferPointer<UInt8>, _ query: RequestQuery) -> String {
            guard let status = EncodedRecord.status(in: buffer) else { return "damaged" }
            let category = Self.config.category(of: status)
            guard query.mightInclude(status: status, category: category, leaves: { EncodedRecord.leaves(in: buffer, along: $0) })
            else { return "\(status) \(category) left out" }
            let row = EncodedRecord.row(in: buffer, path: "p", status: status, category: category, names: Self.config.fields)
            return row.map { "\(status) \(category) \($0)" } ?? "damaged"
        }
        func listed(_ buffer: UnsafeBufferPointer<UInt8>, _ query: RequestQuery) -> String {
            guard let listed = EncodedRecord.listing(in: buffer, path: "p", plan: .init(query: query, config: Self.config))
            else { return "damaged" }
            return listed.row.map { "\(listed.status) \(listed.category) \($0)" } ?? "\(listed.status) \(listed.category) left out"
        }
        let matchSets: [[String]] = [
            [], ["area=billing"], ["area=export"], ["requested_by.customer=Acme"], ["area=billing", "requested_by.arr=100"],
            ["area=billing", "requested_by.arr=7"], ["tags=deep"], ["cafe\u{301}=composed"], ["missing=x"], ["severity=381"],
            ["requested_by.arr=16", "requested_by.arr=7"], ["meta.owner.name=Ana", "flag=true", "nothing="],
            // Values of every kind, one in another normalization, a mapping (no text).
            ["owner=Zoe\u{308}"], ["owner=Zoe"], ["score=2.5", "off=false"], ["meta=x"], ["requested_by.notes.a=b"],
            // Only in the first of a key written twice: the last counts.
            ["requested_by.arr=5"],
        ]
        var queries: [RequestQuery] = []
        for matches in matchSets {
            for (statuses, categories) in [([], []), (["new"], []), (["triaged"], []), ([], [StatusCategory.open]), ([], [.declined])] {
                var query = RequestQuery(asOf: 0)
                query.matches = try matches.map { try FieldMatch(parsing: $0) }
                query.statuses = statuses
                query.categories = categories
                queries.append(query)
            }
        }
        // Where the one walk asks each question on its own: more matches than it keeps bits
        // for, and a match without a field (not parsed so, but a public value).
        var many = RequestQuery(asOf: 0)
        many.matches = try (0..<64).map { _ in try FieldMatch(parsing: "area=billing") }
        var fieldless = RequestQuery(asOf: 0)
        fieldless.matches = [try FieldMatch(parsing: "area=billing")]
        fieldless.matches[0].path = []
        // The most matches the walk keeps bits for (63), all holding, or the last not.
        var most = RequestQuery(asOf: 0)
        most.matches = try (0..<62).map { _ in try FieldMatch(parsing: "area=billing") } + [try FieldMatch(parsing: "tags=deep")]
        var mostButOne = most
        mostButOne.matches[62] = try FieldMatch(parsing: "area=export")
        queries += [many, fieldless, most, mostButOne]
        var encodings = Self.rowCases.map { fields -> [UInt8] in
            var writer = CacheWriter()
            FactsCodec.writeRecord(RequestRecord(id: "FR-0001", path: "p", status: "new", category: .open, fields: fields), &writer)
            return writer.bytes
        }
        encodings.append(try Self.keyWrittenTwice())
        // An area nested in lists as deep as the decoder allows, and deeper (damage); fields
        // that are not a mapping (never written so: each question on its own).
        for depth in [254, 300] {
            var writer = CacheWriter()
            writer.string("FR-0001")
            writer.string("new")
            writer.byte(7)
            writer.uint32(1)
            writer.string("area")
            for _ in 0..<depth {
                writer.byte(6)
                writer.uint32(1)
            }
            writer.byte(5)
            writer.string("billing")
            writer.uint32(0)
            writer.uint32(0)
            encodings.append(writer.bytes)
        }
        var notAMapping = CacheWriter()
        notAMapping.string("FR-0001")
        notAMapping.string("new")
        notAMapping.byte(6)
        notAMapping.uint32(1)
        notAMapping.byte(5)
        notAMapping.string("billing")
        notAMapping.uint32(0)
        notAMapping.uint32(0)
        encodings.append(notAMapping.bytes)
        var kept = 0
        for (index, bytes) in encodings.enumerated() {
            for (number, query) in queries.enumerated() {
                // Whole, and (for a few queries and the front matters above: each cut is a few
                // hundred) cut short anywhere.
                let cutting = [0, 20, 30, 36, 50, 61].contains(number) && index <= Self.rowCases.count
                let cuts = cutting ? Array((0...bytes.count).reversed()) : [bytes.count]
                for cut in cuts {
                    bytes[..<cut].withUnsafeBufferPointer { buffer in
                        let expected = composed(buffer, query)
                        #expect(listed(buffer, query) == expected, "record \(index), cut at \(cut), \(query.matches)")
                        if cut == bytes.count && !expected.hasSuffix("left out") && expected != "damaged" { kept += 1 }
                    }
                }
            }
        }
        // Both answers occur: the comparison is not of two empty lists.
        #expect(kept > 20 && kept < encodings.count * queries.count)
        // The edge of the bits: all 63 matches hold on the first record, one fails.
        encodings[0].withUnsafeBufferPointer { buffer in
            #expect(listed(buffer, most).contains("Row("))
            #expect(listed(buffer, mostButOne).hasSuffix("left out"))
        }
        // The deepest area is read as the decoder reads it; deeper is damage.
        encodings[encodings.count - 3].withUnsafeBufferPointer { #expect(listed($0, queries[5]).contains("Row(")) }
        encodings[encodings.count - 2].withUnsafeBufferPointer { #expect(listed($0, queries[5]) == "damaged") }
    }

    /// A record whose customers key is written twice, an area between (never written so by
    /// `writeRecord`, which writes a dictionary).
    static func keyWrittenTwice() throws -> [UInt8] {
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
        return writer.bytes
    }

    /// The bytes `writeRecord` puts after the fields: the key order and the scalar texts.
    static func trailerSize(of record: RequestRecord) -> Int {
        4 + record.keyOrder.reduce(0) { $0 + 4 + $1.utf8.count }
            + 4 + record.scalarTexts.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.utf8.count }
    }
}
