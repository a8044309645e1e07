// The hand-written hashes of freq, both persisted: their values must never change (a
// cache written by an earlier freq must still be found and accepted). Swift's `Hasher`
// is seeded per run, so it cannot serve either purpose.

/// 64-bit FNV-1a: a tiny, stable hash for cache keys (the history configuration's
/// fingerprint names its cache files).
struct FNV1a {
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds `text`'s UTF-8 bytes, then an end mark (0xFF, never in UTF-8), so that
    /// ["ab", "c"] and ["a", "bc"] hash differently.
    mutating func add(_ text: String) {
        add(bytes: text.utf8)
        add(byte: 0xFF)
    }

    /// Adds bytes as they are, with no end mark.
    mutating func add(bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte: byte) }
    }

    private mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* Self.prime
    }

    /// The value as 16 lowercase hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A fast 64-bit checksum against torn or damaged cache files (not a defence against
/// forgery, which a cache private to the repository needs not): four independent lanes
/// of eight bytes, so that the multiplications overlap (8 MB in about 0.5 ms). A sealed
/// file ends with the checksum of everything before it, little-endian.
enum Checksum {
    /// Seals `bytes`: appends the checksum of all of them.
    static func append(to bytes: inout [UInt8]) {
        let checksum = of(bytes, upTo: bytes.count)
        withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The range between `magic` and the trailing checksum, and that checksum, when both
    /// are right; nil otherwise.
    static func verifiedBody(of bytes: [UInt8], magic: [UInt8]) -> (body: Range<Int>, checksum: UInt64)? {
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        let end = bytes.count - 8
        let stored = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: end, as: UInt64.self) })
        guard of(bytes, upTo: end) == stored else { return nil }
        return (magic.count..<end, stored)
    }

    /// The checksum of `bytes[..<end]`.
    static func of(_ bytes: [UInt8], upTo end: Int) -> UInt64 {
        bytes.withUnsafeBytes { of(UnsafeRawBufferPointer(rebasing: $0[..<end])) }
    }

    /// The checksum of the bytes `raw` points to.
    static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let end = raw.count
        do {
            let prime: UInt64 = 0xFF51_AFD7_ED55_8CCD
            var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15 ^ UInt64(end), 1, 2, 3)
            var position = 0
            @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
                let product = (hash ^ word) &* prime
                return product ^ (product >> 32)
            }
            while position + 32 <= end {
                lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self))
                lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: position + 16, as: UInt64.self))
                lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: position + 24, as: UInt64.self))
                position += 32
            }
            var hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
            while position < end {
                hash = mix(hash, UInt64(raw[position]))
                position += 1
            }
            return hash
        }
    }
}

/// Whether a file still holds what freq wrote into it: the checksum of its content, as 16
/// hexadecimal digits (`freq site` keeps one per page in its manifest).
public enum ContentFingerprint {
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = String(Checksum.of(bytes, upTo: bytes.count), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
