/// Wording shared by schema messages: written for people who do not know JSON Schema.
enum SchemaText {
    /// The subject of a sentence for a place in the instance: "`requested_by[0].date`".
    static func subject(_ path: InstancePath) -> String {
        path.isEmpty ? "the document" : "`\(path.dotted)`"
    }

    /// A value as it appears in a message: numbers bare, everything else in backticks,
    /// long text cut short.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .integer, .double: return compact(value)
        default: return "`\(compact(value))`"
        }
    }

    /// A comma-separated list of rendered values, shortened after `limit` items.
    static func list(_ values: [JSONValue], limit: Int = 12) -> String {
        var parts = values.prefix(limit).map(render)
        if values.count > limit { parts.append("and \(values.count - limit) more") }
        return parts.joined(separator: ", ")
    }

    /// Names in backticks joined with commas and a final "and"/"or".
    static func names(_ names: [String], conjunction: String = "and") -> String {
        let quoted = names.map { "`\($0)`" }
        guard quoted.count > 1, let last = quoted.last else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// Phrases joined with commas and a final "or".
    static func alternatives(_ phrases: [String]) -> String {
        guard phrases.count > 1, let last = phrases.last else { return phrases.first ?? "" }
        return phrases.dropLast().joined(separator: ", ") + " or " + last
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// A JSON type name as people say it: "text", "a whole number", "a list".
    static func typePhrase(_ type: String) -> String {
        switch type {
        case "string": return "text"
        case "integer": return "a whole number"
        case "number": return "a number"
        case "boolean": return "`true` or `false`"
        case "array": return "a list"
        case "object": return "a mapping of keys to values"
        case "null": return "empty"
        default: return "`\(type)`"
        }
    }

    /// What was found, for "…, found text `three`".
    static func found(_ value: JSONValue) -> String {
        switch value {
        case .null: return "an empty value"
        case .bool(let flag): return "`\(flag)`"
        case .integer, .double: return "the number \(compact(value))"
        case .string(let text): return text.isEmpty ? "empty text" : "text \(render(value))"
        case .array(let items): return items.isEmpty ? "an empty list" : "a list"
        case .object: return "a mapping"
        }
    }

    /// Compact JSON-like text of a value, at most `limit` characters.
    static func compact(_ value: JSONValue, limit: Int = 60) -> String {
        var text = ""
        write(value, into: &text, limit: limit, depth: 0)
        if text.unicodeScalars.count > limit {
            var cut = String.UnicodeScalarView(text.unicodeScalars.prefix(limit - 1))
            cut.append("…")
            return String(cut)
        }
        return text
    }

    private static func write(_ value: JSONValue, into text: inout String, limit: Int, depth: Int) {
        if text.utf8.count > limit * 4 || depth > 8 {
            text += "…"
            return
        }
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .integer(let integer): text += String(integer)
        case .double(let double): text += "\(double)"
        case .string(let string):
            let escaped = string.replacingControlCharacters()
            text += depth == 0 ? escaped : "\"\(escaped)\""
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += ", " }
                write(item, into: &text, limit: limit, depth: depth + 1)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { text += ", " }
                text += "\(key): "
                if let member = members[key] { write(member, into: &text, limit: limit, depth: depth + 1) }
            }
            text += "}"
        }
    }
}

extension String {
    /// Line breaks and tabs shown as `\n`, `\t`, so a message stays on one line.
    fileprivate func replacingControlCharacters() -> String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
