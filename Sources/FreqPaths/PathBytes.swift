/// File names as git and the file system hold them: bytes, not necessarily UTF-8.
///
/// freq carries paths in `String`s. A name that is valid UTF-8 is that text; each byte of a
/// name that is not part of valid UTF-8 (a Latin-1 `é` is the lone byte E9) is held as one
/// scalar of a reserved range, U+10FF80–U+10FFFF (U+10FF00 plus the byte), so two names that
/// differ only in such bytes stay two paths, and the exact bytes come back for the file
/// system and git. A name that really contains a scalar of that range has its bytes held the
/// same way, one scalar each, so the mapping stays one to one. Output shows a held byte as
/// `\xHH` (docs/contracts.md). Identity is by bytes everywhere (`ByteKey`): Swift's `==`
/// takes NFC `café` and NFD `café` for the same text, git and the file system do not.
public enum PathBytes {
    /// The first scalar of the reserved range is U+10FF00 + 0x80.
    static let base: UInt32 = 0x10FF00

    /// The text that holds `bytes` (a name or path as read from git or the file system).
    public static func text<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // Fastest path, most names: ASCII in contiguous memory (a directory entry, a buffer).
        if let ascii = bytes.withContiguousStorageIfAvailable({ buffer -> String? in
            isASCII(UnsafeRawBufferPointer(buffer)) ? String(decoding: buffer, as: UTF8.self) : nil
        }), let ascii {
            return ascii
        }
        // Fast path: valid UTF-8 without the lead byte F4 of the reserved range.
        if !bytes.contains(0xF4), let plain = String(validating: bytes, as: UTF8.self) { return plain }
        let bytes = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                scalars.append(held(bytes[index]))
                index += 1
                continue
            }
            let sequence = bytes[index..<index + length]
            index += length
            if let scalar = String(decoding: sequence, as: UTF8.self).unicodeScalars.first, !isReserved(scalar) {
                scalars.append(scalar)
            } else {
                for byte in sequence { scalars.append(held(byte)) }
            }
        }
        return String(scalars)
    }

    /// Whether every byte is below 0x80, eight at a time.
    public static func isASCII(_ buffer: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = buffer.count
        while index + 8 <= count {
            if buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if buffer[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (Unicode's table 3-7),
    /// 0 when none starts there. Inlinable: the history's JSON check runs it on every
    /// non-ASCII byte of the stored output.
    @inlinable
    public static func validSequenceLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> Int
    where Bytes.Index == Int {
        let lead = bytes[index]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; second = 0x80...0x8F
        default: return 0
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    /// The bytes `path` stands for: the inverse of `text(_:)`.
    public static func bytes(_ path: String) -> [UInt8] {
        guard path.utf8.contains(0xF4) else { return Array(path.utf8) }
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if isReserved(scalar) {
                result.append(UInt8(truncatingIfNeeded: scalar.value - base))
            } else {
                result.append(contentsOf: String(Character(scalar)).utf8)
            }
        }
        return result
    }

    /// Calls `body` with `path` as the NUL-terminated bytes a system call takes.
    public static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        // Only a held byte (lead byte F4) needs converting; most paths are used as they are.
        var path = path
        if path.withUTF8({ !$0.contains(0xF4) }) { return try path.withCString(body) }
        return try cString(path).withUnsafeBufferPointer { buffer in
            // Never empty: it ends with the NUL.
            guard let start = buffer.baseAddress else { return try "".withCString(body) }
            return try body(start)
        }
    }

    /// `path` as the NUL-terminated bytes a system call takes (an array passes as a pointer).
    public static func cString(_ path: String) -> [CChar] {
        bytes(path).map { CChar(bitPattern: $0) } + [0]
    }

    /// `text` for people and programs: each held byte as `\xHH` (two upper-case hex digits).
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(0xF4) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isReserved(scalar) {
                result += escape(UInt8(truncatingIfNeeded: scalar.value - base))
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `\xHH` for one byte.
    public static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    /// The held byte a scalar stands for; nil for any other scalar.
    public static func heldByte(_ scalar: Unicode.Scalar) -> UInt8? {
        isReserved(scalar) ? UInt8(truncatingIfNeeded: scalar.value - base) : nil
    }

    static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= base + 0x80 && scalar.value <= base + 0xFF
    }

    static func held(_ byte: UInt8) -> Unicode.Scalar {
        // Every byte that is not valid UTF-8 text is 0x80 or more; an ASCII byte never is held.
        Unicode.Scalar(base + UInt32(byte)) ?? "\u{FFFD}"
    }
}
