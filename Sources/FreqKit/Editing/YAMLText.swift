/// YAML source text for values freq writes into front matter.
public enum YAMLText {
    /// `text` as a YAML scalar: plain when every reader reads it back as the same string
    /// (`planned`, `Acme Corp`), else double-quoted (`"true"`, `"Export: CSV"`, `"0381"`,
    /// and what a YAML 1.1 reader such as PyYAML or Ruby would retype: `"NO"`, `"on"`,
    /// `"2026-01-01"`, `"1_000"`). With `plainDay`, a `YYYY-MM-DD` day stays plain: in a
    /// date field a reader's date is what it means. With `flow`, also safe inside `[...]`
    /// and `{...}`.
    public static func scalar(_ text: String, flow: Bool = false, plainDay: Bool = false) -> String {
        guard isSafePlain(text, flow: flow) else { return doubleQuoted(text) }
        if plainDay, isDay(text) { return text }
        return retypedByYAML11(text) ? doubleQuoted(text) : text
    }

    /// Whether a YAML 1.1 reader would read the plain scalar `text` as something other than
    /// a string: booleans (`y`, `NO`, `on`), null, base-2/8/60 and `_`-grouped numbers,
    /// timestamps.
    static func retypedByYAML11(_ text: String) -> Bool {
        let booleans: Set<String> = [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", "",
        ]
        if booleans.contains(text) { return true }
        let scalars = Array(text.unicodeScalars)
        let digit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        // A timestamp starts with `YYYY-M-D`.
        if scalars.count >= 8, scalars.prefix(4).allSatisfy(digit), scalars[4] == "-" {
            let rest = String(String.UnicodeScalarView(scalars[5...]))
            let parts = rest.split(separator: "-", maxSplits: 1)
            if parts.count == 2, (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
                parts[1].prefix(while: \.isASCIIDigit).count >= 1
            {
                return true
            }
        }
        // Numbers: a sign, then digits with `_`, `:` (base 60), `.`, or `0b`/`0x`/`0` prefixes.
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let first = body.first, first.isASCIIDigit || first == "." else { return false }
        let allowed = Set("0123456789_:.abcdefABCDEFxXoObBeE+-")
        return body.allSatisfy { allowed.contains($0) } && body.contains(where: \.isASCIIDigit)
    }

    private static func isDay(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 10 && scalars[4] == "-" && scalars[7] == "-"
            && scalars.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ("0"..."9").contains($0.element) }
    }

    /// `text` double-quoted, with `\` escapes for quotes, backslashes and control characters.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Any value as YAML on one line: scalars as `scalar`, lists and mappings in flow
    /// style (mapping keys sorted, for a stable output).
    public static func render(_ value: JSONValue, flow: Bool, plainDay: Bool = false) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .double(let number): return number.isFinite ? String(number) : (number.isNaN ? ".nan" : (number > 0 ? ".inf" : "-.inf"))
        case .string(let text): return scalar(text, flow: flow, plainDay: plainDay)
        case .array(let items): return "[" + items.map { render($0, flow: true) }.joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { key in
                scalar(key, flow: true) + ": " + render(members[key] ?? .null, flow: true)
            }.joined(separator: ", ") + "}"
        }
    }

    /// Whether `text` may be written plain: a conservative character check first, then
    /// the reader itself decides (so `true`, `~`, `0x1F`, `1e3` end up quoted).
    static func isSafePlain(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first != " ", last != " ", !text.hasSuffix(":")
        else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                || scalar.value == 0x2028 || scalar.value == 0x2029
            {
                return false
            }
            if flow, ",[]{}".unicodeScalars.contains(scalar) { return false }
        }
        let probe = flow ? "---\nk: [" + text + "]\n---\n" : "---\nk: " + text + "\n---\n"
        guard case .success(let document) = FrontMatterReader.read(Array(probe.utf8)) else { return false }
        return document.value["k"] == (flow ? .array([.string(text)]) : .string(text))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
