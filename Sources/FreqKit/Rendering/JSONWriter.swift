import FreqPaths

/// Writes JSON text with keys in the order given, so that contracts (`history`, `stats`,
/// findings) are byte-stable across runs and versions.
public struct JSONWriter {
    // Bytes, not a String: appending to a String costs more than the rest of a
    // 10,000-request `freq history` put together (measured with perf).
    private var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private let indentUnit: [UInt8]
    private var pretty: Bool { !indentUnit.isEmpty }

    /// Indentation levels added to every line: a value written to be pasted `depth`
    /// levels deep into another document.
    private let depth: Int

    /// The JSON written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The JSON written so far, as UTF-8.
    public var utf8: [UInt8] { bytes }

    /// Bytes written so far (since the last `flush`).
    public var count: Int { bytes.count }

    /// `indent` of "" writes compact JSON on one line.
    public init(indent: String = "  ", depth: Int = 0, capacity: Int = 1 << 16) {
        indentUnit = Array(indent.utf8)
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    /// A value already written as JSON (by a writer of the same indent and the right
    /// `depth`), pasted as it is.
    public mutating func raw(_ json: some Collection<UInt8>) {
        beginValue()
        bytes.append(contentsOf: json)
    }

    /// Hands the bytes written so far to `output` and forgets them (keeping the buffer),
    /// so that a long document is written in pieces through one small buffer.
    public mutating func flush(to output: ([UInt8]) -> Void) {
        output(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// The newline that ends a document.
    public mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(needsComma.count - 1 + depth) { bytes.append(contentsOf: indentUnit) }
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if pretty && needsComma.count > 1 { newline() }
    }

    private mutating func open(_ bracket: String) {
        append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if pretty && hadItems { newline() }
        append(bracket)
    }

    /// Writes `"key": ` inside an object; follow it with exactly one value call.
    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        append(pretty ? ": " : ":")
        afterKey = true
    }

    /// Set between a key and its value: the value takes no separator of its own.
    private var afterKey = false

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    public mutating func beginObject() { beginValue(); open("{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray() { beginValue(); open("[") }
    public mutating func endArray() { close("]") }

    public mutating func string(_ value: String?) {
        beginValue()
        if let value {
            Self.appendQuoted(value, to: &bytes)
        } else {
            append("null")
        }
    }

    public mutating func int(_ value: Int?) {
        beginValue()
        append(value.map { String($0) } ?? "null")
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        append(value ? "true" : "false")
    }

    /// A number at full precision: the shortest text that reads back as the same double
    /// (`0.03125`, `40.0`, `1e-05`); null for nil, NaN and infinities.
    public mutating func exactNumber(_ value: Double?) {
        beginValue()
        append(Self.exact(value) ?? "null")
    }

    /// The shortest decimal text that reads back as `value`, valid in JSON and CSV; nil for
    /// nil, NaN and infinities.
    public static func exact(_ value: Double?) -> String? {
        guard let value, value.isFinite else { return nil }
        // Swift's description is the shortest round-trip form; `-0.0` reads back the same.
        return value.description
    }

    public mutating func null() {
        beginValue()
        append("null")
    }

    /// Any JSON value, objects with sorted keys.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .integer(let number): int(number)
        case .double(let number): exactNumber(number)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for name in members.keys.sorted() {
                key(name)
                self.value(members[name] ?? .null)
            }
            endObject()
        }
    }

    /// `key` then a string, in one call.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    public mutating func field(_ name: String, _ value: Int?) {
        key(name)
        int(value)
    }

    /// Decimal text of `value` with at most `places` decimals, trailing zeros kept to one
    /// (`40.0`, `0.2586`), for people (tables, charts); programs get `exact`. Values beyond `Int`'s
    /// range keep Swift's shortest exponent form (`1e+300`, valid JSON) instead of trapping.
    public static func formatted(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            return String(Int(rounded)) + ".0"
        }
        var text = String(rounded)
        if text.contains("e"), abs(rounded) < 1 {
            // Tiny values: fixed digits.
            let integer = Int(rounded)
            let fraction = Int(((abs(rounded) - Double(abs(integer))) * scale).rounded())
            var digits = String(fraction)
            digits = String(repeating: "0", count: max(0, places - digits.count)) + digits
            while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
            text = (rounded < 0 && integer == 0 ? "-" : "") + String(integer) + "." + digits
        }
        return text
    }

    /// A JSON string literal, escaping what RFC 8259 requires (and U+2028/U+2029, which
    /// JavaScript string literals cannot hold).
    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Fast path: most strings (ids, paths, commit ids) need no escaping at all.
        var copy = value
        let plain = copy.withUTF8 { buffer in
            if buffer.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0xE2 && $0 != 0xF4 }) {
                bytes.append(contentsOf: buffer)
                return true
            }
            return false
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        // A byte of a file name that is not UTF-8 (`PathBytes`): `\\xHH` in the JSON text,
        // read back as the `\xHH` every other output shows.
        let value = PathBytes.escaped(value)
        var utf8 = value.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
                pending = [byte]
                if let second = utf8.next() {
                    pending.append(second)
                    if second == 0x80, let third = utf8.next() {
                        if third == 0xA8 || third == 0xA9 {
                            bytes += Array((third == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                            continue
                        }
                        pending.append(third)
                    }
                }
                bytes += pending
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
