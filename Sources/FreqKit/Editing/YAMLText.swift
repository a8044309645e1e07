/// YAML source text for values freq writes into front matter.
public enum YAMLText {
    /// `text` as a YAML scalar: plain when it reads back as the same string (`planned`,
    /// `2026-11-02`, `Acme Corp`), else double-quoted (`"true"`, `"Export: CSV"`, `"0381"`).
    /// With `flow`, also safe inside `[...]` and `{...}`.
    public static func scalar(_ text: String, flow: Bool = false) -> String {
        isSafePlain(text, flow: flow) ? text : doubleQuoted(text)
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
    public static func render(_ value: JSONValue, flow: Bool) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .double(let number): return number.isFinite ? String(number) : (number.isNaN ? ".nan" : (number > 0 ? ".inf" : "-.inf"))
        case .string(let text): return scalar(text, flow: flow)
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
