/// A request's front matter, read only as far as a filter asks: from the working-tree
/// cache's encoded record without building it (decoding 10,000 records was most of a warm
/// `freq list`; a filter that keeps 1,000 now decodes those), or from a record.
public struct RecordProbe: Sendable {
    private enum Source: Sendable {
        /// `FactsCodec.writeRecord`'s bytes.
        case encoded(SharedBytes)
        case record(RequestRecord)
    }

    private let source: Source
    public let status: String
    public let category: StatusCategory

    public init(_ record: RequestRecord) {
        source = .record(record)
        status = record.status
        category = record.category
    }

    /// Nil when the bytes are not a whole record (the id, the status, then the fields as
    /// one well-formed value): damage is never read as a missing field.
    init?(encoded: SharedBytes, config: borrowing RegistryConfig) {
        guard let status = EncodedRecord.status(of: encoded) else { return nil }
        source = .encoded(encoded)
        self.status = status
        category = config.category(of: status)
    }

    /// Of bytes whose shape `EncodedRecord.status(in:)` has checked, and that status.
    init(checked encoded: SharedBytes, status: String, category: StatusCategory) {
        source = .encoded(encoded)
        self.status = status
        self.category = category
    }

    /// `FieldMatch.leaves(of: record.fields, along: path)`.
    public func leaves(along path: ArraySlice<String>) -> [String] {
        switch source {
        case .record(let record): return FieldMatch.leaves(of: record.fields, along: path)
        case .encoded(let bytes): return EncodedRecord.leaves(of: bytes, along: path)
        }
    }

    /// Whether the front matter has the top-level key `name`.
    public func hasField(_ name: String) -> Bool {
        switch source {
        case .record(let record): return record.fields[name] != nil
        case .encoded(let bytes): return EncodedRecord.fieldNames(of: bytes).contains(name)
        }
    }

    /// The request's row of `freq list`'s table and CSV, the file at `path` (the record
    /// read in place, not decoded); nil when the bytes after the fields are damaged.
    func row(path: String, names: FieldNames) -> RequestListRenderer.Row? {
        switch source {
        case .record(let record): return RequestListRenderer.Row(record)
        case .encoded(let bytes):
            return EncodedRecord.row(of: bytes, path: path, status: status, category: category, names: names)
        }
    }

    /// The front matter's top-level keys.
    public var fieldNames: [String] {
        switch source {
        case .record(let record): return record.keyOrder
        case .encoded(let bytes): return EncodedRecord.fieldNames(of: bytes)
        }
    }
}

/// Reads `FactsCodec.writeRecord`'s layout in place: the id and the status (`str` each),
/// then the fields as a tagged value (0 null, 1 false, 2 true, 3 integer, 4 double,
/// 5 string, 6 array, 7 object; counts and lengths `u32`, numbers `i64`, little-endian).
/// The cache's checksum vouches for the bytes; a probe also checks a record's shape once
/// (`status(of:)`), so that damage gives no probe, never a field read as missing.
enum EncodedRecord {
    /// The status, when the fields after it are one well-formed value (what `leaves` and
    /// `fieldNames` then read never fails).
    static func status(of bytes: SharedBytes) -> String? {
        bytes.withUnsafeBufferPointer(status(in:))
    }

    static func status(in buffer: UnsafeBufferPointer<UInt8>) -> String? {
        var reader = Reader(buffer)
        guard reader.skipString(), let status = reader.stringRange(), reader.skipValue(depth: 0) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[status]), as: UTF8.self)
    }

    static func leaves(of bytes: SharedBytes, along path: ArraySlice<String>) -> [String] {
        bytes.withUnsafeBufferPointer { leaves(in: $0, along: path) }
    }

    static func leaves(in buffer: UnsafeBufferPointer<UInt8>, along path: ArraySlice<String>) -> [String] {
        var reader = Reader(buffer)
        var found: [String] = []
        guard reader.skipString(), reader.skipString(), reader.leaves(along: path, into: &found, depth: 0) else {
            return []
        }
        return found
    }

    static func fieldNames(of bytes: SharedBytes) -> [String] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer)
            guard reader.skipString(), reader.skipString(), reader.byte() == 7, let count = reader.count() else { return [] }
            var names: [String] = []
            for _ in 0..<count {
                guard let key = reader.stringRange() else { return [] }
                names.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[key]), as: UTF8.self))
                guard reader.skipValue(depth: 1) else { return [] }
            }
            return names
        }
    }

    /// `RequestListRenderer.Row(record)` of the record these bytes decode to: the title,
    /// area and created texts from the scalar texts after the fields, the customers counted
    /// and their ARR summed as `RequestRecord` summarises them.
    static func row(
        of bytes: SharedBytes, path: String, status: String, category: StatusCategory, names: FieldNames
    ) -> RequestListRenderer.Row? {
        bytes.withUnsafeBufferPointer { row(in: $0, path: path, status: status, category: category, names: names) }
    }

    static func row(
        in buffer: UnsafeBufferPointer<UInt8>, path: String, status: String, category: StatusCategory, names: FieldNames
    ) -> RequestListRenderer.Row? {
        var reader = Reader(buffer)
        guard let id = reader.stringRange(), reader.skipString(), let tag = reader.byte() else { return nil }
        var customers = (count: 0, totalARR: 0)
        if tag == 7 {
            guard let count = reader.count() else { return nil }
            for _ in 0..<count {
                guard let key = reader.stringRange() else { return nil }
                guard Reader.isSameKey(stored: buffer[key], as: names.customers) else {
                    guard reader.skipValue(depth: 1) else { return nil }
                    continue
                }
                // A key written twice: the last one is the decoded record's, as in a dictionary.
                customers = (0, 0)
                guard reader.customers(into: &customers, arrKey: names.arr) else { return nil }
            }
        } else {
            // Not a mapping (never written so): no field, no customer.
            reader.at -= 1
            guard reader.skipValue(depth: 0) else { return nil }
        }
        return reader.row(id: id, path: path, status: status, category: category, customers: customers, names: names)
    }

    /// What `listing` looks for in each record, made once per `list`: the keys it compares
    /// every record's keys with, as bytes (plain values: comparing 10,000 records' keys with
    /// the query's strings counted references to those strings' storage from both cores at
    /// once, which cost more than the walk itself).
    struct ListingPlan: Sendable {
        let query: RequestQuery
        let config: RegistryConfig
        /// Key 0 is the customers field; key `1 + i` is match `i`'s first key.
        fileprivate let keys: PackedTexts
        /// Each match's path after its first key, and its value.
        fileprivate let rests: [ArraySlice<String>]
        fileprivate let values: PackedTexts
        /// More matches than `listing` keeps bits for, or a match without a field: it then
        /// asks each question on its own.
        fileprivate let asksEach: Bool

        init(query: RequestQuery, config: RegistryConfig) {
            self.query = query
            self.config = config
            asksEach = query.matches.count >= 64 || query.matches.contains { $0.path.isEmpty }
            keys = PackedTexts([config.fields.customers] + query.matches.map { $0.path.first ?? "" })
            rests = query.matches.map { $0.path.dropFirst() }
            values = PackedTexts(query.matches.map(\.value))
        }
    }

    /// A few short texts as one array of bytes (plain values: comparing 10,000 records'
    /// keys with the query's strings counted references to their storage from both cores at
    /// once, which cost more than the walk itself).
    fileprivate struct PackedTexts: Sendable {
        private let bytes: [UInt8]
        private let ends: [Int]
        private let isASCII: [Bool]
        /// For a comparison where either side is not ASCII (rare).
        private let texts: [String]

        init(_ texts: [String]) {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            for text in texts {
                bytes.append(contentsOf: text.utf8)
                ends.append(bytes.count)
            }
            self.bytes = bytes
            self.ends = ends
            isASCII = texts.map { $0.utf8.allSatisfy { $0 < 0x80 } }
            self.texts = texts
        }

        var count: Int { ends.count }

        /// Whether text `index` equals `stored` as strings compare: the same bytes, or (where
        /// either is not ASCII) the same characters in another normalization.
        func isSame(_ index: Int, as stored: UnsafeBufferPointer<UInt8>, storedIsASCII: Bool) -> Bool {
            let start = index == 0 ? 0 : ends[index - 1]
            let end = ends[index]
            let same = end - start == stored.count
                && bytes.withUnsafeBytes { compareBytes(UnsafeRawBufferPointer(rebasing: $0[start..<end]), UnsafeRawBufferPointer(stored)) == 0 }
            if same || (storedIsASCII && isASCII[index]) { return same }
            return String(decoding: stored, as: UTF8.self) == texts[index]
        }

        /// The texts `stored` is: bit `k` for text `k`.
        func matching(_ stored: UnsafeBufferPointer<UInt8>) -> UInt64 {
            let storedIsASCII = !stored.contains { $0 >= 0x80 }
            var bits: UInt64 = 0
            for index in 0..<ends.count where isSame(index, as: stored, storedIsASCII: storedIsASCII) {
                bits |= 1 << UInt64(index)
            }
            return bits
        }
    }

    /// A record's status and category, and its row when the query might include it.
    struct Listed: Sendable {
        let status: String
        let category: StatusCategory
        let row: RequestListRenderer.Row?
    }

    /// `status(in:)`, then whether the plan's query might include the record
    /// (`mightInclude`), then its `row(in:)` when it might: what `list` asks of each of
    /// 10,000 records, in one walk over the fields (those three walked them all again
    /// each). Nil on damage, as `status(in:)`.
    static func listing(
        in buffer: UnsafeBufferPointer<UInt8>, path: String, plan: ListingPlan
    ) -> Listed? {
        var reader = Reader(buffer)
        guard let id = reader.stringRange(), let statusRange = reader.stringRange() else { return nil }
        guard !plan.asksEach, reader.byte() == 7, let count = reader.count() else {
            // Fields that are not a mapping (never written so): each question on its own.
            return listingEach(in: buffer, path: path, query: plan.query, config: plan.config)
        }
        // Where the customers' value is, and bit `i`: match `i`'s field holds its value. A key
        // written twice: the last one counts, as in the decoded dictionary.
        var customersAt: Int?
        var satisfied: UInt64 = 0
        for _ in 0..<count {
            guard let key = reader.stringRange() else { return nil }
            let value = reader.at
            let keys = plan.keys.matching(UnsafeBufferPointer(rebasing: buffer[key]))
            if keys != 0 {
                if keys & 1 != 0 { customersAt = value }
                for match in 0..<plan.values.count where keys & (1 << UInt64(match + 1)) != 0 {
                    let held: Bool
                    if plan.rests[match].isEmpty {
                        // The field's own texts (`area=billing`), compared where they are.
                        guard let holds = reader.texts(holding: match, of: plan.values, depth: 1) else { return nil }
                        held = holds
                    } else {
                        var found: [String] = []
                        guard reader.leaves(along: plan.rests[match], into: &found, depth: 1) else { return nil }
                        held = found.contains { text in
                            var text = text
                            return text.withUTF8 { plan.values.isSame(match, as: $0, storedIsASCII: false) }
                        }
                    }
                    let bit: UInt64 = 1 << UInt64(match)
                    satisfied = held ? satisfied | bit : satisfied & ~bit
                    reader.at = value
                }
            }
            // What `status(in:)` checks: every value well formed.
            guard reader.skipValue(depth: 1) else { return nil }
        }
        let status = String(decoding: UnsafeBufferPointer(rebasing: buffer[statusRange]), as: UTF8.self)
        let category = plan.config.category(of: status)
        let everyMatch: UInt64 = (1 << UInt64(plan.rests.count)) - 1
        guard plan.query.admits(status: status, category: category), satisfied == everyMatch else { return Listed(status: status, category: category, row: nil) }
        let names = plan.config.fields
        var customers = (count: 0, totalARR: 0)
        if let customersAt {
            let end = reader.at
            reader.at = customersAt
            guard reader.customers(into: &customers, arrKey: names.arr) else { return nil }
            reader.at = end
        }
        let row = reader.row(id: id, path: path, status: status, category: category, customers: customers, names: names)
        return row.map { Listed(status: status, category: category, row: $0) }
    }

    /// `listing`'s three questions asked one after another, each walking the record.
    private static func listingEach(
        in buffer: UnsafeBufferPointer<UInt8>, path: String, query: RequestQuery, config: RegistryConfig
    ) -> Listed? {
        guard let status = Self.status(in: buffer) else { return nil }
        let category = config.category(of: status)
        guard query.mightInclude(status: status, category: category, leaves: { leaves(in: buffer, along: $0) }) else {
            return Listed(status: status, category: category, row: nil)
        }
        return row(in: buffer, path: path, status: status, category: category, names: config.fields).map { Listed(status: status, category: category, row: $0) }
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var at: Int

        init(_ buffer: UnsafeBufferPointer<UInt8>) {
            self.buffer = buffer
            at = 0
        }

        mutating func byte() -> UInt8? {
            guard at < buffer.count else { return nil }
            defer { at += 1 }
            return buffer[at]
        }

        mutating func count() -> Int? {
            guard buffer.count - at >= 4 else { return nil }
            defer { at += 4 }
            return Int(UInt32(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }

        mutating func int64() -> Int64? {
            guard buffer.count - at >= 8 else { return nil }
            defer { at += 8 }
            return Int64(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: at, as: Int64.self))
        }

        mutating func stringRange() -> Range<Int>? {
            guard let length = count(), length <= buffer.count - at else { return nil }
            defer { at += length }
            return at..<(at + length)
        }

        mutating func skipString() -> Bool { stringRange() != nil }

        /// Past one value; false on damage (the decoder's depth limit included).
        mutating func skipValue(depth: Int) -> Bool {
            guard depth <= 256, let tag = byte() else { return false }
            switch tag {
            case 0, 1, 2: return true
            case 3, 4: return int64() != nil
            case 5: return skipString()
            case 6:
                guard let count = count() else { return false }
                for _ in 0..<count where !skipValue(depth: depth + 1) { return false }
                return true
            case 7:
                guard let count = count() else { return false }
                for _ in 0..<count where !(skipString() && skipValue(depth: depth + 1)) { return false }
                return true
            default: return false
            }
        }

        /// `FieldMatch.leaves` over the encoded value here: lists fan out, a scalar at the
        /// path's end is its `RequestRecord.scalarText`.
        mutating func leaves(along path: ArraySlice<String>, into found: inout [String], depth: Int) -> Bool {
            guard depth <= 256, let tag = byte() else { return false }
            switch tag {
            case 6:
                guard let count = count() else { return false }
                for _ in 0..<count where !leaves(along: path, into: &found, depth: depth + 1) { return false }
                return true
            case 7:
                guard let count = count() else { return false }
                guard let key = path.first else {
                    // A mapping at the path's end has no text.
                    for _ in 0..<count where !(skipString() && skipValue(depth: depth + 1)) { return false }
                    return true
                }
                // A key written twice: only the last one's leaves, as in the decoded dictionary
                // (what an earlier one added is at the end of `found`).
                var lastMatch: Int?
                for _ in 0..<count {
                    guard let name = stringRange() else { return false }
                    let matched = Self.isSameKey(stored: buffer[name], as: key)
                    if matched {
                        if let lastMatch { found.removeSubrange(lastMatch...) }
                        lastMatch = found.count
                    }
                    guard matched ? leaves(along: path.dropFirst(), into: &found, depth: depth + 1) : skipValue(depth: depth + 1)
                    else { return false }
                }
                return true
            default:
                // A scalar with path left has nothing below it.
                guard path.isEmpty else {
                    at -= 1
                    return skipValue(depth: depth)
                }
                switch tag {
                case 0: found.append("")
                case 1: found.append("false")
                case 2: found.append("true")
                case 3:
                    guard let number = int64() else { return false }
                    found.append(String(Int(number)))
                case 4:
                    guard let bits = int64() else { return false }
                    found.append(String(Double(bitPattern: UInt64(bitPattern: bits))))
                case 5:
                    guard let text = stringRange() else { return false }
                    found.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[text]), as: UTF8.self))
                default: return false
                }
                return true
            }
        }

        /// The row of the record whose key order and scalar texts come next (the last of
        /// its bytes): the title, area and created texts, with the id at `id` and the
        /// customers already summed. Nil on damage.
        mutating func row(
            id: Range<Int>, path: String, status: String, category: StatusCategory, customers: (count: Int, totalARR: Int),
            names: FieldNames
        ) -> RequestListRenderer.Row? {
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) }
            guard let keyCount = count() else { return nil }
            for _ in 0..<keyCount where !skipString() { return nil }
            guard let textCount = count() else { return nil }
            var title: String?
            var area: String?
            var created: String?
            for _ in 0..<textCount {
                guard let key = stringRange(), let value = stringRange() else { return nil }
                if Self.isSameKey(stored: buffer[key], as: names.title) { title = text(value) }
                if Self.isSameKey(stored: buffer[key], as: names.area) { area = text(value) }
                if Self.isSameKey(stored: buffer[key], as: names.created) { created = text(value) }
            }
            guard at == buffer.count else { return nil }
            return RequestListRenderer.Row(
                id: text(id), path: path, status: status, category: category, title: title, area: area, created: created,
                customers: customers.count, totalARR: customers.totalARR)
        }

        /// Whether text `index` of `texts` is among the texts of the value here at a path's
        /// end (`leaves(along: [])` holds it): lists fan out, a scalar is its
        /// `RequestRecord.scalarText`, a mapping has none. Strings are compared where they
        /// are. Nil on damage, as `leaves`.
        fileprivate mutating func texts(holding index: Int, of texts: PackedTexts, depth: Int) -> Bool? {
            guard depth <= 256, let tag = byte() else { return nil }
            func held(_ text: String) -> Bool {
                var text = text
                return text.withUTF8 { texts.isSame(index, as: $0, storedIsASCII: false) }
            }
            switch tag {
            case 6:
                guard let count = count() else { return nil }
                var holds = false
                for _ in 0..<count {
                    guard let item = self.texts(holding: index, of: texts, depth: depth + 1) else { return nil }
                    holds = holds || item
                }
                return holds
            case 7:
                // A mapping at the path's end has no text.
                guard let count = count() else { return nil }
                for _ in 0..<count where !(skipString() && skipValue(depth: depth + 1)) { return nil }
                return false
            case 0: return held("")
            case 1: return held("false")
            case 2: return held("true")
            case 3:
                guard let number = int64() else { return nil }
                return held(String(Int(number)))
            case 4:
                guard let bits = int64() else { return nil }
                return held(String(Double(bitPattern: UInt64(bitPattern: bits))))
            case 5:
                guard let text = stringRange() else { return nil }
                let stored = UnsafeBufferPointer(rebasing: buffer[text])
                return texts.isSame(index, as: stored, storedIsASCII: !stored.contains { $0 >= 0x80 })
            default: return nil
            }
        }

        /// The customers list here, as `RequestRecord.summarise` counts it: not a list, no
        /// customer; each item one (a bare name too), a mapping's whole-number `arrKey`
        /// added to the total, which saturates instead of overflowing.
        mutating func customers(into summary: inout (count: Int, totalARR: Int), arrKey: String) -> Bool {
            guard let tag = byte() else { return false }
            guard tag == 6 else {
                at -= 1
                return skipValue(depth: 1)
            }
            guard let count = count() else { return false }
            for _ in 0..<count {
                guard let item = byte() else { return false }
                summary.count += 1
                guard item == 7 else {
                    at -= 1
                    guard skipValue(depth: 2) else { return false }
                    continue
                }
                guard let members = self.count() else { return false }
                // The last `arrKey` counts, as in the decoded dictionary.
                var entryARR: Int?
                for _ in 0..<members {
                    guard let key = stringRange() else { return false }
                    guard Self.isSameKey(stored: buffer[key], as: arrKey) else {
                        guard skipValue(depth: 3) else { return false }
                        continue
                    }
                    // An integer, or a double that is whole (`RequestRecord.wholeNumber`).
                    guard at < buffer.count, [3, 4].contains(buffer[at]) else {
                        entryARR = nil
                        guard skipValue(depth: 3) else { return false }
                        continue
                    }
                    let isInteger = buffer[at] == 3
                    at += 1
                    guard let bits = int64() else { return false }
                    entryARR = RequestRecord.wholeNumber(
                        isInteger ? .integer(Int(bits)) : .double(Double(bitPattern: UInt64(bitPattern: bits))))
                }
                if let arr = entryARR { summary.totalARR = RequestRecord.adding(arr: arr, to: summary.totalARR) }
            }
            return true
        }

        /// Whether a stored key is `key` as a dictionary lookup finds it: the same bytes, or
        /// (where either is not ASCII) the same characters in another normalization.
        static func isSameKey(stored: Slice<UnsafeBufferPointer<UInt8>>, as key: String) -> Bool {
            // One memcmp: the generic `elementsEqual` over two UTF-8 views was a tenth of a
            // warm `list`, asked for about ten keys of each of 10,000 records.
            var key = key
            return key.withUTF8 { keyBytes in
                let storedBytes = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: stored))
                // Most keys asked about differ in length: no call to compare them.
                if keyBytes.count == storedBytes.count && compareBytes(UnsafeRawBufferPointer(keyBytes), storedBytes) == 0 {
                    return true
                }
                guard keyBytes.contains(where: { $0 >= 0x80 }) || stored.contains(where: { $0 >= 0x80 }) else { return false }
                return String(decoding: UnsafeBufferPointer(rebasing: stored), as: UTF8.self) == String(decoding: keyBytes, as: UTF8.self)
            }
        }
    }
}
