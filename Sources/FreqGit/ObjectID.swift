import CLibGit2

/// A git object id (SHA-1), a plain value that can cross threads.
public struct ObjectID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    // Three words hash and compare faster than twenty bytes.
    let high: UInt64
    let middle: UInt64
    let low: UInt32

    init(_ oid: git_oid) {
        var oid = oid
        var high: UInt64 = 0
        var middle: UInt64 = 0
        var low: UInt32 = 0
        withUnsafeBytes(of: &oid.id) { bytes in
            for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
            for index in 8..<16 { middle = middle << 8 | UInt64(bytes[index]) }
            for index in 16..<20 { low = low << 8 | UInt32(bytes[index]) }
        }
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// Parses 40 hexadecimal digits; nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 40 else { return nil }
        var values = [UInt8]()
        values.reserveCapacity(20)
        var index = 0
        while index < 40 {
            guard let upper = Self.nibble(digits[index]), let lower = Self.nibble(digits[index + 1]) else {
                return nil
            }
            values.append(upper << 4 | lower)
            index += 2
        }
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            for (offset, value) in values.enumerated() { raw[offset] = value }
        }
        self.init(oid)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            for index in 0..<8 { raw[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index))) }
            for index in 0..<8 { raw[8 + index] = UInt8(truncatingIfNeeded: middle >> (56 - 8 * UInt64(index))) }
            for index in 0..<4 { raw[16 + index] = UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt32(index))) }
        }
        return oid
    }

    /// The 40-digit lower-case hexadecimal form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(40)
        func append(_ word: UInt64, bytes: Int) {
            for index in stride(from: bytes - 1, through: 0, by: -1) {
                let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index)))
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0xF)])
            }
        }
        append(high, bytes: 8)
        append(middle, bytes: 8)
        append(UInt64(low), bytes: 4)
        return String(decoding: text, as: UTF8.self)
    }

    /// The first seven digits, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an object id: \(text)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

extension ObjectID {
    /// The id git gives a blob of these bytes (`git hash-object`, no filters): a working
    /// file is the same as a committed version exactly when this equals the blob's id.
    public static func blob(hashing bytes: [UInt8]) throws(GitError) -> ObjectID {
        _ = libgit2Ready
        var oid = git_oid()
        // An empty array may have no address; libgit2 wants one even for no bytes.
        let code = bytes.isEmpty
            ? withUnsafeBytes(of: UInt8(0)) { raw in git_odb_hash(&oid, raw.baseAddress, 0, GIT_OBJECT_BLOB) }
            : bytes.withUnsafeBytes { raw in git_odb_hash(&oid, raw.baseAddress, raw.count, GIT_OBJECT_BLOB) }
        try check("git_odb_hash", code)
        return ObjectID(oid)
    }
}

extension ObjectID {
    /// The id as three words (the first eight bytes, the next eight, the last four, each
    /// big-endian): a compact key for caches outside this layer.
    public var words: (high: UInt64, middle: UInt64, low: UInt32) { (high, middle, low) }

    /// The id of these words (`words`).
    public init(words: (high: UInt64, middle: UInt64, low: UInt32)) {
        high = words.high
        middle = words.middle
        low = words.low
    }
}
