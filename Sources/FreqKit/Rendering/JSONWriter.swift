/// Writes JSON text with keys in the order given, so that contracts (`history`, `stats`,
/// findings) are byte-stable across runs and versions.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String
    private var pretty: Bool { !indentUnit.isEmpty }

    /// `indent` of "" writes compact JSON on one line.
    public init(indent: String = "  ") {
        indentUnit = indent
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if pretty && needsComma.count > 1 {
            text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1)
        }
    }

    private mutating func open(_ bracket: String) {
        text += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if pretty && hadItems { text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1) }
        text += bracket
    }

    /// Writes `"key": ` inside an object; follow it with exactly one value call.
    public mutating func key(_ name: String) {
        separate()
        text += Self.quoted(name) + (pretty ? ": " : ":")
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
        text += value.map(Self.quoted) ?? "null"
    }

    public mutating func int(_ value: Int?) {
        beginValue()
        text += value.map { String($0) } ?? "null"
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        text += value ? "true" : "false"
    }

    /// A number rounded to `places` decimals, written without exponent; null for nil/NaN.
    public mutating func number(_ value: Double?, places: Int = 4) {
        beginValue()
        guard let value, value.isFinite else {
            text += "null"
            return
        }
        text += Self.formatted(value, places: places)
    }

    public mutating func null() {
        beginValue()
        text += "null"
    }

    /// Any JSON value, objects with sorted keys.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .integer(let number): int(number)
        case .double(let number): self.number(number, places: 6)
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
    /// (`40.0`, `0.2586`), so numbers read the same in every run.
    public static func formatted(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            return String(Int(rounded)) + ".0"
        }
        var text = String(rounded)
        if text.contains("e") {
            // Tiny or huge values: fall back to fixed digits.
            let integer = Int(rounded)
            let fraction = Int(((abs(rounded) - Double(abs(integer))) * scale).rounded())
            var digits = String(fraction)
            digits = String(repeating: "0", count: max(0, places - digits.count)) + digits
            while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
            text = (rounded < 0 && integer == 0 ? "-" : "") + String(integer) + "." + digits
        }
        return text
    }

    /// A JSON string literal, escaping what RFC 8259 requires.
    public static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
