/// Escaping for text placed in Markdown (tables included).
public enum MarkdownText {
    /// Escapes what Markdown would read as markup or as a table cell boundary; inline
    /// code spans (backticks) are kept, since rule examples use them on purpose.
    public static func escape(_ text: String, keepCode: Bool = true) -> String {
        // Most cells (ids, titles, dates) hold no byte to escape: returned as they are.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !needsEscape($0, keepCode: keepCode) }) { return text }
        return escapeCharacters(text, keepCode: keepCode)
    }

    /// `escape`, Character by Character.
    static func escapeCharacters(_ text: String, keepCode: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\\", "*", "_", "[", "]", "<", ">", "#", "!":
                result += "\\\(character)"
            case "`" where !keepCode: result += "\\`"
            case "&": result += "&amp;"  // so `&#124;` stays text, not a decoded `|`
            case _ where character.isNewline: result += " "  // "\r\n" is one Character
            default: result.append(character)
            }
        }
        return result
    }

    /// Whether `escape` changes this printable ASCII byte.
    private static func needsEscape(_ byte: UInt8, keepCode: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "!"), UInt8(ascii: "&"):
            return true
        case UInt8(ascii: "`"): return !keepCode
        default: return false
        }
    }
}
