/// What the working-tree cache keeps about one version of a request file: everything the
/// commands take from it that parsing the file would give again, each part computed only
/// when a command needed it.
struct FileFacts: Sendable {
    enum Reading: Sendable {
        case request(RequestFacts)
        /// Boxed: rare, and its four fields would make every file's facts (10,000 moved
        /// and copied by each run) that much larger.
        indirect case unreadable(FrontMatterProblem)
    }

    /// A readable front matter: what `new`, the id resolution and the rules across files
    /// need (`RegistryIDIndex.Entry` without the path, and the title). A class: a run
    /// looks at 10,000 of them, and a reference is one retain where a value's five strings
    /// and list are six.
    final class RequestFacts: Sendable {
        let id: String?
        let status: String?
        /// The other facts (`Details`), encoded as the cache stores them, at
        /// `detailsRange` of `encoded` (a loaded cache's whole index, shared): most runs
        /// never look at them, and decoding 10,000 titles and customer lists was a third of
        /// loading the cache.
        private let encoded: [UInt8]
        private let detailsRange: Range<Int>

        struct Details {
            /// The title field when it is a string (what `new` compares titles with).
            var title: String?
            var idLocation: SourceLocation?
            var duplicateOf: String?
            var duplicateOfLocation: SourceLocation?
            /// The customers' names as written (`CustomerList.names`), for the spellings
            /// `new` and `plus-one` compare a customer with.
            var customers: [String] = []
        }

        init(id: String?, status: String?, details: Details) {
            var writer = CacheWriter()
            FactsCodec.writeDetails(details, &writer)
            self.id = id
            self.status = status
            encoded = writer.bytes
            detailsRange = 0..<writer.bytes.count
        }

        /// `range` of `encoded` holds details whose layout `FactsCodec.readDetails` checked.
        init(id: String?, status: String?, encoded: [UInt8], detailsRange range: Range<Int>) {
            self.id = id
            self.status = status
            self.encoded = encoded
            detailsRange = range
        }

        /// Decoded at each call, the title and the customers only when asked for: take it
        /// once for several fields.
        func details(title: Bool = true, customers: Bool = true) -> Details {
            var reader = CacheReader(bytes: encoded, at: detailsRange.lowerBound, end: detailsRange.upperBound)
            // Cannot fail: the layout was checked when the facts were loaded or encoded.
            return (try? FactsCodec.readDetails(&reader, title: title, customers: customers)) ?? Details()
        }

        /// With an id and a status, a request has a record (`RequestRecord`); without, the
        /// query commands skip it.
        var holdsRecord: Bool { id != nil && status != nil }

        var encodedDetails: ArraySlice<UInt8> { encoded[detailsRange] }

        /// The request's entry in the id index (`WorkingRegistry.idIndex`), at `path`.
        func idIndexEntry(path: String) -> RegistryIDIndex.Entry {
            let details = details(title: false, customers: false)
            return RegistryIDIndex.Entry(
                path: path, id: id, idLocation: details.idLocation, duplicateOf: details.duplicateOf,
                duplicateOfLocation: details.duplicateOfLocation)
        }
        var title: String? { details(customers: false).title }

        /// `body` applied to the title's UTF-8 bytes where the details hold them; not
        /// called when there is no string title.
        func withTitle(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var reader = CacheReader(bytes: encoded, at: detailsRange.lowerBound, end: detailsRange.upperBound)
            // Cannot fail: the layout was checked when the facts were loaded or encoded.
            guard (try? reader.flag()) == true, let range = try? reader.stringRange() else { return }
            encoded.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        var customers: [String] { details(title: false).customers }

        /// Each customer name's bytes, read in place (no string made): `plus-one` and
        /// `new` look for other spellings of one name among every request's customers.
        func forEachCustomer(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var reader = CacheReader(bytes: encoded, at: detailsRange.lowerBound, end: detailsRange.upperBound)
            // Cannot fail: the layout was checked when the facts were loaded or encoded.
            guard (try? FactsCodec.skipToCustomers(&reader)) != nil, let count = try? reader.count() else { return }
            encoded.withUnsafeBufferPointer { buffer in
                for _ in 0..<count {
                    guard let range = try? reader.stringRange() else { return }
                    body(UnsafeBufferPointer(rebasing: buffer[range]))
                }
            }
        }
        /// Read alone: the rules across files look at it in every file.
        var duplicateOf: String? {
            var reader = CacheReader(bytes: encoded, at: detailsRange.lowerBound, end: detailsRange.upperBound)
            // Cannot fail: the layout was checked when the facts were loaded or encoded.
            return try? FactsCodec.readDuplicateOf(&reader)
        }
    }

    var reading: Reading
    /// The request rules' and the schema's findings (`RegistryValidator.check`), encoded;
    /// nil when not computed yet. Always nil for an unreadable file (its problem is its
    /// finding).
    var findings: ArraySlice<UInt8>?
    /// The `RequestRecord` without its body, encoded; nil when not computed (or not loaded)
    /// yet, or when the request has no id or status (it has no record).
    var record: SharedBytes?
    /// The record's body, UTF-8; nil when `record` is, or when not loaded.
    var body: SharedBytes?
    /// The record and findings as computed by this run (not stored): a cold run hands them
    /// on instead of decoding what it just encoded. Boxed, as `Reading` is.
    private var computed: Computed?

    private final class Computed: Sendable {
        let record: RequestRecord?
        let findings: [Diagnostic]?
        init(record: RequestRecord?, findings: [Diagnostic]?) {
            self.record = record
            self.findings = findings
        }
    }

    /// Whether two readings of a file give the same entry of the id index, all the rules
    /// across files read (both unreadable, or the same id, duplicate target and places).
    static func sameIDIndexEntry(_ old: FileFacts, _ new: FileFacts) -> Bool {
        switch (old.reading, new.reading) {
        case (.unreadable, .unreadable): return true
        case (.request(let before), .request(let after)):
            // One path for both: the file is the same, only what it holds is compared.
            return before.idIndexEntry(path: "") == after.idIndexEntry(path: "")
        default: return false
        }
    }

    var computedRecord: RequestRecord? { computed?.record }
    var computedFindings: [Diagnostic]? { computed?.findings }

    /// Where the encoded record's bytes are (nil when there is none), for a caller that
    /// keeps these facts alive while it reads them (`WorkingRegistry.mapFiles`). Not a
    /// method taking a closure: calling one on facts read through a pointer copied them
    /// first (the closure might have changed them), counting references to the one mapping
    /// of 10,000 records from both cores at once: a third of a warm `freq list`.
    var encodedRecordBytes: UnsafeBufferPointer<UInt8>? { record?.unsafeBytes }

    /// What the file's front matter gives; the parts `needs` asks for computed.
    init(_ result: Result<Request, UnreadableFile>, needs: WorkingRegistry.Needs, context: borrowing RuleContext) {
        switch result {
        case .failure(let file):
            reading = .unreadable(file.problem)
        case .success(let request):
            let entry = RegistryIDIndex.entry(of: request, config: context.config)
            reading = .request(RequestFacts(
                id: request.id, status: request.status,
                details: RequestFacts.Details(
                    title: request.document.value[context.config.fields.title]?.stringValue,
                    idLocation: entry.idLocation, duplicateOf: entry.duplicateOf, duplicateOfLocation: entry.duplicateOfLocation,
                    customers: CustomerList(context.config.fields).names(in: request.document.value[context.config.fields.customers]))))
            var computedFindings: [Diagnostic]?
            if needs.contains(.findings) {
                let found = RegistryValidator.check(request, context).findings
                var writer = CacheWriter()
                FactsCodec.writeFindings(found, &writer)
                findings = writer.bytes[...]
                computedFindings = found
            }
            var computedRecord: RequestRecord?
            if needs.contains(.records), let record = RequestRecord(request, config: context.config) {
                var writer = CacheWriter()
                FactsCodec.writeRecord(record, &writer)
                self.record = SharedBytes(writer.bytes)
                body = SharedBytes(Array(record.body.utf8))
                computedRecord = record
            }
            if computedRecord != nil || computedFindings != nil {
                computed = Computed(record: computedRecord, findings: computedFindings)
            }
        }
    }

    init(reading: Reading, findings: ArraySlice<UInt8>?) {
        self.reading = reading
        self.findings = findings
    }

    var requestFacts: RequestFacts? {
        if case .request(let facts) = reading { return facts }
        return nil
    }

    /// Whether the facts hold everything `needs` asks for.
    func covers(_ needs: WorkingRegistry.Needs) -> Bool {
        guard let facts = requestFacts else { return true }
        if needs.contains(.findings) && findings == nil { return false }
        // No id or status: no record, and none is missing.
        guard facts.holdsRecord else { return true }
        if needs.contains(.records) && record == nil { return false }
        if needs.contains(.bodies) && body == nil { return false }
        return true
    }
}

/// The byte layout of `FileFacts` (see docs/cache.md).
enum FactsCodec {
    static func write(_ facts: FileFacts, _ writer: inout CacheWriter) {
        switch facts.reading {
        case .unreadable(let problem):
            writer.byte(0)
            writer.string(problem.rule)
            writer.string(problem.message)
            location(problem.location, &writer)
            writer.optional(problem.hint)
        case .request(let request):
            writer.byte(1)
            writer.optional(request.id)
            writer.optional(request.status)
            writer.bytes.append(contentsOf: request.encodedDetails)
        }
        if let findings = facts.findings {
            writer.byte(1)
            writer.uint32(findings.count)
            writer.bytes.append(contentsOf: findings)
        } else {
            writer.byte(0)
        }
    }

    static func read(_ reader: inout CacheReader) throws -> FileFacts {
        let reading: FileFacts.Reading
        switch try reader.byte() {
        case 0:
            reading = .unreadable(FrontMatterProblem(
                rule: try reader.string(), message: try reader.string(), location: try location(&reader),
                hint: try reader.optional()))
        case 1:
            let id = try reader.optional()
            let status = try reader.optional()
            let start = reader.at
            try skipDetails(&reader)
            reading = .request(FileFacts.RequestFacts(id: id, status: status, encoded: reader.bytes, detailsRange: start..<reader.at))
        default: throw CacheReader.Malformed()
        }
        // A slice of the loaded index: decoded only when a command asks.
        let findings = try reader.flag() ? reader.bytes[try reader.stringRange()] : nil
        return FileFacts(reading: reading, findings: findings)
    }

    /// A request's facts besides id and status: title `opt`, id location, `duplicate_of`
    /// `opt`, its location, customers (`u32` count of `str`).
    static func writeDetails(_ details: FileFacts.RequestFacts.Details, _ writer: inout CacheWriter) {
        writer.optional(details.title)
        location(details.idLocation, &writer)
        writer.optional(details.duplicateOf)
        location(details.duplicateOfLocation, &writer)
        writer.uint32(details.customers.count)
        for name in details.customers { writer.string(name) }
    }

    /// The details `writeDetails` wrote; the title and the customers skipped unless
    /// asked for (reading with both skipped checks the layout: `read` does it on loading).
    static func readDetails(_ reader: inout CacheReader, title: Bool = true, customers: Bool = true) throws
        -> FileFacts.RequestFacts.Details
    {
        var details = FileFacts.RequestFacts.Details()
        if title { details.title = try reader.optional() } else { try reader.skipOptional() }
        details.idLocation = try location(&reader)
        details.duplicateOf = try reader.optional()
        details.duplicateOfLocation = try location(&reader)
        if customers {
            details.customers = try strings(&reader)
        } else {
            for _ in 0..<(try reader.count()) { try reader.skipString() }
        }
        return details
    }

    /// Past the details, their layout checked (what `readDetails` would read), nothing
    /// decoded: loading checks every entry's.
    static func skipDetails(_ reader: inout CacheReader) throws {
        try skipToCustomers(&reader)
        for _ in 0..<(try reader.count()) { try reader.skipString() }
    }

    /// Past a location, checked as `location(_:)` reads it.
    private static func skipLocation(_ reader: inout CacheReader) throws {
        guard try reader.flag() else { return }
        // Within `Int` on every platform freq runs on (64-bit): two `i64`s.
        guard reader.at + 16 <= reader.end else { throw CacheReader.Malformed() }
        reader.at += 16
    }

    /// The details' `duplicate_of` alone (`readDetails`'s layout).
    static func readDuplicateOf(_ reader: inout CacheReader) throws -> String? {
        try reader.skipOptional()
        _ = try location(&reader)
        return try reader.optional()
    }

    /// Past the details before the customers (`readDetails`'s layout).
    static func skipToCustomers(_ reader: inout CacheReader) throws {
        try reader.skipOptional()
        try skipLocation(&reader)
        try reader.skipOptional()
        try skipLocation(&reader)
    }

    private static func strings(_ reader: inout CacheReader) throws -> [String] {
        var strings: [String] = []
        for _ in 0..<(try reader.count()) { strings.append(try reader.string()) }
        return strings
    }

    /// One file's findings; with `paths`, each finding's path first (the findings of the
    /// rules across files, which name several files).
    static func writeFindings(_ findings: [Diagnostic], _ writer: inout CacheWriter, paths: Bool = false) {
        writer.uint32(findings.count)
        for finding in findings {
            if paths { writer.string(finding.path) }
            location(finding.location, &writer)
            writer.byte(finding.severity == .error ? 0 : finding.severity == .warning ? 1 : 2)
            writer.string(finding.rule)
            writer.string(finding.message)
            writer.optional(finding.hint)
            if let field = finding.field {
                writer.byte(1)
                instancePath(field, &writer)
            } else {
                writer.byte(0)
            }
        }
    }

    /// The findings `writeFindings` wrote: all about `path`, or (nil) each with its own.
    static func readFindings(_ slice: ArraySlice<UInt8>, path: String?) throws -> [Diagnostic] {
        let bytes = Array(slice)
        var reader = CacheReader(bytes: bytes, at: 0, end: bytes.count)
        let count = try reader.count()
        var findings: [Diagnostic] = []
        for _ in 0..<count {
            let path = try path ?? reader.string()
            let at = try location(&reader)
            let severity: Severity
            switch try reader.byte() {
            case 0: severity = .error
            case 1: severity = .warning
            case 2: severity = .off
            default: throw CacheReader.Malformed()
            }
            findings.append(Diagnostic(
                path: path, location: at, severity: severity, rule: try reader.string(), message: try reader.string(),
                hint: try reader.optional(), field: try reader.flag() ? try instancePath(&reader) : nil))
        }
        guard reader.at == reader.end else { throw CacheReader.Malformed() }
        return findings
    }

    static func writeRecord(_ record: RequestRecord, _ writer: inout CacheWriter) {
        writer.string(record.id)
        writer.string(record.status)
        value(record.fields, &writer)
        writer.uint32(record.keyOrder.count)
        for key in record.keyOrder { writer.string(key) }
        let texts = record.scalarTexts.sorted { $0.key.precedesInByteOrder($1.key) }
        writer.uint32(texts.count)
        for (key, text) in texts {
            writer.string(key)
            writer.string(text)
        }
    }

    /// The record `writeRecord` wrote, with `body` (not part of it: bodies are stored apart).
    static func readRecord(_ stored: SharedBytes, body: String, path: String, config: RegistryConfig) throws -> RequestRecord {
        let bytes = stored.withUnsafeBufferPointer { Array($0) }
        var reader = CacheReader(bytes: bytes, at: 0, end: bytes.count)
        let id = try reader.string()
        let status = try reader.string()
        let fields = try value(&reader, depth: 0)
        var keyOrder: [String] = []
        for _ in 0..<(try reader.count()) { keyOrder.append(try reader.string()) }
        var texts: [String: String] = [:]
        for _ in 0..<(try reader.count()) { texts[try reader.string()] = try reader.string() }
        guard reader.at == reader.end else { throw CacheReader.Malformed() }
        return RequestRecord(
            id: id, path: path, status: status, fields: fields, body: body, keyOrder: keyOrder, scalarTexts: texts,
            config: config)
    }

    static func location(_ location: SourceLocation?, _ writer: inout CacheWriter) {
        guard let location else { return writer.byte(0) }
        writer.byte(1)
        writer.int64(Int64(location.line))
        writer.int64(Int64(location.column))
    }

    /// `u8` 0, or 1 and line and column (`i64` each, within `Int`).
    static func location(_ reader: inout CacheReader) throws -> SourceLocation? {
        guard try reader.flag() else { return nil }
        let line = try reader.int64()
        let column = try reader.int64()
        guard let line = Int(exactly: line), let column = Int(exactly: column) else { throw CacheReader.Malformed() }
        return SourceLocation(line: line, column: column)
    }

    private static func instancePath(_ path: InstancePath, _ writer: inout CacheWriter) {
        writer.uint32(path.count)
        for component in path {
            switch component {
            case .key(let key):
                writer.byte(0)
                writer.string(key)
            case .index(let index):
                writer.byte(1)
                writer.int64(Int64(index))
            }
        }
    }

    private static func instancePath(_ reader: inout CacheReader) throws -> InstancePath {
        var path: InstancePath = []
        for _ in 0..<(try reader.count()) {
            switch try reader.byte() {
            case 0: path.append(.key(try reader.string()))
            case 1: path.append(.index(Int(try reader.int64())))
            default: throw CacheReader.Malformed()
            }
        }
        return path
    }

    /// A JSON value: a tag byte (0 null, 1 false, 2 true, 3 integer, 4 double, 5 string,
    /// 6 array, 7 object), then its payload.
    private static func value(_ value: JSONValue, _ writer: inout CacheWriter) {
        switch value {
        case .null: writer.byte(0)
        case .bool(let flag): writer.byte(flag ? 2 : 1)
        case .integer(let number):
            writer.byte(3)
            writer.int64(Int64(number))
        case .double(let number):
            writer.byte(4)
            writer.int64(Int64(bitPattern: number.bitPattern))
        case .string(let text):
            writer.byte(5)
            writer.string(text)
        case .array(let items):
            writer.byte(6)
            writer.uint32(items.count)
            for item in items { Self.value(item, &writer) }
        case .object(let members):
            writer.byte(7)
            writer.uint32(members.count)
            for (key, member) in members.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
                writer.string(key)
                Self.value(member, &writer)
            }
        }
    }

    /// Depth-limited: the front-matter reader never nests deeper than its limit (64), so
    /// anything deeper is damage.
    private static func value(_ reader: inout CacheReader, depth: Int) throws -> JSONValue {
        guard depth <= 256 else { throw CacheReader.Malformed() }
        switch try reader.byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .integer(Int(try reader.int64()))
        case 4: return .double(Double(bitPattern: UInt64(bitPattern: try reader.int64())))
        case 5: return .string(try reader.string())
        case 6:
            let count = try reader.count()
            var items: [JSONValue] = []
            items.reserveCapacity(min(count, 1024))
            for _ in 0..<count { items.append(try value(&reader, depth: depth + 1)) }
            return .array(items)
        case 7:
            let count = try reader.count()
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(min(count, 1024))
            for _ in 0..<count {
                let key = try reader.string()
                members[key] = try value(&reader, depth: depth + 1)
            }
            return .object(members)
        default: throw CacheReader.Malformed()
        }
    }
}
