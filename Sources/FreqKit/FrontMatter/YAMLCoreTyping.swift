/// YAML 1.2 core-schema typing of scalars, done here rather than by Yams' resolvers:
/// Yams' default resolver is YAML 1.1-flavoured (`no`, `on`, `2026-11-02` would not stay
/// strings) and runs a regular expression per scalar, which is slow.
enum YAMLCoreTyping {
    /// The tag prefix libyaml expands `!!` to.
    static let standardTagPrefix = "tag:yaml.org,2002:"
    private static let stringTag = "tag:yaml.org,2002:str"

    /// What a scalar's explicit tag asks for.
    enum TagRequest: Equatable {
        /// No tag (a plain scalar): type it by the core schema.
        case implicit
        /// `!` or `!!str`, or a quoted or block scalar: always a string.
        case string
        case integer
        case float
        case bool
        case null
        /// `!!map` or `!!seq`: only valid on a collection of that kind.
        case mapping
        case sequence
        /// Any other tag: freq does not guess what it means.
        case unsupported(String)
    }

    /// Classifies a tag as Yams reports it (`""` for none, `!` for the non-specific tag,
    /// `tag:yaml.org,2002:int` for `!!int`).
    static func request(forTag tag: String, plain: Bool) -> TagRequest {
        if tag.isEmpty { return plain ? .implicit : .string }
        // Yams resolves every key's tag to `!!str` while checking for duplicates: the common case.
        if tag == "!" || tag == stringTag { return .string }
        guard tag.hasPrefix(standardTagPrefix) else { return .unsupported(tag) }
        switch tag.dropFirst(standardTagPrefix.count) {
        case "str": return .string
        case "int": return .integer
        case "float": return .float
        case "bool": return .bool
        case "null": return .null
        case "map": return .mapping
        case "seq": return .sequence
        default: return .unsupported(tag)
        }
    }

    /// The tag as an author writes it: `!!int` rather than `tag:yaml.org,2002:int`.
    static func displayName(ofTag tag: String) -> String {
        tag.hasPrefix(standardTagPrefix) ? "!!" + tag.dropFirst(standardTagPrefix.count) : tag
    }

    /// Types a plain (unquoted, untagged) scalar by the YAML 1.2 core schema.
    static func typePlain(_ text: String) -> JSONValue {
        let typed = text.utf8.withContiguousStorageIfAvailable { classify($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { classify($0) }
        return typed ?? .string(text)
    }

    /// Types a scalar that carries an explicit tag; nil when its text does not fit the tag
    /// (`!!int abc`), which the reader reports.
    static func typeTagged(_ text: String, as request: TagRequest) -> JSONValue? {
        switch request {
        case .implicit: return typePlain(text)
        case .string: return .string(text)
        case .integer:
            if case .integer(let value) = typePlain(text) { return .integer(value) }
            // An integer too big for `Int` is typed as a double (see `classify`).
            if case .double(let value) = typePlain(text), isIntegerText(text) { return .double(value) }
            return nil
        case .float:
            switch typePlain(text) {
            case .integer(let value): return .double(Double(value))
            case .double(let value): return .double(value)
            default: return nil
            }
        case .bool:
            if case .bool(let value) = typePlain(text) { return .bool(value) }
            return nil
        case .null:
            if case .null = typePlain(text) { return .null }
            return nil
        case .mapping, .sequence, .unsupported: return nil
        }
    }

    private static func isIntegerText(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { matchInteger($0) != nil }
            ?? Array(text.utf8).withUnsafeBufferPointer { matchInteger($0) != nil }
    }

    // MARK: - Byte-level classification

    private static let dot = UInt8(ascii: ".")
    private static let plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-")
    private static let zero = UInt8(ascii: "0")

    /// Returns the typed value, or nil when the text is a string. Checks the first byte
    /// first, so that the common case (a word) costs one comparison.
    static func classify(_ b: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let first = b.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return b.count == 1 ? .null : nil
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return equalsAny(b, ["null", "Null", "NULL"]) ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return equalsAny(b, ["true", "True", "TRUE"]) ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return equalsAny(b, ["false", "False", "FALSE"]) ? .bool(false) : nil
        case dot, plus, minus, zero...UInt8(ascii: "9"):
            return classifyNumber(b)
        default:
            return nil
        }
    }

    private static func equalsAny(_ b: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
        for word in words where word.utf8CodeUnitCount == b.count {
            let same = word.withUTF8Buffer { $0.elementsEqual(b) }
            if same { return true }
        }
        return false
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= UInt8(ascii: "9") }

    private static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case zero...UInt8(ascii: "9"): return Int(c - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// The radix and digit range of an integer in core-schema form
    /// (`[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`), or nil.
    private static func matchInteger(_ b: UnsafeBufferPointer<UInt8>) -> (radix: Int, negative: Bool, digits: Range<Int>)? {
        let n = b.count
        if n > 2, b[0] == zero, b[1] == UInt8(ascii: "o") {
            for i in 2..<n where !(b[i] >= zero && b[i] <= UInt8(ascii: "7")) { return nil }
            return (8, false, 2..<n)
        }
        if n > 2, b[0] == zero, b[1] == UInt8(ascii: "x") {
            for i in 2..<n where hexValue(b[i]) == nil { return nil }
            return (16, false, 2..<n)
        }
        var start = 0
        var negative = false
        if b[0] == plus || b[0] == minus {
            negative = b[0] == minus
            start = 1
        }
        guard start < n else { return nil }
        for i in start..<n where !isDigit(b[i]) { return nil }
        return (10, negative, start..<n)
    }

    /// Core-schema float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func matchesFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        if i < n, b[i] == plus || b[i] == minus { i += 1 }
        var mantissaDigits = 0
        while i < n, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        if i < n, b[i] == dot {
            i += 1
            var fraction = 0
            while i < n, isDigit(b[i]) { i += 1; fraction += 1 }
            // `.` needs digits on one side at least; `.5` needs them after.
            if mantissaDigits == 0 && fraction == 0 { return false }
        } else if mantissaDigits == 0 {
            return false
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == plus || b[i] == minus { i += 1 }
            var exponent = 0
            while i < n, isDigit(b[i]) { i += 1; exponent += 1 }
            if exponent == 0 { return false }
        }
        return i == n
    }

    private static func classifyNumber(_ b: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        if let match = matchInteger(b) {
            var value = 0
            var overflow = false
            for i in match.digits {
                let digit = match.radix == 16 ? (hexValue(b[i]) ?? 0) : Int(b[i] - zero)
                let (shifted, o1) = value.multipliedReportingOverflow(by: match.radix)
                let (next, o2) = match.negative
                    ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                if o1 || o2 { overflow = true; break }
                value = next
            }
            if !overflow { return .integer(value) }
            // Too big for `Int`: keep it a number (JSON has no integer width), as a double.
            if match.radix == 10, let double = Double(String(decoding: b, as: UTF8.self)) {
                return .double(double)
            }
            var double = 0.0
            for i in match.digits {
                let digit = match.radix == 16 ? (hexValue(b[i]) ?? 0) : Int(b[i] - zero)
                double = double * Double(match.radix) + Double(digit)
            }
            return .double(match.negative ? -double : double)
        }
        // `.inf`, `-.Inf`, `.NaN`…
        var rest = b
        var sign = 1.0
        if let first = b.first, first == plus || first == minus {
            sign = first == minus ? -1 : 1
            rest = UnsafeBufferPointer(rebasing: b[1...])
        }
        if equalsAny(rest, [".inf", ".Inf", ".INF"]) { return .double(sign * .infinity) }
        if rest.count == b.count, equalsAny(b, [".nan", ".NaN", ".NAN"]) { return .double(.nan) }
        if matchesFloat(b), let value = Double(String(decoding: b, as: UTF8.self)) {
            return .double(value)
        }
        return nil
    }
}
