import FreqPaths

/// Checks that bytes are one JSON value (RFC 8259) in valid UTF-8, without building it:
/// text stored in the history cache is copied to the output only when it is, so that no
/// cache, however damaged or forged, can make freq print invalid JSON.
enum JSONSyntax {
    /// Whether `bytes` hold exactly one JSON object, surrounding whitespace allowed.
    static func isObject(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer)
            scanner.skipSpace()
            guard scanner.peek == UInt8(ascii: "{"), scanner.value() else { return false }
            scanner.skipSpace()
            return scanner.at == buffer.count
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { at += 1 }
        }

        /// One value; nesting is followed with an explicit stack (no recursion to overflow).
        mutating func value() -> Bool {
            // true: inside an object (a key comes next); false: inside an array.
            var open: [Bool] = []
            var expectKey = false
            while true {
                skipSpace()
                if expectKey {
                    guard string() else { return false }
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { return false }
                    at += 1
                    skipSpace()
                    expectKey = false
                }
                guard let byte = peek else { return false }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    at += 1
                    skipSpace()
                    let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if peek == closing {
                        at += 1
                    } else {
                        open.append(byte == UInt8(ascii: "{"))
                        expectKey = byte == UInt8(ascii: "{")
                        continue
                    }
                case UInt8(ascii: "\""):
                    guard string() else { return false }
                case UInt8(ascii: "t"): guard literal("true") else { return false }
                case UInt8(ascii: "f"): guard literal("false") else { return false }
                case UInt8(ascii: "n"): guard literal("null") else { return false }
                default: guard number() else { return false }
                }
                // After a value: a comma, or the end of one or more containers.
                while true {
                    guard let inObject = open.last else { return true }
                    skipSpace()
                    if peek == UInt8(ascii: ",") {
                        at += 1
                        expectKey = inObject
                        break
                    }
                    guard peek == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
                    at += 1
                    open.removeLast()
                }
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count else { return false }
            for index in 0..<count where bytes[at + index] != word.utf8Start[index] { return false }
            at += count
            return true
        }

        mutating func number() -> Bool {
            func digits() -> Int {
                let start = at
                while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { at += 1 }
                return at - start
            }
            if peek == UInt8(ascii: "-") { at += 1 }
            if peek == UInt8(ascii: "0") {
                at += 1
            } else if digits() == 0 {
                return false
            }
            if peek == UInt8(ascii: ".") {
                at += 1
                guard digits() > 0 else { return false }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                at += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }

        /// A string: no raw control characters, valid escapes, valid UTF-8.
        mutating func string() -> Bool {
            guard peek == UInt8(ascii: "\"") else { return false }
            at += 1
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "\""):
                    at += 1
                    return true
                case UInt8(ascii: "\\"):
                    at += 1
                    guard let escaped = peek else { return false }
                    at += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        guard at + 4 <= bytes.count, (0..<4).allSatisfy({ isHexDigit(bytes[at + $0]) }) else { return false }
                        at += 4
                    default: return false
                    }
                case 0..<0x20: return false
                case 0x20..<0x80: at += 1
                default:
                    let length = PathBytes.validSequenceLength(bytes, at: at)
                    guard length > 0 else { return false }
                    at += length
                }
            }
            return false
        }

        func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
