/// A request's front matter, read only as far as a filter asks: from the working-tree
/// cache's encoded record without building it (decoding 10,000 records was most of a warm
/// `freq list`; a filter that keeps 1,000 now decodes those), or from a record.
public struct RecordProbe: Sendable {
    private enum Source: Sendable {
        /// `FactsCodec.writeRecord`'s bytes.
        case encoded(ArraySlice<UInt8>)
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
    init?(encoded: ArraySlice<UInt8>, config: RegistryConfig) {
        guard let status = EncodedRecord.status(of: encoded) else { return nil }
        source = .encoded(encoded)
        self.status = status
        category = config.category(of: status)
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
    static func status(of bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer)
            guard reader.skipString(), let status = reader.stringRange(), reader.skipValue(depth: 0) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[status]), as: UTF8.self)
        }
    }

    static func leaves(of bytes: ArraySlice<UInt8>, along path: ArraySlice<String>) -> [String] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer)
            var found: [String] = []
            guard reader.skipString(), reader.skipString(), reader.leaves(along: path, into: &found, depth: 0) else {
                return []
            }
            return found
        }
    }

    static func fieldNames(of bytes: ArraySlice<UInt8>) -> [String] {
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
                for _ in 0..<count {
                    guard let name = stringRange() else { return false }
                    let matched = Self.isSameKey(stored: buffer[name], as: key)
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

        /// Whether a stored key is `key` as a dictionary lookup finds it: the same bytes, or
        /// (where either is not ASCII) the same characters in another normalization.
        private static func isSameKey(stored: Slice<UnsafeBufferPointer<UInt8>>, as key: String) -> Bool {
            if key.utf8.elementsEqual(stored) { return true }
            guard !key.utf8.allSatisfy({ $0 < 0x80 }) || stored.contains(where: { $0 >= 0x80 }) else { return false }
            return String(decoding: UnsafeBufferPointer(rebasing: stored), as: UTF8.self) == key
        }
    }
}
