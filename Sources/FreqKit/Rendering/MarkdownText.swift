/// Escaping for text placed in Markdown (tables included).
public enum MarkdownText {
    /// Escapes what Markdown would read as markup or as a table cell boundary; inline
    /// code spans (backticks) are kept, since rule examples use them on purpose.
    public static func escape(_ text: String, keepCode: Bool = true) -> String {
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
}
